import ClaimTraceCore

/// Direct quotations: their kind (speaker, scare, title), the speaker a tag names before, after or
/// around them, and short phrases that echo a nearby speaker's words.
extension DocumentRun {
    /// Finds quotations in paragraph `p`, decides their kind, and gives speaker quotes a speaker.
    mutating func quotes(in p: Int) -> [Quote] {
        let paragraph = paragraphs[p]
        let reader = NameReader(tokens: paragraph.tokens, scalars: scalars)
        var out: [Quote] = []
        var previousSpeaker: (String?, String?, String?, String?)?  // speaker, description, role, cue
        for mark in paragraph.marks {
            // An unclosed quotation runs to the paragraph's end when it opens the paragraph, goes on in
            // the next one, or follows an introduction ("said: “These rioters …").
            if mark.unclosed && !(mark.open == paragraph.range.lowerBound || nextParagraphOpensQuote(p) || followsColon(paragraph, mark.open)) { continue }
            guard let sentence = paragraph.sentences.first(where: { s in
                let sp = span(paragraph, s)
                return sp.start <= mark.open && mark.open < sp.end
            }) ?? paragraph.sentences.first else { continue }
            // Tokens are in text order: the ones around the marks are found by halving, and the words
            // inside counted in place (scanning and copying them out grew arrays for every quotation).
            let tokens = paragraph.tokens
            let inside = tokens.partition { $0.start >= mark.inner.start }
            let firstInside = inside < tokens.count ? inside : sentence.upperBound
            let firstAfter = tokens.partition { $0.start > mark.close }
            let lastBefore = tokens.partition { $0.end > mark.open } - 1
            var quote = Quote(span: mark.inner, kind: .speaker)
            var words = 0
            for k in firstInside..<min(firstAfter, tokens.count) where tokens[k].kind == .word && tokens[k].start < mark.inner.end { words += 1 }

            // "their podcast “Beyond Finances”", "a book called “River Law”": a capitalised title right
            // after the noun or verb that names it, whoever speaks in the sentence.
            if lastBefore >= 0, words <= 8, Lexicon.titleNouns.contains(paragraph.tokens[lastBefore].lower),
               Tokenizer.isUpper(scalars[mark.inner.start]) {
                quote.kind = .title
            } else if lastBefore >= 0, words <= 6, isNamedAsPhrase(tokens, before: lastBefore) {
                // "never used the term “three amigos”", "known as the “Three Amigos”": a phrase
                // named as a phrase, whoever speaks in the sentence.
                quote.kind = .scare
            } else if lastBefore >= 0, words <= 6, isTitleCased(tokens, firstInside..<min(firstAfter, tokens.count), end: mark.inner.end),
                      isTitleSlot(tokens, before: lastBefore, after: firstAfter) {
                // "said on CNBC's “Trading Nation”", "eliminated from “Dancing with the Stars”", "the
                // “Pose” actor": a show or work named where it aired or what it made someone.
                quote.kind = .title
            } else if let found = speakerAfter(reader, paragraph, from: firstAfter, quote: mark.inner, sentence: sentence)
                ?? speakerBefore(reader, paragraph, before: lastBefore + 1, sentence: sentence)
                ?? speakerLater(reader, paragraph, from: firstAfter, sentence: sentence)
                ?? speakerWithVerbInside(reader, paragraph, firstInside: firstInside, lastBefore: lastBefore, sentence: sentence) {
                apply(found.phrase, cue: found.cue, to: &quote)
            } else if isTitle(paragraph, before: lastBefore, after: firstAfter, words: words) {
                quote.kind = .title
            } else if words <= 4 && !endsLikeSentence(mark.inner) && !(lastNamedQuote.map { $0.paragraph >= p } ?? false) {
                // "his claim that the pair were “not close”": a few words inside what a named source
                // is reported to have said are that source's words.
                if let credited = result.attributions.last(where: { $0.span.contains(mark.inner) && $0.source != nil && $0.cueSpan.end <= mark.open }) {
                    (quote.speaker, quote.cue) = (credited.source, credited.cue)
                } else {
                    quote.kind = .scare
                }
            } else if isMention(paragraph, lastBefore: lastBefore, firstAfter: firstAfter, sentence: sentence) {
                // Words held up as a phrase inside the writer's own clause, with no one saying them:
                // "went from “we're staying out” to “just some aid”", "there would be “no boots”".
                quote.kind = .scare
            } else if let previous = previousSpeaker {
                // A further quotation in the same paragraph continues the last speaker's words.
                (quote.speaker, quote.speakerDescription, quote.role, quote.cue) = previous
            } else if let credited = result.attributions.last(where: { $0.span.contains(mark.inner) && ($0.source != nil || $0.sourceDescription != nil) }) {
                // "Liu said the army could be deployed, warning: “…”": the sentence that carries the
                // quotation credits it to its source.
                (quote.speaker, quote.speakerDescription, quote.cue) = (credited.source, credited.sourceDescription, credited.cue)
            } else if p > 0, let carried = carriedSpeaker(from: p - 1) {
                (quote.speaker, quote.speakerDescription, quote.role, quote.cue) = carried
            } else if p > 0, mark.open == paragraph.range.lowerBound || paragraph.marks.first?.open == mark.open,
                      let speaker = known.filter({ paragraphs[p - 1].range.contains($0.lastSeen) }).max(by: { $0.lastSeen < $1.lastSeen }) {
                // "Marinov said the fish had gone …" ¶ "“We saw them float past all morning …”": a
                // quotation with no tag goes on from whoever the paragraph before reported.
                (quote.speaker, quote.role) = (speaker.name, speaker.role)
            } else if let person = people.last(where: { $0.at < mark.open }), p > 0,
                      person.at >= paragraphs[p - 1].range.lowerBound,
                      person.at > (lastNamedQuoteOffset ?? -1) {
                // The person the writer has just introduced: "Harbour master Lena Voss was asked about
                // the log again … Her answer? “We have nothing to add …”"
                let full = known.last(where: { $0.name.isFullName(of: person.name) })
                quote.speaker = full?.name ?? person.name
                quote.role = full?.role
            } else if let last = lastNamedQuote, last.paragraph >= p - 2 {
                (quote.speaker, quote.role, quote.cue) = (last.speaker, last.role, last.cue)
            }
            if quote.kind == .speaker, let speaker = quote.speaker {
                lastNamedQuote = (speaker, quote.role, quote.cue, p)
                lastNamedQuoteOffset = quote.span.start
            }
            if quote.kind == .speaker, quote.speaker != nil || quote.speakerDescription != nil {
                previousSpeaker = (quote.speaker, quote.speakerDescription, quote.role, quote.cue)
            }
            // "… the commander:" ¶ "“… came back with the agreement …”": a paragraph that is one
            // quotation, set off by an introduction that ends in a colon after the one who speaks,
            // is a block quote ("Here are some of the highlights:" names no one).
            if quote.kind == .speaker, p > 0, paragraph.marks.count == 1, isWholeParagraph(mark, of: paragraph),
               endsNamingSpeaker(paragraphs[p - 1]) {
                quote.block = true
            }
            out.append(quote)
        }
        markTitleLists(&out, in: paragraph)
        result.quotes += out
        return out
    }

    /// "hits including “Listen To The Music,” “Black Water” and “China Grove”": title-cased
    /// quotations listed one after another are titles, whoever the sentence credits.
    func markTitleLists(_ quotes: inout [Quote], in paragraph: Paragraph) {
        // (Most paragraphs hold no two quotations a few characters apart: they are passed over
        // before any quotation's words are read.)
        guard quotes.count >= 2, zip(quotes, quotes.dropFirst()).contains(where: { $1.span.start - $0.span.end <= 12 }) else { return }
        let tokens = paragraph.tokens
        // (A one-word answer is no title: "“Yes,” “No,” he said" lists replies.)
        let titleCased = quotes.map { quote in
            let inside = tokens.partition { $0.start >= quote.span.start }..<tokens.partition { $0.start >= quote.span.end }
            return tokens[inside].lazy.filter { $0.kind == .word }.count >= 2 && isTitleCased(tokens, inside, end: quote.span.end)
        }
        // Only commas, "and", "or" and the marks themselves between two quotations.
        func listed(_ a: Quote, _ b: Quote) -> Bool {
            let between = tokens.partition { $0.start >= a.span.end }..<tokens.partition { $0.start >= b.span.start }
            return between.count <= 5 && tokens[between].allSatisfy { t in
                t.kind == .punctuation ? Token.isMark(t.mark, in: ",”“\"") : ["and", "or"].contains(t.lower)
            }
        }
        for n in quotes.indices where titleCased[n] && !quotes[n].block {
            let before = n > 0 && titleCased[n - 1] && listed(quotes[n - 1], quotes[n])
            let after = n + 1 < quotes.count && titleCased[n + 1] && listed(quotes[n], quotes[n + 1])
            guard before || after else { continue }
            quotes[n] = Quote(span: quotes[n].span, kind: .title)
        }
    }

    /// Whether a paragraph ends in a colon right after a name or a source's description ("…, the
    /// commander:") or after "that".
    func endsNamingSpeaker(_ paragraph: Paragraph) -> Bool {
        let tokens = paragraph.tokens
        guard let colon = tokens.indices.last, tokens[colon].mark == ":", colon > 0 else { return false }
        // "… fighters to suspect that:": what follows is what they suspect.
        if tokens[colon - 1].lower == "that" { return true }
        guard let phrase = NameReader(tokens: tokens, scalars: scalars).before(colon, lowerBound: max(0, colon - 8)) else { return false }
        guard phrase.kind == .description else { return phrase.kind == .named }
        // A description counts when its last word is one for a person or a source ("the commander").
        let head = String(phrase.text.lowercased().split(separator: " ").last ?? "")
        return phrase.role != nil || Self.sourceHeads.contains(head) || Self.isPersonNoun(head) || tokens[colon - 1].classes.contains(.titleWords)
    }

    /// Whether a quotation's marks open the paragraph and close it.
    func isWholeParagraph(_ mark: QuoteMarks.Found, of paragraph: Paragraph) -> Bool {
        guard mark.open == paragraph.range.lowerBound else { return false }
        var end = paragraph.range.upperBound - 1
        while end > mark.close, Tokenizer.isSpace(scalars[end]) { end -= 1 }
        return end == mark.close
    }

    /// Verbs before a quotation whose object is the one quoted: "The article quotes a lorry driver, “…”".
    static let quotingVerbs: Set<String> = ["quotes", "quoted", "quoting", "cites", "cited", "citing"]

    /// Speech verbs whose object is the one spoken to or about, never an inverted speaker.
    static let objectVerbs: Set<String> = ["told", "tells", "telling", "tell", "accused", "accuses", "accusing", "urged", "urges",
                                           "warned", "warns", "assured", "assures", "criticised", "criticized", "praised", "blasted",
                                           "slammed", "condemned", "denounced", "dismissed", "rejected", "hailed", "welcomed",
                                           "begged", "quoted", "quotes", "described", "describes"]

    /// A quotation no one is said to speak, held up as a phrase inside the writer's own clause:
    /// "there would be “no boots on the ground”", "went from “we're staying out” to “just some aid”".
    func isMention(_ paragraph: Paragraph, lastBefore: Int, firstAfter: Int, sentence: Range<Int>) -> Bool {
        let tokens = paragraph.tokens
        guard lastBefore >= sentence.lowerBound, tokens[lastBefore].kind == .word else { return false }
        let word = tokens[lastBefore].lower
        if ["be", "than", "like", "the", "a", "an"].contains(word) { return true }
        guard ["to", "from", "of"].contains(word) else { return false }
        // A chain of quoted phrases joined by "to": each link is mentioned, not said.
        let afterChain = lastBefore > sentence.lowerBound && tokens[lastBefore - 1].kind == .punctuation
            && Token.isMark(tokens[lastBefore - 1].mark, in: "”\"") && word == "to"
        var next = firstAfter
        while next < tokens.count, tokens[next].kind == .punctuation, tokens[next].mark == "," { next += 1 }
        let beforeChain = next + 1 < tokens.count && tokens[next].lower == "to" && Token.isMark(tokens[next + 1].mark, in: "“\"")
        return afterChain || beforeChain
    }

    func nextParagraphOpensQuote(_ p: Int) -> Bool {
        guard p + 1 < paragraphs.count else { return false }
        let c = scalars[paragraphs[p + 1].range.lowerBound]
        return c == "“" || c == "\"" || c == "«"
    }

    /// Whether the mark at `open` follows a colon: "said: “…".
    func followsColon(_ paragraph: Paragraph, _ open: Int) -> Bool {
        guard let before = paragraph.tokens.lastIndex(where: { $0.end <= open }) else { return false }
        return paragraph.tokens[before].mark == ":"
    }

    /// The speaker of the last speaker quote of paragraph `p`, when that quotation runs on
    /// (news style opens each paragraph of a long quotation again), past image captions set
    /// between the paragraphs.
    func carriedSpeaker(from p: Int) -> (String?, String?, String?, String?)? {
        var p = p
        while p > 0, isCaption(p) { p -= 1 }
        guard let last = result.quotes.last, paragraphs[p].range.contains(last.span.start), last.kind == .speaker,
              paragraphs[p].marks.last?.unclosed == true else { return nil }
        return (last.speaker, last.speakerDescription, last.role, last.cue)
    }

    /// A short paragraph with no quotation that ends in a bracket: "Protesters at the port (Image: Reuters)".
    func isCaption(_ p: Int) -> Bool {
        let paragraph = paragraphs[p]
        return paragraph.marks.isEmpty && paragraph.tokens.count <= 40 && paragraph.tokens.last?.mark == ")"
    }

    struct FoundSpeaker {
        var phrase: NamePhrase
        var cue: String
    }

    /// `…,” Mattis said.` / `…,” said the spokesman.` / `…,” he told reporters.`
    func speakerAfter(_ reader: NameReader, _ paragraph: Paragraph, from index: Int, quote: TextSpan, sentence: Range<Int>) -> FoundSpeaker? {
        var i = index
        let tokens = paragraph.tokens
        while i < tokens.count, tokens[i].kind == .punctuation, Token.isMark(tokens[i].mark, in: ",”\"’'") { i += 1 }
        // A quotation closed by a full stop and followed by a capital starts a new sentence: only a
        // bare tag ("“….” Mattis said.") belongs to it, not "The Ledger confirmed this, …".
        let startsNewSentence = endsWithFullStop(quote) && i < tokens.count && tokens[i].capitalized
        // "the ‘open corridor’ policy": a quotation that modifies the noun after it has no speaker tag.
        if i == index, i < tokens.count, tokens[i].kind == .word, !tokens[i].capitalized, !tokens[i].acronym,
           !tokens[i].classes.contains(.speechVerbs), let mark = tokens[..<index].lastIndex(where: { $0.end < quote.start }),
           mark > 0, tokens[mark].kind == .punctuation, tokens[mark - 1].kind == .word,
           ["the", "a", "an", "this", "that", "its", "their", "his", "her", "our"].contains(tokens[mark - 1].lower) {
            return nil
        }
        // "“…” — Neil Gaiman": a credit line closing the paragraph, as under a pull quote or an epigraph.
        if i < tokens.count, tokens[i].kind == .punctuation, Token.isMark(tokens[i].mark, in: "—–"), i + 1 < tokens.count,
           let phrase = reader.after(i + 1, upperBound: min(tokens.count, i + 8)), phrase.kind == .named,
           tokens.partition({ $0.start >= phrase.span.end }) == tokens.count {
            return FoundSpeaker(phrase: phrase, cue: "credited")
        }
        // "the “new Gannett,” as Reed dubbed the combination": the words are the namer's.
        if i < tokens.count, tokens[i].lower == "as", let phrase = reader.after(i + 1, upperBound: min(tokens.count, i + 6)),
           phrase.kind != .description, let verb = tokens[(i + 1)...].firstIndex(where: { $0.start >= phrase.span.end }),
           verb < tokens.count, Self.namingVerbs.contains(tokens[verb].lower) {
            return FoundSpeaker(phrase: phrase, cue: tokens[verb].lower)
        }
        // A tag with a long appositive: "“…,” Réka Szélesi, a freshwater ecologist at the Pannonian
        // River Institute who has studied the side arms below Russe, said".
        // ("“…,” study lead author Elena Petrova, a river ecologist at …, said": a role before the name.)
        let hasAppositive = i < tokens.count
            && tokens[i..<min(tokens.count, i + 6)].firstIndex(where: { $0.mark == "," }).map { comma in
                comma > i && tokens[comma - 1].kind == .word && tokens[comma - 1].capitalized && (tokens[i].capitalized || comma - i >= 3)
            } ?? false
        var limit = min(tokens.count, i + (hasAppositive ? 30 : 8))
        // "“…,” Deputy Director Milena Todorinova of the Lower Danube Waterways Authority said": a
        // long name and the body it belongs to, all capitals and connectors up to the verb.
        var run = i
        while run < min(tokens.count, i + 16), tokens[run].kind == .word,
              tokens[run].capitalized || tokens[run].acronym || tokens[run].classes.contains(.nameConnectors) { run += 1 }
        if run >= limit, run < tokens.count, tokens[run].kind == .word, tokens[run].classes.contains(.speechVerbs) { limit = run + 1 }
        var k = i
        while k < limit {
            // (Read in place: a tag is looked for after every quotation.)
            // "…,” the “Pose” actor said": a short quoted title inside the tag is read past.
            if k > i, tokens[k].kind == .punctuation, Token.isMark(tokens[k].mark, in: "“\""),
               let close = ((k + 1)..<min(tokens.count, k + 6)).first(where: { tokens[$0].kind == .punctuation && Token.isMark(tokens[$0].mark, in: "”\"") }),
               close + 1 < tokens.count, tokens[close + 1].kind == .word, !tokens[close + 1].capitalized,
               !tokens[close + 1].classes.contains(.speechVerbs) {
                k = close + 1
                continue
            }
            if tokens[k].kind == .punctuation && Token.isMark(tokens[k].mark, in: "“\"(:") { return nil }
            if tokens[k].kind == .word, !tokens[k].capitalized, tokens[k].classes.contains(.speechVerbs) {
                if startsNewSentence, k + 1 < tokens.count, !(tokens[k + 1].kind == .punctuation && Token.isMark(tokens[k + 1].mark, in: ".,;")) {
                    return nil
                }
                if k > i, let phrase = reader.before(k, lowerBound: i) { return FoundSpeaker(phrase: phrase, cue: cueText(tokens, verb: k)) }
                // "said Mattis", but not "told Eastgate Wire" or "accused him": after these verbs comes
                // the one spoken to or about.
                if !Self.objectVerbs.contains(tokens[k].lower), !["him", "her", "them"].contains(tokens[min(k + 1, tokens.count - 1)].lower),
                   let phrase = reader.after(k + 1, upperBound: min(tokens.count, k + 9)), phrase.kind != .description || k == i {
                    return FoundSpeaker(phrase: phrase, cue: tokens[k].lower)
                }
                return nil
            }
            if tokens[k].kind == .punctuation, Token.isMark(tokens[k].mark, in: ".!?;") {
                // "Capt. Dr. Ivanov continued": the dot of an abbreviated title does not end the tag.
                guard tokens[k].mark == ".", k > i, SentenceSplitter.isAbbreviation(tokens, k - 1, dotAt: tokens[k].start) else { return nil }
            }
            k += 1
        }
        return nil
    }

    /// `“There was a patch” on the tank, according to inspector Pavel Draganov`: the source
    /// named later in the same sentence, with no other quotation between.
    func speakerLater(_ reader: NameReader, _ paragraph: Paragraph, from index: Int, sentence: Range<Int>) -> FoundSpeaker? {
        let tokens = paragraph.tokens
        var k = index
        while k + 2 < sentence.upperBound {
            // (Read in place, with "according" tested on its bit: this scans the rest of the sentence after every quotation.)
            if tokens[k].kind == .punctuation, Token.isMark(tokens[k].mark, in: "“\"«") { return nil }
            if tokens[k].kind == .word, tokens[k].classes.contains(.attributionCues), tokens[k].lower == "according", tokens[k + 1].lower == "to",
               let phrase = reader.after(k + 2, upperBound: sentence.upperBound) {
                return FoundSpeaker(phrase: reportSource(phrase, tokens: tokens, from: k + 2, to: min(sentence.upperBound, k + 10)), cue: "according to")
            }
            k += 1
        }
        return nil
    }

    /// `The LDWA “confirms that the tank was patched.”`: the quotation opens on the
    /// speech verb, and the name before the mark is its subject.
    func speakerWithVerbInside(_ reader: NameReader, _ paragraph: Paragraph, firstInside: Int, lastBefore: Int, sentence: Range<Int>) -> FoundSpeaker? {
        let tokens = paragraph.tokens
        guard firstInside < tokens.count, lastBefore >= sentence.lowerBound else { return nil }
        let verb = tokens[firstInside]
        guard verb.kind == .word, !verb.capitalized, verb.classes.contains(.reportingVerbs),
              verb.lower.hasSuffix("s") || verb.lower.hasSuffix("ed"), !Self.isNounUse(tokens, word: firstInside, sentence: sentence),
              let phrase = reader.before(lastBefore + 1, lowerBound: sentence.lowerBound), phrase.kind != .description else { return nil }
        return FoundSpeaker(phrase: phrase, cue: verb.lower)
    }

    func endsWithFullStop(_ span: TextSpan) -> Bool {
        var e = span.end - 1
        while e > span.start, Tokenizer.isSpace(scalars[e]) { e -= 1 }
        return e >= span.start && scalars[e] == "."
    }

    /// `Mattis said, “…` / `He told reporters: “…` / `According to the BBC, “…` / `Todorinova said the spill was “contained”`.
    func speakerBefore(_ reader: NameReader, _ paragraph: Paragraph, before index: Int, sentence: Range<Int>) -> FoundSpeaker? {
        let tokens = paragraph.tokens
        var k = index - 1
        while k >= sentence.lowerBound {
            // (Read in place, and the cue words tested on their bits: this scans back from every quotation.)
            if tokens[k].kind == .punctuation, Token.isMark(tokens[k].mark, in: "”\"") { return nil }  // another quotation lies between
            if tokens[k].kind == .word, tokens[k].classes.contains(.to), k > sentence.lowerBound, tokens[k - 1].lower == "according",
               let phrase = reader.after(k + 1, upperBound: index) {
                return FoundSpeaker(phrase: reportSource(phrase, tokens: tokens, from: k + 1, to: index), cue: "according to")
            }
            // "Todorinova: Reports are “not credible”": the name before a colon that opens the line.
            if tokens[k].kind == .punctuation, tokens[k].mark == ":", k > sentence.lowerBound, k - sentence.lowerBound <= 4, k + 1 < index,
               let phrase = reader.before(k, lowerBound: sentence.lowerBound), phrase.kind == .named,
               tokens.index(startingAt: phrase.span.start) == sentence.lowerBound,
               people.contains(where: { $0.name.isFullName(of: phrase.text) })
                || known.contains(where: { $0.name.isFullName(of: phrase.text) }) {
                return FoundSpeaker(phrase: phrase, cue: ":")
            }
            // "The article quotes a lorry driver, “…”": the one quoted follows the verb.
            if tokens[k].kind == .word, tokens[k].classes.contains(.quotingVerbs),
               let phrase = reader.after(k + 1, upperBound: index) {
                return FoundSpeaker(phrase: phrase, cue: tokens[k].lower)
            }
            // "He said his predecessor, Fiona Hill, had dubbed it “the Gordon problem”": the words are
            // the one who coined them, inside what another reports.
            if tokens[k].kind == .word, index - k <= 10, Self.coiningVerbs.contains(tokens[k].lower),
               !Self.isPassive(tokens, verb: k, from: sentence.lowerBound),
               let phrase = reader.before(k, lowerBound: sentence.lowerBound), phrase.kind == .named {
                return FoundSpeaker(phrase: phrase, cue: tokens[k].lower)
            }
            if tokens[k].kind == .word, !tokens[k].capitalized || k == sentence.lowerBound,
               tokens[k].classes.contains(.speechVerbs) || Self.isCalling(tokens, verb: k, end: index) || Self.isWarning(tokens, verb: k),
               !Self.isPassive(tokens, verb: k, from: sentence.lowerBound),
               // ("the state and “We’re On It” became trends": a noun after its article.)
               !(k > sentence.lowerBound && tokens[k - 1].isArticle) {
                // "…, adding that the deal was “…”", "Petrov chimed in, noting that …": the
                // participle's subject opens the clause.
                // A quotation opening the sentence is not its subject: "“…,” Dempsey said, adding …".
                let clauseStart = tokens[sentence.lowerBound..<k].lastIndex(where: { $0.kind == .punctuation && $0.isMark(in: "”\"") })
                    .map { $0 + 1 } ?? sentence.lowerBound
                if tokens[k].lower.hasSuffix("ing"), k > clauseStart, tokens[k - 1].mark == ",",
                   citedSource(reader, tokens, sentence: sentence, before: k) == nil,
                   let subject = reader.clauseSubject(startingAt: clauseStart, before: k - 1), subject.kind != .description {
                    return FoundSpeaker(phrase: subject, cue: tokens[k].lower)
                }
                // "The group … sent a letter to management stating that they “…”": the words are the
                // letter's, and so the sender's.
                if let issued = documentReport(reader, tokens, verb: k, sentence: sentence), let sender = issued.phrase {
                    return FoundSpeaker(phrase: sender, cue: issued.cue)
                }
                guard let phrase = reader.before(k, lowerBound: sentence.lowerBound) else { k -= 1; continue }
                // "… and the letter Ivo wrote was “kind”": a verb in a clause that describes a noun
                // tells whose the noun is, not who is quoted; the sentence's own cue is further back.
                if Self.describesNoun(tokens, phrase: phrase, verb: k) { k -= 1; continue }
                // "Citing a 2019 Pannonian River Institute report, Szélesi explains that … “the side arms
                // recover last”": the quoted words are the cited document's.
                if let cited = citedSource(reader, tokens, sentence: sentence, before: k) { return cited }
                if phrase.kind == .pronoun, let role = roleBefore(reader, tokens, pronoun: phrase, sentence: sentence) {
                    return FoundSpeaker(phrase: role, cue: cueText(tokens, verb: k))
                }
                return FoundSpeaker(phrase: phrase, cue: cueText(tokens, verb: k))
            }
            k -= 1
        }
        return nil
    }

    /// "the letter Ivo wrote was": a name and its verb between a noun after its determiner and a
    /// copula.
    static func describesNoun(_ tokens: [Token], phrase: NamePhrase, verb: Int) -> Bool {
        guard phrase.kind == .named, verb + 1 < tokens.count, ["was", "is", "were", "are"].contains(tokens[verb + 1].lower),
              let at = tokens.index(startingAt: phrase.span.start), at >= 2 else { return false }
        let noun = tokens[at - 1], determiner = tokens[at - 2]
        return noun.kind == .word && !noun.capitalized && !noun.classes.contains(.prepositions) && !noun.classes.contains(.to)
            && determiner.kind == .word && (determiner.isArticle || ["his", "her", "their", "its"].contains(determiner.lower))
    }

    /// The named source of a sentence that opens "Citing X, …".
    func citedSource(_ reader: NameReader, _ tokens: [Token], sentence: Range<Int>, before limit: Int) -> FoundSpeaker? {
        var k = sentence.lowerBound
        while k < limit, tokens[k].kind == .punctuation { k += 1 }
        guard k < limit, tokens[k].lower == "citing", let phrase = reader.after(k + 1, upperBound: limit) else { return nil }
        let source = reportSource(phrase, tokens: tokens, from: k + 1, to: min(limit, k + 10))
        guard source.kind == .named, source.text.first?.isUppercase == true else { return nil }
        return FoundSpeaker(phrase: source, cue: "citing")
    }

    /// "Bulgaria's environment minister, when he told the media": a pronoun after a role named
    /// earlier in its own sentence stands for that role, not for a person named in an earlier one.
    func roleBefore(_ reader: NameReader, _ tokens: [Token], pronoun: NamePhrase, sentence: Range<Int>) -> NamePhrase? {
        guard let at = tokens.index(startingAt: pronoun.span.start) else { return nil }
        var k = at - 1
        while k >= sentence.lowerBound {
            if tokens[k].kind == .word, !tokens[k].capitalized, tokens[k].classes.contains(.personTitles), k + 1 < tokens.count,
               !(tokens[k + 1].kind == .word && tokens[k + 1].capitalized),
               let phrase = reader.before(k + 1, lowerBound: sentence.lowerBound), phrase.kind == .description {
                return phrase
            }
            k -= 1
        }
        return nil
    }

    /// "has put the loss at 3,000 litres": an estimate, reported like speech.
    static func isEstimate(_ tokens: [Token], verb: Int, end: Int) -> Bool {
        guard tokens[verb].classes.contains(.estimateVerbs),
              let at = tokens[(verb + 1)..<min(end, verb + 6)].firstIndex(where: { $0.lower == "at" }) else { return false }
        // A figure follows: "at 3,000 litres", "at about 400", not "at odds".
        return tokens[(at + 1)..<min(end, at + 4)].contains { $0.kind == .number || $0.classes.contains(.numberWords) }
    }

    /// "Pavel Draganov warning of “more leaks”": the participle after a name (as a
    /// noun, "a low-water warning", it reports nothing).
    static func isWarning(_ tokens: [Token], verb: Int) -> Bool {
        guard tokens[verb].lower == "warning", verb > 0, verb + 1 < tokens.count, ["of", "that"].contains(tokens[verb + 1].lower) else { return false }
        let before = tokens[verb - 1]
        return before.kind == .word && (before.capitalized || before.classes.contains(.personPronouns) || before.classes.contains(.groupPronouns))
    }

    /// "Ward sees Stadia's lineup as its weak spot": a view held of something, reported like
    /// speech ("saw the ship as it passed" is no view; "is widely seen as", with no one holding
    /// the view, is the writer's framing).
    static func isViewing(_ tokens: [Token], verb: Int, end: Int) -> Bool {
        guard tokens[verb].classes.contains(.viewVerbs), verb + 1 < end else { return false }
        guard ["the", "his", "her", "their", "its", "this", "that", "it", "them", "him"].contains(tokens[verb + 1].lower)
                || tokens[verb + 1].capitalized || tokens[verb + 1].possessive else { return false }
        var j = verb + 2
        while j < min(end, verb + 9), tokens[j].kind == .word || Token.isMark(tokens[j].mark, in: "’'") {
            if tokens[j].lower == "as" {
                // "as it passed": a clause of time, not what the thing is seen as.
                return j + 1 < end && !tokens[j + 1].classes.contains(.personPronouns) && !tokens[j + 1].classes.contains(.groupPronouns)
            }
            j += 1
        }
        return false
    }

    /// "The Arab League called it …", "called for …": naming or demanding, reported like speech.
    static func isCalling(_ tokens: [Token], verb: Int, end: Int) -> Bool {
        guard tokens[verb].lower == "called", verb + 1 < end else { return false }
        if ["it", "this", "them", "him", "her", "for"].contains(tokens[verb + 1].lower) { return true }
        // "called ‘Half-Life’ “a flagship game”": a quoted title given a name or a quoted verdict.
        if tokens[verb + 1].kind == .punctuation, Token.isMark(tokens[verb + 1].mark, in: "‘'“\""),
           let close = tokens[(verb + 2)..<min(end, verb + 14)].firstIndex(where: { $0.kind == .punctuation && Token.isMark($0.mark, in: "’'”\"") }),
           close + 1 < end {
            let next = tokens[close + 1]
            return ["a", "an"].contains(next.lower) || (next.kind == .punctuation && Token.isMark(next.mark, in: "“\"‘"))
        }
        // "called the toll plan a sham": a name given to a thing, not a telephone call.
        guard ["the", "his", "her", "their", "its", "this", "that"].contains(tokens[verb + 1].lower) else { return false }
        var j = verb + 2
        // ("called the Supreme Court decision on the steel case a landmark": the thing may be long.)
        while j < min(end, verb + 12), tokens[j].kind == .word {
            if ["a", "an"].contains(tokens[j].lower) { return j > verb + 2 }
            j += 1
        }
        return false
    }

    /// A word that reads as a reporting verb but is used as a noun here: "Danube states to have
    /// signed", "the reports were", "officials say" after "to" ("to say").
    static func isNounUse(_ tokens: [Token], word k: Int, sentence: Range<Int>) -> Bool {
        // Every rule below is about a word on one of the lists the bit stands for: other verbs
        // are passed without hashing the word for each list.
        guard tokens[k].classes.contains(.nounUseVerbs) else { return false }
        let w = tokens[k].lower
        if w == "say" {
            guard k > sentence.lowerBound else { return false }
            // "wanted some say in": a share of the decision, when "some" is an object, not a subject.
            if ["some", "little", "any", "final"].contains(tokens[k - 1].lower), k - 2 >= sentence.lowerBound, tokens[k - 2].kind == .word,
               !tokens[k - 2].classes.contains(.and) && tokens[k - 2].lower != "but" {
                return true
            }
            return Lexicon.sayBlockers.contains(tokens[k - 1].lower)
        }
        // "added smaller landers to the contract": a thing added, not words; "added that …",
        // "added the toll would rise" and "…, added Petrov" report.
        if Self.addingVerbs.contains(w) {
            guard k + 1 < sentence.upperBound, tokens[k + 1].kind == .word, !tokens[k + 1].capitalized,
                  !tokens[(k + 1)..<min(sentence.upperBound, k + 4)].contains(where: { $0.lower == "that" }) else { return false }
            return !opensClause(tokens, at: k + 1, end: sentence.upperBound)
        }
        // "The family claimed Ford's body": a possessive object is a thing taken.
        if Self.takingVerbs.contains(w), w != "wrote" && w != "writes", k + 1 < sentence.upperBound, tokens[k + 1].possessive {
            return !opensClause(tokens, at: k + 2, end: sentence.upperBound)
        }
        // "he responded quickly.", "responded by hitting him": a reply with no words in it; "responded
        // that …", "responded by saying …" and "responded to the claims" report.
        if Self.replyVerbs.contains(w) {
            var j = k + 1
            while j < sentence.upperBound, tokens[j].kind == .word, tokens[j].lower.hasSuffix("ly"), !tokens[j].capitalized { j += 1 }
            guard j < sentence.upperBound, !(tokens[j].kind == .punctuation && Token.isMark(tokens[j].mark, in: ".!?")) else { return true }
            if tokens[j].lower == "by", j + 1 < sentence.upperBound { return !tokens[j + 1].classes.contains(.speechVerbs) }
            // "responded with violence": a deed; "responded with a statement that …" reports.
            if tokens[j].lower == "with" {
                return !tokens[(j + 1)..<min(sentence.upperBound, j + 4)].contains(where: { $0.classes.contains(.reportNouns) })
            }
            return false
        }
        // "two match points": a verb of reporting only as "points out".
        if w == "points" { return k + 1 >= sentence.upperBound || tokens[k + 1].lower != "out" }
        // "is thought to reduce", "is considered the most common": a view held by people left
        // unnamed; in the active ("Ivo considered the offer") it reports nothing.
        if Self.heldPassives.contains(w) { return !Self.isPassive(tokens, verb: k, from: sentence.lowerBound) }
        // "Nissan is hoping a redesign will …", "his doctor assumed he had …": a stance held, only
        // with a clause after it ("hopes to", "assumed office" report nothing).
        if Self.clauseVerbs.contains(w) { return !Self.takesClause(tokens, after: k, sentence: sentence) }
        // "wrote a novel", "claimed the lives of": authorship and taking, not statements; but "claimed
        // the label thought …" reports a clause.
        if Self.takingVerbs.contains(w), k + 1 < sentence.upperBound, Self.objectStarts.contains(tokens[k + 1].lower) {
            // ("…,” writes the Associated Press": the subject put after its verb, not a thing written.)
            if k > sentence.lowerBound, tokens[k - 1].kind == .punctuation, Token.isMark(tokens[k - 1].mark, in: ",”\""),
               tokens[k + 1].classes.contains(.the), k + 2 < sentence.upperBound, tokens[k + 2].capitalized {
                return false
            }
            return w == "wrote" || w == "writes" || !opensClause(tokens, at: k + 2, end: sentence.upperBound)
        }
        // "shown that", "believe the toll is …": findings and beliefs report a clause, not an object.
        // ("has been shown to alter": a finding in the passive, with "to" for "that".)
        if w == "shown", k + 2 < sentence.upperBound, tokens[k + 1].lower == "to", tokens[k + 2].kind == .word, !tokens[k + 2].capitalized,
           !tokens[k + 2].classes.contains(.the) && !tokens[k + 2].classes.contains(.descriptionDeterminers)
            && !["his", "her", "their", "its", "our", "my", "your", "them", "him", "me", "us", "you"].contains(tokens[k + 2].lower),
           isPassive(tokens, verb: k, from: sentence.lowerBound) {
            return false
        }
        if DocumentRun.needsThat.contains(w) {
            return Self.reportedClause(tokens, after: k, sentence: sentence) == nil && !Self.findingSubject(tokens, before: k, sentence: sentence)
        }
        guard Self.nounLikeVerbs.contains(w) else { return false }
        // "as Petrova notes, …": a verb after its subject.
        if k >= sentence.lowerBound + 2, tokens[k - 2].lower == "as", tokens[k - 1].capitalized || tokens[k - 1].classes.contains(.personPronouns) {
            return false
        }
        // ("…, a new study reports.": a verb after the noun that does the reporting.)
        if k > sentence.lowerBound, DocumentRun.findingHeads.contains(tokens[k - 1].lower) || DocumentRun.sourceHeads.contains(tokens[k - 1].lower) {
            return false
        }
        if k + 1 < sentence.upperBound, Self.afterNouns.contains(tokens[k + 1].lower) { return true }
        // "released two highly critical reports that …": a determiner or number a few describing
        // words before the noun.
        var j = k - 1
        while j > sentence.lowerBound, k - j < 3, tokens[j].kind == .word, !tokens[j].capitalized, !Self.beforeNouns.contains(tokens[j].lower),
              !tokens[j].classes.contains(.personPronouns), !tokens[j].classes.contains(.groupPronouns), !tokens[j].classes.contains(.descriptionStops) {
            j -= 1
        }
        return j >= sentence.lowerBound && Self.beforeNouns.contains(tokens[j].lower)
    }

    /// The "that" opening a verb's reported clause: just after it, or after a short phrase of
    /// where or how ("showed in a paper published in 2005 that …").
    static func reportedClause(_ tokens: [Token], after k: Int, sentence: Range<Int>) -> Int? {
        guard k + 1 < sentence.upperBound else { return nil }
        if tokens[k + 1].lower == "that" { return k + 1 }
        guard tokens[k + 1].kind == .word, tokens[k + 1].classes.contains(.prepositions) else { return nil }
        for j in (k + 2)..<min(sentence.upperBound, k + 14) {
            if tokens[j].kind == .punctuation, Token.isMark(tokens[j].mark, in: ".;:!?“”\"") { return nil }
            if tokens[j].lower == "that" { return j }
        }
        return nil
    }

    /// Verbs of naming a thing, after "as X": "as Reed dubbed the merger".
    static let namingVerbs: Set<String> = ["dubbed", "dubs", "called", "calls", "termed", "terms", "coined", "branded", "brands",
                                           "labelled", "labeled", "described", "describes", "put"]

    /// Verbs of giving a thing a name of one's own: the name quoted after them is the namer's.
    /// (The naming verbs less those that also describe or call without coining.)
    static let coiningVerbs: Set<String> = namingVerbs.subtracting(["called", "calls", "described", "describes", "put"])
        .union(["coins", "nicknamed"])

    static let takingVerbs: Set<String> = ["wrote", "writes", "claimed", "claims", "claim"]
    static let replyVerbs: Set<String> = ["responded", "responds", "replied", "replies", "answered", "answers"]
    static let addingVerbs: Set<String> = ["add", "adds", "added", "adding"]
    static let objectStarts: Set<String> = ["a", "an", "the", "his", "her", "their", "its", "several", "many", "two", "three", "books",
                                            "novels", "songs"]
    static let nounLikeVerbs: Set<String> = ["states", "reports", "claims", "notes", "remarks", "comments", "estimates", "quotes",
                                             "points", "promises", "warns", "admits", "projects", "forecasts", "forecast", "fears", "hopes",
                                             "concerns", "worries", "doubts"]
    static let afterNouns: Set<String> = ["to", "have", "are", "were", "and", "or", "of", "in", "on", "from", "by", "about", ",", ")", "."]
    static let beforeNouns: Set<String> = ["the", "a", "these", "those", "many", "some", "all", "two", "three", "several", "member"]

    /// Whether a finite verb follows the noun phrase starting at `k`: "the label thought", "the
    /// company would".
    static func opensClause(_ tokens: [Token], at k: Int, end: Int) -> Bool {
        var j = k
        while j < min(end, k + 4), tokens[j].kind == .word {
            if j > k, Self.finiteVerbs.contains(tokens[j].lower) { return true }
            j += 1
        }
        return false
    }

    /// Whether a clause follows the verb at `k`: "that", or words up to a finite verb within the
    /// next few ("hoping a sleek redesign of the sedan will"), not a preposition or "to".
    static func takesClause(_ tokens: [Token], after k: Int, sentence: Range<Int>) -> Bool {
        guard k + 1 < sentence.upperBound, tokens[k + 1].kind == .word else { return false }
        if tokens[k + 1].lower == "that" { return true }
        guard !tokens[k + 1].classes.contains(.prepositions), !tokens[k + 1].classes.contains(.to),
              !["for", "so", "not", "nothing", "otherwise", "about", "office", "control", "power", "responsibility"].contains(tokens[k + 1].lower)
        else { return false }
        var j = k + 2
        while j < min(sentence.upperBound, k + 10), tokens[j].kind == .word {
            if Self.finiteVerbs.contains(tokens[j].lower) { return true }
            j += 1
        }
        return false
    }

    /// Verbs of a stance that report only a clause: see `takesClause`.
    static let clauseVerbs: Set<String> = ["hopes", "hoping", "hoped", "assumed", "assumes", "thinks", "think", "suspects", "reckons",
                                           "feel", "feels", "felt"]

    /// "One study in 101 pilots undergoing training showed improvements", "research into river fog
    /// shows it gives …": a study or its data, a few words back in the same clause, shows a finding
    /// with or without "that".
    static func findingSubject(_ tokens: [Token], before k: Int, sentence: Range<Int>) -> Bool {
        var h = k - 1
        while h >= sentence.lowerBound, k - h <= 10, tokens[h].kind == .word || tokens[h].kind == .number {
            if DocumentRun.findingHeads.contains(tokens[h].lower) { return true }
            h -= 1
        }
        return false
    }

    static let heldPassives: Set<String> = ["thought", "considered", "suspected"]

    static let finiteVerbs: Set<String> = ["was", "were", "is", "are", "had", "has", "have", "would", "will", "could", "should",
                                           "did", "does", "thought", "knew", "made", "wanted", "planned", "tried", "can", "might"]

    /// "was assured", "were told", "is being described": the subject received the words.
    static func isPassive(_ tokens: [Token], verb: Int, from lowerBound: Int) -> Bool {
        // "are alleging": the progressive, with its subject the source.
        if tokens[verb].lower.hasSuffix("ing") { return false }
        var k = verb - 1
        // The lists are tested as word-list bits: this runs for every reporting verb.
        while k >= lowerBound, tokens[k].kind == .word, tokens[k].classes.contains(.passiveAdverbs) {
            if tokens[k].lower == "being" || tokens[k].lower == "been" { return true }
            k -= 1
        }
        guard k >= lowerBound, tokens[k].kind == .word else { return false }
        return tokens[k].classes.contains(.passiveAuxiliaries)
    }

    static let passiveAdverbs: Set<String> = ["also", "being", "not", "repeatedly", "widely", "often", "been", "later", "since",
                                              "subsequently", "first", "now"]
    static let passiveAuxiliaries: Set<String> = ["was", "were", "is", "are", "be", "am", "get", "got", "gets",
                                                  "wasn't", "wasn’t", "weren't", "weren’t", "isn't", "isn’t", "aren't", "aren’t"]

    /// The verb plus a following "reporters" or "that": "told reporters".
    func cueText(_ tokens: [Token], verb: Int) -> String {
        if verb + 1 < tokens.count, tokens[verb + 1].kind == .word, ["reporters", "journalists", "the", "media"].contains(tokens[verb + 1].lower),
           tokens[verb + 1].lower != "the" {
            return tokens[verb].lower + " " + tokens[verb + 1].lower
        }
        return tokens[verb].lower
    }

    func isTitle(_ paragraph: Paragraph, before index: Int, after next: Int, words: Int) -> Bool {
        guard words <= 20 else { return false }
        let tokens = paragraph.tokens
        if index >= 0 {
            for k in stride(from: index, through: max(0, index - 3), by: -1) {
                // ("… or written a series. “But Mike wanted …”": the sentence before names no title.)
                if tokens[k].kind == .punctuation, Token.isMark(tokens[k].mark, in: ".!?") { break }
                guard tokens[k].kind == .word else { continue }
                // "has called it “…”" reports words; "a book called “…”" names one.
                if Lexicon.titleCues.contains(tokens[k].lower),
                   !(k > 0 && ["has", "have", "had"].contains(tokens[k - 1].lower)), !(k + 1 <= index && ["it", "this", "them", "him", "her"].contains(tokens[k + 1].lower)) {
                    return true
                }
            }
        }
        // "the “River first.” awareness campaign": a title or slogan named by the noun after it.
        for k in next..<min(tokens.count, next + 2) where tokens[k].kind == .word {
            if ["campaign", "slogan", "series", "song", "album", "book", "film", "documentary", "program", "programme", "initiative",
                "ad", "ads", "advert", "hashtag", "motto", "headline"].contains(tokens[k].lower) { return true }
            if tokens[k].capitalized || tokens[k].classes.contains(.speechVerbs) { break }
        }
        return false
    }

    /// "the term", "the phrase", "so-called", "known as (the)", "referred to as": what follows is a
    /// phrase held up by name, not words someone says.
    func isNamedAsPhrase(_ tokens: [Token], before k: Int) -> Bool {
        let word = tokens[k].lower
        if word == "so-called" { return true }
        if Self.phraseNouns.contains(word), k > 0, ["the", "a", "this", "that"].contains(tokens[k - 1].lower) { return true }
        let asAt = word == "the" && k > 0 ? k - 1 : k
        return asAt > 0 && tokens[asAt].lower == "as" && ["known", "referred", "described"].contains(tokens[asAt - 1].lower)
            || asAt > 1 && tokens[asAt].lower == "as" && tokens[asAt - 1].lower == "to" && tokens[asAt - 2].lower == "referred"
    }

    static let phraseNouns: Set<String> = ["term", "phrase", "word", "label", "nickname", "expression", "moniker"]

    /// Every word of the quotation capitalised, short ones ("with", "the") aside: a name, not speech.
    func isTitleCased(_ tokens: [Token], _ inside: Range<Int>, end: Int) -> Bool {
        var sawWord = false
        for k in inside where tokens[k].kind == .word && tokens[k].start < end {
            guard tokens[k].capitalized || tokens[k].acronym || (sawWord && tokens[k].lower.utf8.count <= 3) else { return false }
            sawWord = true
        }
        return sawWord
    }

    /// Where a show or work is named: after "on", "from" or "of" ("said on “DWTS”"), after a
    /// possessive ("CNBC's “Trading Nation”"), or before the person it made ("the “Pose” actor").
    func isTitleSlot(_ tokens: [Token], before k: Int, after next: Int) -> Bool {
        if tokens[k].kind == .word, ["on", "from"].contains(tokens[k].lower) || (tokens[k].possessive && tokens[k].capitalized) { return true }
        // ("an episode of “DWTS”", not "the days of “Cleggmania”".)
        if tokens[k].lower == "of", k > 0, Lexicon.titleNouns.contains(tokens[k - 1].lower) || ["season", "cast", "host", "star"].contains(tokens[k - 1].lower) {
            return true
        }
        return tokens[k].classes.contains(.the) && next < tokens.count && tokens[next].kind == .word && !tokens[next].capitalized
            && Self.isPersonNoun(tokens[next].lower)
    }

    func endsLikeSentence(_ span: TextSpan) -> Bool {
        var e = span.end - 1
        while e > span.start, Tokenizer.isSpace(scalars[e]) { e -= 1 }
        return ".!?…".unicodeScalars.contains(scalars[e])
    }


    /// A short quoted phrase that repeats a nearby speaker's words ("watched" and "managed" beside
    /// Marinov's "We watched them float … nobody managed it") quotes that speaker, not the writer.
    /// "The merger will create a “stronger” enterprise …" ¶ "That's the view voiced by Michael Reed …":
    /// quotations no one speaks in a paragraph that the next paragraph's opening sentence points back
    /// to with "That"/"This" and credits to a named source.
    mutating func creditPointedBackQuotes() {
        for p in paragraphs.indices.dropLast() {
            let next = paragraphs[p + 1]
            guard let first = next.sentences.first, let opener = next.tokens[first].first(where: { $0.kind == .word }),
                  ["that", "that's", "that’s", "this", "those", "these", "such"].contains(opener.lower) else { continue }
            let opening = span(next, first)
            guard let credit = result.attributions.first(where: { $0.span.start == opening.start }), let source = credit.source else { continue }
            let range = paragraphs[p].range
            for q in result.quotes.indices where range.contains(result.quotes[q].span.start) {
                let quote = result.quotes[q]
                guard quote.kind == .scare || (quote.kind == .speaker && quote.speaker == nil && quote.speakerDescription == nil) else { continue }
                result.quotes[q].kind = .speaker
                result.quotes[q].speaker = source
                result.quotes[q].cue = credit.cue
            }
        }
    }

    mutating func attributeEchoes() {
        let echoes = result.quotes.indices.filter { q in
            result.quotes[q].kind == .scare
                || (result.quotes[q].kind == .speaker && result.quotes[q].speaker == nil && result.quotes[q].speakerDescription == nil)
        }
        let named = result.quotes.indices.filter { result.quotes[$0].kind == .speaker && result.quotes[$0].speaker != nil }
        guard !named.isEmpty, !echoes.isEmpty else { return }
        // A named quotation's words are stemmed once, and only if a candidate echo lies near it.
        var stems: [Int: Set<String>] = [:]
        for q in echoes {
            let echo = Self.contentStems(scalars, result.quotes[q].span, limit: 6)
            guard !echo.isEmpty, echo.count <= 6 else { continue }
            let needed = echo.count >= 3 ? echo.count - 1 : echo.count
            let at = result.quotes[q].span.start
            let source = named.filter { n in
                guard n != q, abs(result.quotes[n].span.start - at) < 2000 else { return false }
                if stems[n] == nil { stems[n] = Set(Self.contentStems(scalars, result.quotes[n].span)) }
                return echo.filter { stems[n]!.contains($0) }.count >= needed
            }.min { abs(result.quotes[$0].span.start - at) < abs(result.quotes[$1].span.start - at) }
            guard let source else { continue }
            let original = result.quotes[source]
            result.quotes[q].kind = .speaker
            result.quotes[q].speaker = original.speaker
            result.quotes[q].role = original.role
            result.quotes[q].cue = original.cue
        }
    }

    /// Lowercased words of three letters or more with common endings cut, for matching a phrase
    /// against the words it echoes ("managed" ~ "manage", "watched" ~ "watching"). Reading stops
    /// once there are more than `limit` stems: an echo with more words than that is never matched,
    /// and a long quotation was stemmed to its end only to be turned away.
    static func contentStems(_ s: [Unicode.Scalar], _ span: TextSpan, limit: Int = .max) -> [String] {
        var out: [String] = []
        // The word being read, lowercased. Plain locals and a static helper, not closures over
        // them: a closure sharing the word paid an exclusivity check on every scalar.
        var word: [Unicode.Scalar] = []
        word.reserveCapacity(24)
        var i = span.start
        while i < span.end, out.count <= limit {
            let c = s[i]
            i += 1
            if c.isASCII {
                let v = c.value
                if v >= 65 && v <= 90 { word.append(Unicode.Scalar(UInt8(v + 32))) }
                else if (v >= 97 && v <= 122) || v == 45 { word.append(c) }
                else { addStem(&word, to: &out) }
            } else if c.properties.isAlphabetic {
                word.append(contentsOf: c.properties.lowercaseMapping.unicodeScalars)
            } else {
                addStem(&word, to: &out)
            }
        }
        if out.count <= limit { addStem(&word, to: &out) }
        return out
    }

    /// Adds the stem of `word` to `out` unless it is short or a stopword, and empties the word.
    private static func addStem(_ word: inout [Unicode.Scalar], to out: inout [String]) {
        defer { word.removeAll(keepingCapacity: true) }
        // Words longer than every stopword are not made into strings to ask.
        guard word.count >= 3, word.count > longestEchoStopword || !echoStopwords.contains(String(scalars: word[...])) else { return }
        let n = word.count
        let last = word[n - 1]
        var length = n
        if n > 5, word[n - 3] == "i", word[n - 2] == "n", last == "g" { length -= 3 }
        else if n > 4, word[n - 2] == "e", last == "d" || last == "s" { length -= 2 }
        else if n > 3, last == "s" || last == "e" { length -= 1 }
        out.append(String(scalars: word[..<length]))
    }

    static let echoStopwords: Set<String> = ["the", "and", "but", "for", "with", "that", "this", "was", "were", "are", "has",
                                             "have", "had", "not", "its", "their", "they", "them", "from", "into", "than",
                                             "would", "could", "will", "our", "out", "who", "what", "which", "all"]

    /// The number of scalars in the longest stopword.
    static let longestEchoStopword = echoStopwords.map { $0.unicodeScalars.count }.max() ?? 0
}
