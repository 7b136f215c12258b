import ClaimTraceCore

/// Sentences that report what a source said in the writer's words, and the writer's hedges.
extension DocumentRun {
    /// Sentences that report what a source said, in the writer's words.
    mutating func attributions(in p: Int, quotes: [Quote]) {
        let paragraph = paragraphs[p]
        let reader = NameReader(tokens: paragraph.tokens, scalars: scalars)
        let tokens = paragraph.tokens
        let introducesBlock = paragraph.tokens.last?.mark == ":" && p + 1 < paragraphs.count
        for (n, sentence) in paragraph.sentences.enumerated() {
            // "X said:" introducing a block quotation: the block carries the speaker.
            if introducesBlock && n == paragraph.sentences.count - 1 { continue }
            // Most sentences hold no cue at all (no reporting verb, "according", possessive or
            // headline colon): they are passed over before their quotations are looked at.
            // (Tokens are read in place by index: copying each out of the array cost more than the test.)
            guard sentence.contains(where: { Self.mayCueAttribution(tokens, $0) || tokens[$0].mark == ":" }) else { continue }
            // "Would Schiff have pleaded to keep it secret?": a question asks, it reports nothing.
            if tokens[sentence.upperBound - 1].mark == "?", tokens[sentence.lowerBound].capitalized,
               Self.questionOpeners.contains(tokens[sentence.lowerBound].lower) { continue }
            let sentenceSpan = span(paragraph, sentence)
            let inside = quotes.filter { $0.kind == .speaker && sentenceSpan.overlaps($0.span) }
            // A direct quotation with its speech tag is a quote, not an attribution; a partial
            // quotation woven into the writer's clause ("said that a US official had “approved …”")
            // is both.
            if inside.contains(where: { opensClause($0, in: paragraph, sentence: sentence) }),
               isDirectQuotation(paragraph, sentence: sentence, quotes: inside) { continue }
            // "Marinov said." left alone after a quotation that ended the sentence before.
            if inside.isEmpty, sentence.count <= 4, tokens[sentence].contains(where: { $0.classes.contains(.speechVerbs) }),
               sentence.lowerBound > 0, Token.isMark(tokens[sentence.lowerBound - 1].mark, in: "”\"") { continue }
            let quoteSpans = quotes.lazy.map(\.span).filter { sentenceSpan.overlaps($0) }
            let spans = Array(quoteSpans)
            func insideQuote(_ k: Int) -> Bool {
                !spans.isEmpty && spans.contains { $0.start <= tokens[k].start && tokens[k].end <= $0.end }
            }
            var found: (phrase: NamePhrase?, cue: String, cueSpan: TextSpan)?
            var citing: (phrase: NamePhrase?, cue: String, cueSpan: TextSpan)?
            // Who did what a content verb tells, when it reports no words ("Jo Walton explained them
            // to me"): no attribution, but a person a later "she said" may stand for.
            var doer: NamePhrase?
            // "While the company denied any fault, the authority said …": the main clause holds the source.
            let mainClause = Self.mainClauseStart(tokens, sentence: sentence)
            var k = sentence.lowerBound
            while k < sentence.upperBound, found == nil {
                defer { k += 1 }
                // Most words cue nothing: test their word-list bits before anything costlier (and
                // before the token is copied out).
                guard Self.mayCueAttribution(tokens, k), !insideQuote(k) else { continue }
                let t = tokens[k]
                if t.lower == "according", k + 2 < sentence.upperBound, tokens[k + 1].lower == "to",
                   let phrase = reader.after(k + 2, upperBound: sentence.upperBound) {
                    let source = reportSource(phrase, tokens: tokens, from: k + 2, to: min(sentence.upperBound, k + 10))
                    found = (source, "according to", TextSpan(start: t.start, end: tokens[k + 1].end))
                } else if t.lower == "per", !t.capitalized, k > sentence.lowerBound, let phrase = reader.after(k + 1, upperBound: sentence.upperBound),
                          case let source = reportSource(phrase, tokens: tokens, from: k + 1, to: min(sentence.upperBound, k + 10)),
                          source.kind == .named, source.span.start == phrase.span.start, phrase.span.start == tokens[k + 1].start
                            || (tokens[k + 1].lower == "the" && k + 2 < sentence.upperBound && phrase.span.start == tokens[k + 2].start) {
                    // "…, per the Health Ministry": like "according to"; "frames per second and … Destiny" names no source.
                    found = (source, "per", TextSpan(start: t.start, end: t.end))
                } else if t.lower == "citing", citing == nil, let phrase = reader.after(k + 1, upperBound: sentence.upperBound),
                          case let source = reportSource(phrase, tokens: tokens, from: k + 1, to: min(sentence.upperBound, k + 9)),
                          source.kind == .named, source.text.first?.isUppercase == true, !Self.modifiesNoun(tokens, phrase: source, sentence: sentence) {
                    // Only a named source: "citing intelligence he received" leaves the sentence's subject as its source.
                    // "Citing a 2019 survey, Szélesi explains …" is Szélesi's sentence; a bare "citing X" is X's.
                    citing = (source, "citing", TextSpan(start: t.start, end: t.end))
                } else if !t.capitalized, t.classes.contains(.reportingVerbs) || Self.isEstimate(tokens, verb: k, end: sentence.upperBound)
                            || Self.isCalling(tokens, verb: k, end: sentence.upperBound)
                            || Self.isViewing(tokens, verb: k, end: sentence.upperBound)
                            || Self.isIssuedWarning(tokens, verb: k, sentence: sentence), k >= mainClause,
                          !Self.isNounUse(tokens, word: k, sentence: sentence) {
                    found = reportingVerb(reader, tokens, verb: k, sentence: sentence)
                    // "Ford wrote handbooks", "he replied with answers", "testified before the committee":
                    // verbs that also name plain doing report only with their words beside them.
                    if Self.contentVerbs.contains(t.lower), let phrase = found?.phrase,
                       !Self.reportsContent(tokens, verb: k, sentence: sentence, subject: phrase) {
                        doer = phrase
                        found = nil
                    }
                    // "One small study in 50 people with BED showed that …": the study shows, not what
                    // it studied.
                    if Self.needsThat.contains(t.lower), let phrase = found?.phrase, let study = studyHead(tokens, before: k, phrase: phrase, sentence: sentence) {
                        found?.phrase = study
                    }
                    // "A closer look shows that …" is the writer's reasoning; studies and data show.
                    if Self.needsThat.contains(t.lower), let phrase = found?.phrase, phrase.kind == .description,
                       !Self.findingHeads.contains(phrase.text.lowercased().split(separator: " ").last.map(String.init) ?? "") {
                        found = nil
                    }
                } else if t.possessive, k + 1 < sentence.upperBound,
                          case let noun = tokens[k + 1].classes.contains(.reportNouns) ? k + 1 : Self.ownedNoun(tokens, after: k, sentence: sentence),
                          noun < sentence.upperBound,
                          tokens[noun].classes.contains(.reportNouns),
                          t.capitalized || t.acronym, Self.reportsThroughDocument(tokens, noun: noun, sentence: sentence),
                          let phrase = reader.before(k + 1, lowerBound: sentence.lowerBound), phrase.kind == .named {
                    found = (phrase, tokens[noun].lower, TextSpan(start: tokens[noun].start, end: tokens[noun].end))
                } else if t.lower == "view" || t.lower == "opinion", k - 3 > sentence.lowerBound, k + 1 < sentence.upperBound,
                          tokens[k + 1].lower == "that", tokens[k - 1].classes.contains(.the), tokens[k - 2].lower == "of",
                          Self.progressiveAuxiliaries.contains(tokens[k - 3].lower), k - 3 >= mainClause,
                          let phrase = reader.before(k - 3, lowerBound: sentence.lowerBound),
                          phrase.kind != .description || Self.canBeSource(phrase.text) {
                    // "Experts and brokerages are of the view that …": a view held.
                    found = (phrase, "of the " + t.lower, TextSpan(start: tokens[k - 2].start, end: t.end))
                } else if ["his", "her", "their"].contains(t.lower), case let noun = Self.ownedNoun(tokens, after: k, sentence: sentence),
                          noun + 1 < sentence.upperBound, tokens[noun].classes.contains(.reportNouns),
                          Self.reportedClause(tokens, after: noun, sentence: sentence).map({ Self.opensReportedClause(tokens, that: $0, noun: noun) }) ?? false
                            || noun + 2 < sentence.upperBound
                            && ["was", "is"].contains(tokens[noun + 1].lower) && tokens[noun + 2].lower == "that" {
                    // "His assessment was that …", "his claim in the same interview that he had …": the
                    // person the pronoun stands for.
                    let pronoun = NamePhrase(kind: .pronoun, text: t.lower == "their" ? "they" : t.lower == "his" ? "he" : "she", role: nil,
                                             isOrganization: t.lower == "their", span: TextSpan(start: t.start, end: t.end))
                    found = (pronoun, tokens[noun].lower, TextSpan(start: tokens[noun].start, end: tokens[noun].end))
                }
            }
            if found == nil, let headline = headlineSource(reader, tokens, sentence: sentence, paragraph: p)
                ?? trailingHeadlineSource(reader, tokens, sentence: sentence) { found = headline }
            guard let (foundPhrase, cue, cueSpan) = found ?? citing else {
                if let doer, doer.kind == .named { _ = resolve(doer) }
                continue
            }
            guard var phrase = foundPhrase else {
                // "It was later revealed that …": reported, with the source left out.
                result.attributions.append(Attribution(span: sentenceSpan, source: nil, sourceDescription: nil, cue: cue, cueSpan: cueSpan,
                                                       hedges: writerHedges(tokens, in: sentence, quotes: spans)))
                continue
            }
            // "Polls show that …", "Research also shows": a common noun capitalised only because it
            // opens the sentence.
            // ("Summary Studies show …": a box's label glued before it.)
            // (Tested on the last word's list bits first: most named subjects open their sentence.)
            if phrase.kind == .named, tokens.index(startingAt: phrase.span.start) == sentence.lowerBound,
               case let last = tokens.partition({ $0.start >= phrase.span.end }) - 1, last >= sentence.lowerBound, last - sentence.lowerBound <= 1,
               case let words = phrase.text.lowercased().split(separator: " "),
               words.count == 1 || (words.count == 2 && Self.panelLabels.contains(String(words[0]))),
               case let head = String(words.last!), Self.findingHeads.contains(head) || Self.sourceHeads.contains(head) {
                phrase.kind = .description
                if words.count == 2, let at = tokens.index(startingAt: phrase.span.start) {
                    phrase.span = TextSpan(start: tokens[at + 1].start, end: phrase.span.end)
                    phrase.text = text(phrase.span)
                }
            }
            // "Highly recommended as …": an adverb opening a fragment, capitalised only for that.
            if phrase.kind == .named, !phrase.text.utf8.contains(32), phrase.text.utf8.last == UInt8(ascii: "y"),
               Self.openingAdverbs.contains(phrase.text.lowercased()) { continue }
            // "…, according to a group of employees. The group, WeWorkers Coalition, formed …": an
            // indefinite source the next sentence names.
            if phrase.kind == .description, n + 1 < paragraph.sentences.count,
               let named = namedNext(phrase, tokens: tokens, reader: reader, sentence: paragraph.sentences[n + 1]) {
                phrase = named
            }
            let resolved = resolve(phrase)
            // "I told the port …": the writer's own doing is not a source's claim.
            // ("Most of us think …": the writer and the reader.)
            if resolved.name == nil, let description = resolved.description,
               Self.writerWords.contains(description) || description.hasSuffix(" of us") || description.hasSuffix(" of you") { continue }
            let hedgeWords = writerHedges(tokens, in: sentence, quotes: spans)
            result.attributions.append(Attribution(span: sentenceSpan, source: resolved.name,
                                                   sourceDescription: resolved.name == nil ? resolved.description : nil,
                                                   cue: cue, cueSpan: cueSpan, hedges: hedgeWords))
        }
    }

    /// "Landis's analysis found that …", "In the BBC's report, …", "…, according to X's statement":
    /// a source's document that says something here. ("Howitt's findings were significant" and
    /// "Andrew's interview only appears to have happened" talk about the document instead.)
    static func reportsThroughDocument(_ tokens: [Token], noun k: Int, sentence: Range<Int>) -> Bool {
        if k + 1 < sentence.upperBound {
            let next = tokens[k + 1]
            if next.kind == .punctuation, Token.isMark(next.mark, in: ",:") { return true }
            // ("NASA’s announcement to expand the pool": what it announced it would do.)
            if next.kind == .word, next.lower == "that" || (next.lower == "to" && tokens[k].lower == "announcement") || (next.classes.contains(.reportingVerbs) && !next.classes.contains(.nounUseVerbs))
                || Self.needsThat.contains(next.lower) || ["found", "finds", "concluded", "concludes", "read", "reads"].contains(next.lower) {
                return true
            }
        }
        // "In Landis's analysis", "according to the ministry's statement".
        let owner = k - 1
        var before = owner - 1
        while before >= sentence.lowerBound, tokens[before].kind == .word, tokens[before].capitalized || tokens[before].classes.contains(.the),
              owner - before < 5 { before -= 1 }
        return before >= sentence.lowerBound && ["in", "to", "by", "from", "under", "per"].contains(tokens[before].lower)
    }

    /// Whether the "that" a few words after a report noun opens what was reported ("his claim in
    /// the same interview that the pair were …"), not a relative clause about the words between
    /// ("her report on the company that failed").
    static func opensReportedClause(_ tokens: [Token], that j: Int, noun: Int) -> Bool {
        guard j > noun + 1 else { return true }
        guard j + 1 < tokens.count, tokens[j + 1].kind == .word else { return false }
        let next = tokens[j + 1]
        return next.capitalized || next.classes.contains(.the) || next.classes.contains(.personPronouns)
            || next.classes.contains(.groupPronouns) || next.classes.contains(.descriptionDeterminers) || ["it", "there"].contains(next.lower)
    }

    /// Whether a name stands before a common noun it describes ("citing Taliban violence", "citing
    /// Corvina delays"): then the name is no source.
    static func modifiesNoun(_ tokens: [Token], phrase: NamePhrase, sentence: Range<Int>) -> Bool {
        guard let next = tokens[sentence].firstIndex(where: { $0.start >= phrase.span.end }) else { return false }
        let t = tokens[next]
        return t.kind == .word && !t.capitalized && !t.classes.contains(.reportNouns) && !t.classes.contains(.prepositions)
            && !t.classes.contains(.and) && !["as", "that", "which", "who", "to", "for", "with", "of", "or", "but", "saying"].contains(t.lower)
            && !t.lower.hasSuffix("ly")
    }

    /// "the group" out of a description read on past its verb ("the group raised alarm at …"): a
    /// body named before by its kind, when a past-tense verb follows the noun.
    func bodyBeforeVerb(_ phrase: NamePhrase, _ tokens: [Token]) -> NamePhrase? {
        guard let first = tokens.index(startingAt: phrase.span.start), first + 2 < tokens.count,
              tokens[first].classes.contains(.the), tokens[first + 1].kind == .word,
              Self.bodyNouns.contains(tokens[first + 1].lower) || tokens[first + 1].classes.contains(.genericBodies),
              tokens[first + 2].kind == .word, !tokens[first + 2].capitalized, tokens[first + 2].lower.hasSuffix("ed") else { return nil }
        let span = TextSpan(start: phrase.span.start, end: tokens[first + 1].end)
        guard span.end <= phrase.span.end else { return nil }
        return NamePhrase(kind: .description, text: text(span), role: nil, isOrganization: true, span: span)
    }

    /// The noun an owner's word at `k` governs: the next word, or the one after a day ("NASA’s
    /// Monday announcement"), a hyphenated modifier ("his often-repeated claim") or one
    /// lower-case word before a statement noun ("Stanev’s astounding assertion").
    static func ownedNoun(_ tokens: [Token], after k: Int, sentence: Range<Int>) -> Int {
        guard k + 2 < sentence.upperBound else { return k + 1 }
        if Token.isTrailingDay(tokens[k + 1]) { return k + 2 }
        // ("Schiff’s own doubling-down admission that …": "own" and a hyphened modifier before it.)
        var noun = k + 1
        if tokens[noun].lower == "own", noun + 1 < sentence.upperBound { noun += 1 }
        if noun + 1 < sentence.upperBound, tokens[noun].kind == .word, tokens[noun].lower.utf8.contains(UInt8(ascii: "-")) { noun += 1 }
        else if noun + 1 < sentence.upperBound, tokens[noun].kind == .word, !tokens[noun].capitalized, !tokens[noun].classes.contains(.reportNouns),
                tokens[noun + 1].classes.contains(.reportNouns) { noun += 1 }
        return noun
    }

    /// "issued a statement warning that …": "warning" reports only after the statement that warns.
    static func isIssuedWarning(_ tokens: [Token], verb k: Int, sentence: Range<Int>) -> Bool {
        tokens[k].lower == "warning" && k > sentence.lowerBound && tokens[k - 1].classes.contains(.reportNouns)
            && k + 1 < sentence.upperBound && ["that", "of", "against"].contains(tokens[k + 1].lower)
    }

    /// Whether a word may cue an attribution: a reporting verb, "according", "citing", "called",
    /// an estimate, a possessive before a report noun. Tested on word-list bits first.
    /// (The token is named by its index and its fields read in place: a token passed by value was
    /// copied out of the array for every word.)
    @inline(__always) static func mayCueAttribution(_ tokens: [Token], _ k: Int) -> Bool {
        // "called" is on the title cues: the bit spares the other words a string comparison.
        tokens[k].kind == .word && (!tokens[k].classes.isDisjoint(with: [.reportingVerbs, .attributionCues, .estimateVerbs, .viewVerbs])
                                    || tokens[k].possessive || (tokens[k].classes.contains(.titleCues) && tokens[k].lower == "called"))
    }

    /// The source of a reporting verb at `verb`: its subject ("X said", "as X noted", "officials
    /// said"), the named one after it ("…, said Pavel Draganov"), the sentence's subject for a
    /// participle ("The Board declined, saying …"), or none for an agentless passive ("It was
    /// revealed that …"). Nil when the verb reports nothing here ("the public was assured").
    func reportingVerb(_ reader: NameReader, _ tokens: [Token], verb k: Int, sentence: Range<Int>) -> (phrase: NamePhrase?, cue: String, cueSpan: TextSpan)? {
        // "The cases were confirmed by health officials", "It was later revealed that …".
        if Self.isPassive(tokens, verb: k, from: sentence.lowerBound) { return passiveReport(reader, tokens, verb: k, sentence: sentence) }
        if let issued = documentReport(reader, tokens, verb: k, sentence: sentence) { return issued }
        var subjectEnd = subjectBoundary(reader, tokens, verb: k, sentence: sentence)
        let t = tokens[k]
        let cue = cueText(tokens, verb: k)
        let cueSpan = TextSpan(start: t.start, end: cue.utf8.contains(32) ? tokens[k + 1].end : t.end)
        // "the most telling contradiction": an adjective.
        if t.lower.hasSuffix("ing"), k > sentence.lowerBound, ["most", "more", "less", "least", "very", "so", "too"].contains(tokens[k - 1].lower) {
            return nil
        }
        // "the observed volume", "a declared enemy": a participle used as an adjective.
        if k > sentence.lowerBound, tokens[k - 1].isArticle { return nil }
        // "3248 cases reported worldwide": a count the participle describes.
        if t.lower == "reported", k - 2 >= sentence.lowerBound, tokens[k - 1].kind == .word, !tokens[k - 1].capitalized,
           tokens[k - 2].kind == .number || tokens[k - 2].classes.contains(.numberWords) { return nil }
        // "would then have claimed", "could have said": what someone would have said, not what they said.
        if k - 2 >= sentence.lowerBound, tokens[k - 1].lower == "have",
           ["would", "could", "might", "should"].contains(tokens[k - 2].lower) || (k - 3 >= sentence.lowerBound && tokens[k - 2].kind == .word
                && tokens[k - 2].classes.contains(.verbModifiers) && ["would", "could", "might", "should"].contains(tokens[k - 3].lower)) {
            return nil
        }
        // "… binge eating and stress.": a bare verb form closing a list is a noun.
        if k > sentence.lowerBound, tokens[k - 1].classes.contains(.and) || tokens[k - 1].lower == "or",
           k + 1 >= sentence.upperBound || (tokens[k + 1].kind == .punctuation && Token.isMark(tokens[k + 1].mark, in: ".!?;,")),
           !t.lower.hasSuffix("ed"), !t.lower.hasSuffix("s") || t.lower.hasSuffix("ss") {
            return nil
        }
        // "those with BED reported more symptoms": the name is the object of "with", not the subject.
        // (A finding verb goes on to the study before: see `studyHead`.)
        if !Self.needsThat.contains(t.lower), k >= sentence.lowerBound + 3, tokens[k - 2].lower == "with", tokens[k - 1].capitalized || tokens[k - 1].acronym,
           tokens[k - 3].kind == .word, !tokens[k - 3].capitalized {
            return nil
        }
        // "It’s worth noting that …": the writer's own aside.
        if k > sentence.lowerBound, tokens[k - 1].lower == "worth" { return nil }
        // "Analysts expect the number to grow": a forecast held. Not an intention ("expect to
        // stay"), an imperative ("but expect …") or what the writer or reader expects.
        if t.lower == "expect" || t.lower == "expects",
           k == sentence.lowerBound || (k + 1 < sentence.upperBound && tokens[k + 1].lower == "to")
            || ["but", "and", "if", "you", "we", "i", "to", "not", "don't", "don’t", "didn't", "didn’t", "would", "might"].contains(tokens[k - 1].lower) {
            return nil
        }
        // "pleaded guilty to charges": a plea in court, not a plea for something.
        if t.lower.hasPrefix("plead") || t.lower == "pled", k + 1 < sentence.upperBound,
           ["guilty", "not", "innocent", "no"].contains(tokens[k + 1].lower) {
            return nil
        }
        // "18 times the number previously reported": a participle describing the noun before it.
        if t.lower == "reported", k > sentence.lowerBound, ["previously", "already", "earlier", "widely", "commonly", "first", "initially"].contains(tokens[k - 1].lower),
           k + 1 >= sentence.upperBound || Token.isMark(tokens[k + 1].mark, in: ".!?)"),
           k - 2 >= sentence.lowerBound, tokens[k - 2].kind == .word, !tokens[k - 2].capitalized {
            // ("As the Riverbank Observer first reported, …" is a tag.)
            return nil
        }
        // "where the group maintains a political office": an office kept, not a position held.
        if t.lower.hasPrefix("maintain"), k + 1 < sentence.upperBound, ["a", "an"].contains(tokens[k + 1].lower) { return nil }
        // "Petrova reported to him": whom someone answers to, when no words of a report follow.
        if t.lower.hasPrefix("report"), k + 1 < sentence.upperBound, tokens[k + 1].lower == "to",
           !tokens[(k + 2)..<sentence.upperBound].contains(where: { $0.lower == "that" || ($0.kind == .punctuation && Token.isMark($0.mark, in: ":“\"")) }) {
            return nil
        }
        // "pressure Zelensky into announcing …", "barred from saying": a gerund after a preposition
        // reports nothing of the sentence's subject ("responded by saying" does).
        if t.lower.hasSuffix("ing"), k > sentence.lowerBound, Self.gerundPrepositions.contains(tokens[k - 1].lower) { return nil }
        // "…, after accusing them of …", "posted on Twitter accusing …": a participle after a
        // subordinator or a clause takes the sentence's subject.
        // ("quoted him as saying" keeps its own reading below.)
        if t.lower.hasSuffix("ing"), subjectEnd > sentence.lowerBound, tokens[subjectEnd - 1].mark != ",", tokens[subjectEnd - 1].lower != "as",
           ["after", "before", "while", "when"].contains(tokens[subjectEnd - 1].lower)
            || reader.before(subjectEnd, lowerBound: sentence.lowerBound).map({ afterPreposition($0, tokens) }) ?? true,
           let subject = reader.clauseSubject(startingAt: sentence.lowerBound, before: subjectEnd), subject.kind != .description,
           subject.span.end <= tokens[subjectEnd - 1].start, !subject.text.hasSuffix("ing"), !Self.isFirstPerson(subject.text) {
            return (subject, cue, cueSpan)
        }
        // "…, saying it feared …": the participle's subject opens the sentence.
        if t.lower.hasSuffix("ing"), subjectEnd > sentence.lowerBound, tokens[subjectEnd - 1].mark == "," {
            guard let subject = reader.clauseSubject(startingAt: sentence.lowerBound, before: subjectEnd - 1),
                  subject.kind != .description || Self.canBeSource(subject.text) else { return nil }
            return (subject, cue, cueSpan)
        }
        // "…, said Pavel Draganov, who chairs the operators' association." — the name closes the
        // clause; in "…, said Corvina would …" it is the subject of what was said.
        // "…, say experts." — a description that closes the sentence after the verb.
        // ("…,” writes the Associated Press": the comma may stand inside the closing quotation mark.)
        let afterComma = subjectEnd > sentence.lowerBound && (tokens[subjectEnd - 1].mark == ","
            || (subjectEnd - 2 >= sentence.lowerBound && tokens[subjectEnd - 2].mark == "," && Token.isMark(tokens[subjectEnd - 1].mark, in: "”\"")))
        if afterComma, k + 1 < sentence.upperBound, !tokens[k + 1].capitalized,
           let phrase = reader.after(k + 1, upperBound: sentence.upperBound), phrase.kind == .description,
           phrase.span.end >= tokens[sentence.upperBound - 1].start - 1, Self.canBeSource(phrase.text) {
            return (phrase, t.lower, TextSpan(start: t.start, end: t.end))
        }
        // "…, says certified river pilot Ivo Stanev." — lower-case role words before the name.
        if afterComma, k + 1 < sentence.upperBound,
           let phrase = reader.after(k + 1, upperBound: min(sentence.upperBound, k + 9)), phrase.kind == .named,
           let after = tokens[(k + 1)...].firstIndex(where: { $0.start >= phrase.span.end }),
           tokens[after].kind == .punctuation, Token.isMark(tokens[after].mark, in: ",.;!?") {
            return (phrase, t.lower, TextSpan(start: t.start, end: t.end))
        }
        // "Most anglers, however, argue": a parenthetical adverb between commas.
        if subjectEnd - 3 >= sentence.lowerBound, tokens[subjectEnd - 1].mark == ",", tokens[subjectEnd - 3].mark == ",",
           ["however", "though", "too", "instead", "meanwhile", "moreover", "though"].contains(tokens[subjectEnd - 2].lower) {
            subjectEnd -= 3
        }
        // "She didn't give a date, but said …": a second verb shares the clause's subject (after a
        // headline's topic: "Hong Kong chaos: China deploys troops and warns …").
        let clauseStart = tokens[sentence.lowerBound..<subjectEnd].lastIndex(where: { $0.mark == ":" }).map { $0 + 1 } ?? sentence.lowerBound
        if subjectEnd > clauseStart, ["but", "and"].contains(tokens[subjectEnd - 1].lower),
           let subject = reader.clauseSubject(startingAt: clauseStart, before: subjectEnd - 1) {
            if subject.kind != .description { return (subject, cue, TextSpan(start: t.start, end: t.end)) }
            // "However, the group raised alarm at …, and said": a body named by its kind, before
            // the first verb of the clause.
            if let body = bodyBeforeVerb(subject, tokens) { return (body, cue, TextSpan(start: t.start, end: t.end)) }
        }
        // "the view voiced by Michael Reed", "reported by the Ledger": the agent after "by".
        if Self.agentVerbs.contains(t.lower), k + 2 < sentence.upperBound, tokens[k + 1].lower == "by",
           let phrase = reader.after(k + 2, upperBound: sentence.upperBound) {
            return (phrase, t.lower + " by", TextSpan(start: t.start, end: tokens[k + 1].end))
        }
        if var phrase = reader.before(subjectEnd, lowerBound: sentence.lowerBound) {
            // "the pilot steering the tug told": the source is the noun the participle
            // or preposition hangs from, not its object.
            if phrase.kind == .description, let at = tokens.index(startingAt: phrase.span.start), at > sentence.lowerBound,
               tokens[at - 1].kind == .word, !tokens[at - 1].capitalized,
               tokens[at - 1].lower.hasSuffix("ing") || ["of", "with", "for", "from", "at", "on"].contains(tokens[at - 1].lower),
               let head = reader.before(at - 1, lowerBound: sentence.lowerBound), head.kind != .pronoun {
                phrase = head
            }
            // "A crew member on the Silver Heron said": the one aboard, not the ship.
            if phrase.kind == .named, let at = tokens.index(startingAt: phrase.span.start), at - 2 > sentence.lowerBound,
               case let preposition = tokens[at - 1].lower == "the" ? at - 2 : at - 1, ["on", "aboard"].contains(tokens[preposition].lower),
               let head = reader.before(preposition, lowerBound: sentence.lowerBound), head.kind == .description, Self.isSourceDescription(head.text) {
                phrase = head
            }
            // "the laboratory of Stephen Liggett reported": the scientist whose team it is.
            // (Found on the tokens' word-list bits: searching every description's text for " of "
            // cost a tenth of reading reporting verbs.)
            if phrase.kind == .description, let first = tokens.index(startingAt: phrase.span.start),
               let team = (first..<subjectEnd).first(where: { tokens[$0].classes.contains(.teamNouns) }),
               team + 2 < subjectEnd, tokens[team + 1].classes.contains(.of),
               let person = reader.after(team + 2, upperBound: subjectEnd), person.kind == .named {
                phrase = person
            }
            // "Howitt and Garett’s work suggested": the first of the owners, as with coordinated subjects.
            if phrase.kind == .description, let at = tokens.index(startingAt: phrase.span.start), tokens[at].possessive,
               at - 2 >= sentence.lowerBound, tokens[at - 1].classes.contains(.and),
               let first = reader.before(at - 1, lowerBound: sentence.lowerBound), first.kind == .named {
                phrase = first
            }
            // "more complicated than McKinley suggests", "smaller than what X said": the writer
            // weighing a claim made elsewhere, not reporting one; "if they really believed that …"
            // supposes it.
            if let at = tokens.index(startingAt: phrase.span.start), at > sentence.lowerBound,
               ["than", "if", "unless"].contains(tokens[at - 1].lower)
                || (tokens[at - 1].lower == "what" && at - 2 >= sentence.lowerBound && tokens[at - 2].lower == "than") {
                return nil
            }
            if phrase.kind == .pronoun, let role = roleBefore(reader, tokens, pronoun: phrase, sentence: sentence) {
                return (role, cue, cueSpan)
            }
            // ("…, a new study reports": what a study or survey reports, as what it shows.)
            if phrase.kind != .description || phrase.role != nil || Self.canBeSource(phrase.text)
                || Self.findingHeads.contains(phrase.text.lowercased().split(separator: " ").last.map(String.init) ?? "") {
                return (phrase, cue, cueSpan)
            }
            // "Andrew also spent 45 seconds explaining how …": the participle is the subject's doing.
            if t.lower.hasSuffix("ing"), let subject = reader.clauseSubject(startingAt: sentence.lowerBound, before: subjectEnd),
               subject.kind == .named, subject.span.end < phrase.span.start, !Self.isFirstPerson(subject.text) {
                return (subject, cue, cueSpan)
            }
        }
        return nil
    }

    /// A passive reporting verb's source: its agent after "by", the one who sent the document
    /// named before it ("In an email sent by X, employees were told …"), or none for a report the
    /// sentence does not credit. Nil when the verb reports nothing ("the public was assured").
    func passiveReport(_ reader: NameReader, _ tokens: [Token], verb k: Int, sentence: Range<Int>) -> (phrase: NamePhrase?, cue: String, cueSpan: TextSpan)? {
        let t = tokens[k]
        // "The cases were confirmed by health officials": the agent is the source.
        if k + 2 < sentence.upperBound, tokens[k + 1].lower == "by",
           let agent = reader.after(k + 2, upperBound: min(sentence.upperBound, k + 10)),
           agent.kind == .named || Self.canBeSource(agent.text) {
            return (agent, t.lower + " by", TextSpan(start: t.start, end: tokens[k + 1].end))
        }
        // "In a company email sent by chairman Marcelo Claure, employees were told …": the
        // one whose document told them.
        for j in sentence.lowerBound..<k where tokens[j].classes.contains(.by) || tokens[j].lower == "from" {
            guard j > sentence.lowerBound, tokens[j - 1].classes.contains(.reportNouns) || Self.documentVerbs.contains(tokens[j - 1].lower),
                  let agent = reader.after(j + 1, upperBound: k), agent.kind == .named else { continue }
            return (agent, t.lower, TextSpan(start: t.start, end: t.end))
        }
        // "It was later revealed that …", "Farmers … were told that …", "…, it was announced":
        // reported, the source left out. "A third leak was reported", "is believed to": reported
        // or held by someone the sentence does not name; "the public was assured" is only told.
        // "Pricing has not been confirmed": nothing was reported.
        var back = k - 1
        while back >= sentence.lowerBound, tokens[back].kind == .word, back >= k - 4,
              tokens[back].classes.contains(.passiveAdverbs) || tokens[back].classes.contains(.passiveAuxiliaries) || ["has", "have", "had"].contains(tokens[back].lower) {
            if tokens[back].lower == "not" || tokens[back].lower == "never" || tokens[back].lower.hasSuffix("n't") || tokens[back].lower.hasSuffix("n’t") { return nil }
            back -= 1
        }
        let impersonal = tokens[max(sentence.lowerBound, k - 4)..<k].contains(where: { $0.lower == "it" })
        // "His mother was said to have been …": said by people left unnamed ("what was said to
        // him" is only what someone heard).
        let saidToBe = t.lower == "said" && k + 2 < sentence.upperBound && tokens[k + 1].lower == "to"
            && ["be", "have", "been"].contains(tokens[k + 2].lower)
        // "Sleep loss has been shown to alter …": a finding, its studies left unnamed.
            || t.lower == "shown" && k + 1 < sentence.upperBound && tokens[k + 1].lower == "to"
        guard impersonal || saidToBe || Self.agentlessReports.contains(t.lower) || Self.heldPassives.contains(t.lower)
                || tokens[(k + 1)..<min(sentence.upperBound, k + 4)].contains(where: { $0.lower == "that" }) else { return nil }
        return (nil, t.lower, TextSpan(start: t.start, end: t.end))
    }

    /// Words a document says, credited to whoever issued it: "issued a statement warning that",
    /// "sent a letter … stating", "published a blog post that said".
    func documentReport(_ reader: NameReader, _ tokens: [Token], verb k: Int, sentence: Range<Int>) -> (phrase: NamePhrase?, cue: String, cueSpan: TextSpan)? {
        let t = tokens[k]
        // "the Electoral Commission, which regulates …, issued a statement warning that …": the
        // words are the statement's, and so the body's that issued it.
        // "…, and sent a letter to management earlier this month stating …": the same, with what
        // the document went to and when between.
        if t.lower.hasSuffix("ing"), let noun = Self.issuedDocument(tokens, before: k, sentence: sentence),
           var subject = reader.clauseSubject(startingAt: sentence.lowerBound, before: Self.issuer(tokens, of: noun, sentence: sentence)),
           subject.kind != .description || Self.canBeSource(subject.text), !Self.isFirstPerson(subject.text) {
            // "The group, WeWorkers Coalition, formed …": the name set beside the description.
            if subject.kind == .description, let end = tokens.firstIndex(where: { $0.start >= subject.span.end }), end + 2 < noun,
               tokens[end].mark == ",", let name = reader.after(end + 1, upperBound: noun), name.kind == .named,
               let after = tokens.firstIndex(where: { $0.start >= name.span.end }), tokens[after].mark == "," {
                subject = name
            }
            return (subject, t.lower, TextSpan(start: t.start, end: t.end))
        }
        // "The company published a blog post that said …": the document's words are its publisher's.
        // ("… last week as NASA's Office of the Inspector General released two reports that depicted
        // …": the name just before the issuing verb, when there is one, not the sentence's subject.)
        if k - 3 >= sentence.lowerBound, ["that", "which"].contains(tokens[k - 1].lower), tokens[k - 2].classes.contains(.reportNouns),
           let noun = Self.issuedDocument(tokens, before: k - 1, sentence: sentence),
           case let issuer = Self.issuer(tokens, of: noun, sentence: sentence),
           let subject = reader.before(issuer, lowerBound: sentence.lowerBound).flatMap({ $0.kind == .named ? $0 : nil })
            ?? reader.clauseSubject(startingAt: sentence.lowerBound, before: issuer),
           subject.kind != .description || Self.canBeSource(subject.text), !Self.isFirstPerson(subject.text) {
            return (subject, t.lower, TextSpan(start: t.start, end: t.end))
        }
        return nil
    }

    /// Where the subject of the reporting verb at `k` ends: before its auxiliaries and adverbs,
    /// a verb it hangs from ("helped to show"), a day ("on Tuesday") and a description set off
    /// by commas.
    func subjectBoundary(_ reader: NameReader, _ tokens: [Token], verb k: Int, sentence: Range<Int>) -> Int {
        let t = tokens[k]
        var subjectEnd = k
        while subjectEnd > sentence.lowerBound, Self.isVerbModifier(tokens, subjectEnd - 1) { subjectEnd -= 1 }
        // "The fishermen are alleging", "has been saying": the progressive's auxiliaries.
        if t.lower.hasSuffix("ing") {
            while subjectEnd > sentence.lowerBound, Self.progressiveAuxiliaries.contains(tokens[subjectEnd - 1].lower) || Self.isVerbModifier(tokens, subjectEnd - 1) {
                subjectEnd -= 1
            }
        }
        // "DelGiorno helped to show that …", "went on to say": the verb the reporting one hangs from.
        if subjectEnd - 2 >= sentence.lowerBound, tokens[subjectEnd - 1].lower == "to", Self.leadingVerbs.contains(tokens[subjectEnd - 2].lower) {
            subjectEnd -= 2
            if subjectEnd - 1 >= sentence.lowerBound, tokens[subjectEnd].lower == "on", tokens[subjectEnd - 1].lower == "went" { subjectEnd -= 1 }
            while subjectEnd > sentence.lowerBound, Self.isVerbModifier(tokens, subjectEnd - 1) { subjectEnd -= 1 }
        }
        // "Corvina on Tuesday announced", "Stanev in October revealed": a day or month between the
        // subject and its verb.
        if subjectEnd - 2 > sentence.lowerBound, ["on", "last", "this"].contains(tokens[subjectEnd - 2].lower)
            && (tokens[subjectEnd - 1].classes.contains(.dateStarts) || tokens[subjectEnd - 1].classes.contains(.months)
                || ["week", "month", "year", "weekend"].contains(tokens[subjectEnd - 1].lower))
            || (tokens[subjectEnd - 2].lower == "in" && tokens[subjectEnd - 1].classes.contains(.months)) {
            subjectEnd -= 2
            while subjectEnd > sentence.lowerBound, Self.isVerbModifier(tokens, subjectEnd - 1) { subjectEnd -= 1 }
        }
        // "Kathleen DelGiorno, now a staff scientist at the Salk Institute, helped …", "Jeff Sanborn,
        // president of Chapter & Verse, a Spokane firm, said", "the laboratory of Stephen Liggett, who
        // was then at …, reported": the subject stands before the first comma of what describes it.
        if subjectEnd - 1 > sentence.lowerBound, tokens[subjectEnd - 1].mark == "," {
            let window = max(sentence.lowerBound + 1, subjectEnd - 30)..<(subjectEnd - 1)
            if !tokens[window].contains(where: { $0.kind == .punctuation && Token.isMark($0.mark, in: "“”\"();") }),
               let open = window.first(where: { c in
                   guard tokens[c].mark == ",", c + 1 < subjectEnd - 1 else { return false }
                   let opener = tokens[c + 1]
                   guard opener.kind == .word, ["who", "which"].contains(opener.lower) || !opener.capitalized && (Self.appositiveOpeners.contains(opener.lower)
                           || opener.classes.contains(.descriptionDeterminers) || opener.classes.contains(.personTitles)) else { return false }
                   // "In Tutrakan, the mayor's spokeswoman, …": a place the sentence opens with is no subject.
                   return reader.before(c, lowerBound: sentence.lowerBound).map {
                       guard !["who", "which"].contains(opener.lower) else { return true }
                       guard $0.kind == .named, let at = tokens.index(startingAt: $0.span.start) else { return false }
                       // ("the Boatmen’s Gazette, the voice of the river unions, warned": the name reads back only to its possessive word.)
                       if at > sentence.lowerBound, tokens[at - 1].possessive, tokens[at - 1].capitalized { return false }
                       return at == sentence.lowerBound || !tokens[at - 1].classes.contains(.prepositions)
                   } ?? false
               }) {
                subjectEnd = open
            }
        }
        return subjectEnd
    }

    /// "Todorinova: Reports of a second leak are “not credible”": a headline or summary line that
    /// gives a known person's or body's claim after their name and a colon.
    func headlineSource(_ reader: NameReader, _ tokens: [Token], sentence: Range<Int>, paragraph p: Int) -> (phrase: NamePhrase?, cue: String, cueSpan: TextSpan)? {
        // (Asked of every sentence with a cue and no source: the tokens are read in place, not copied out.)
        guard let colon = sentence.first(where: { tokens[$0].mark == ":" }), colon > sentence.lowerBound,
              colon - sentence.lowerBound <= 4, colon + 2 < sentence.upperBound,
              let phrase = reader.before(colon, lowerBound: sentence.lowerBound), phrase.kind == .named,
              tokens.index(startingAt: phrase.span.start) == sentence.lowerBound,
              people.contains(where: { $0.name.isFullName(of: phrase.text) })
                || known.contains(where: { $0.name.isFullName(of: phrase.text) })
                || reference.curatedEntity(named: phrase.text) != nil else { return nil }
        // What follows the colon is a claim in words, not a list ("Portion Fix Containers: 1 Green, 1 Red").
        guard tokens[(colon + 1)..<sentence.upperBound].lazy.filter({ $0.kind == .word && !$0.capitalized && !$0.acronym }).count >= 2 else { return nil }
        guard sentence.lowerBound > 0 || !isRosterEntry(p) else { return nil }
        return (phrase, ":", TextSpan(start: tokens[colon].start, end: tokens[colon].end))
    }

    /// "Ana D. Velkova: Theft, trespass." in a run of paragraphs that each open with a different
    /// name and a colon: a roster (an arrest log, a cast list), whose entries are no one's claims.
    /// A transcript's labels come back ("Stanev: … / Petrova: … / Stanev: …"); a roster's do not.
    func isRosterEntry(_ p: Int) -> Bool {
        var labels: [ArraySlice<Unicode.Scalar>] = []
        var first = p
        while first > 0, p - first < 10, nameLabel(of: paragraphs[first - 1]) != nil { first -= 1 }
        var k = first
        while k < paragraphs.count, k - p < 10, let label = nameLabel(of: paragraphs[k]) {
            if labels.contains(where: { $0.elementsEqual(label) }) { return false }
            labels.append(label)
            k += 1
        }
        return labels.count >= 3
    }

    /// The capitalised words and initials a paragraph opens with when a colon follows them.
    private func nameLabel(of paragraph: Paragraph) -> ArraySlice<Unicode.Scalar>? {
        let tokens = paragraph.tokens
        guard let colon = tokens.prefix(7).firstIndex(where: { $0.mark == ":" }), colon >= 2,
              tokens[..<colon].allSatisfy({ ($0.kind == .word && $0.capitalized) || $0.mark == "." }) else { return nil }
        return scalars[tokens[0].start..<tokens[colon - 1].end]
    }

    /// A name that is the object of a preposition ("posted on Twitter accusing …"), not a subject.
    func afterPreposition(_ phrase: NamePhrase, _ tokens: [Token]) -> Bool {
        guard let at = tokens.index(startingAt: phrase.span.start), at > 0 else { return false }
        let before = tokens[at - 1]
        return before.kind == .word && !before.capitalized && (before.classes.contains(.prepositions) || ["to", "with", "via"].contains(before.lower))
    }

    /// "We", "I", "We’ll": the writer, who is no source.
    static func isFirstPerson(_ text: String) -> Bool {
        let word = text.split(whereSeparator: { $0 == " " || $0 == "’" || $0 == "'" }).first.map(String.init) ?? text
        return writerWords.contains(word)
    }

    static let progressiveAuxiliaries: Set<String> = ["is", "are", "was", "were", "am", "been", "be", "has", "have", "had"]

    /// Verbs a reporting verb can hang from with "to": "helped to show", "went on to say".
    static let leadingVerbs: Set<String> = ["helped", "helps", "help", "on", "continued", "continues", "tried", "sought", "managed"]
    /// Words that open a description set off after a name: "X, now a staff scientist at …, said".
    static let appositiveOpeners: Set<String> = ["now", "then", "formerly", "once", "himself", "herself", "also"]

    static let gerundPrepositions: Set<String> = ["into", "from", "of", "about", "against", "toward", "towards", "without", "for"]

    /// The document a participle hangs from: "a statement warning", or one a verb of issuing put
    /// out a few words before ("sent a letter to management earlier this month stating").
    static func issuedDocument(_ tokens: [Token], before k: Int, sentence: Range<Int>) -> Int? {
        guard k - 2 >= sentence.lowerBound else { return nil }
        if tokens[k - 1].classes.contains(.reportNouns), !tokens[k - 1].capitalized, tokens[k - 2].kind == .word, !tokens[k - 2].possessive {
            return k - 1
        }
        var n = k - 1
        while n > sentence.lowerBound, k - n <= 9, tokens[n].kind == .word {
            if tokens[n].classes.contains(.reportNouns), !tokens[n].capitalized, n - 2 >= sentence.lowerBound,
               tokens[n - 1].classes.contains(.descriptionDeterminers) || tokens[n - 1].classes.contains(.the),
               Self.issuingVerbs.contains(tokens[n - 2].lower) {
                return n
            }
            n -= 1
        }
        return nil
    }

    /// Where the clause that issued a document ends: before its verb of issuing ("The company
    /// published a blog post") or before the document's determiner.
    static func issuer(_ tokens: [Token], of noun: Int, sentence: Range<Int>) -> Int {
        // Back over the document's determiner and modifiers ("a blog post", "a short statement").
        var end = noun - 1
        while end > sentence.lowerBound, noun - end <= 4, tokens[end].kind == .word, !tokens[end].capitalized {
            if Self.issuingVerbs.contains(tokens[end].lower) || tokens[end].classes.contains(.reportingVerbs) { return end }
            end -= 1
        }
        return noun - 1
    }

    static let issuingVerbs: Set<String> = ["sent", "issued", "released", "published", "posted", "filed", "wrote", "sends", "issues",
                                            "releases", "publishes", "posts", "files", "writes"]

    /// Participles of a document and who issued it: "an email sent by X".
    static let documentVerbs: Set<String> = ["sent", "signed", "written", "issued", "released", "published", "posted"]

    /// Participles whose agent follows "by": "the view voiced by Michael Reed".
    static let agentVerbs: Set<String> = ["reported", "quoted", "voiced", "mouthed", "expressed"]

    /// Passives that report without naming who reported: "a third case was reported", "were
    /// confirmed on Monday", "is believed to have", "was accused of".
    /// The name a sentence opens with in apposition to a word of an indefinite description before
    /// it: "a group of employees" ¶ "The group, WeWorkers Coalition, …" names the group.
    func namedNext(_ description: NamePhrase, tokens: [Token], reader: NameReader, sentence next: Range<Int>) -> NamePhrase? {
        // The next sentence's opening ("The group, …") is tested first: most sentences after a
        // description open otherwise, and splitting the description for each cost more than the rest.
        guard next.count > 5, tokens[next.lowerBound].classes.contains(.the), tokens[next.lowerBound + 1].kind == .word,
              tokens[next.lowerBound + 2].mark == "," else { return nil }
        let words = description.text.lowercased().split(separator: " ")
        guard let first = words.first, first == "a" || first == "an", words.dropFirst().contains(Substring(tokens[next.lowerBound + 1].lower)),
              let name = reader.after(next.lowerBound + 3, upperBound: next.upperBound), name.kind == .named,
              let after = tokens[next].firstIndex(where: { $0.start >= name.span.end }), tokens[after].mark == "," else { return nil }
        return name
    }

    /// Verbs that report words only when the words are there ("wrote that …", "…, she replied"),
    /// and otherwise tell what someone did ("wrote three novels", "testified on Tuesday").
    static let contentVerbs: Set<String> = ["wrote", "writes", "write", "replied", "replies", "responded", "responds",
                                            "testified", "testifies", "testify", "spoke", "speaks", "explained", "explains",
                                            "observed", "observes"]

    /// Whether the words a content verb reports stand beside it: before its subject as a tag
    /// ("…, Ford wrote", "“…” she replied"), or after it with "that", a colon or a quotation.
    static func reportsContent(_ tokens: [Token], verb k: Int, sentence: Range<Int>, subject: NamePhrase) -> Bool {
        // ("HP, as Gizmodo recently explained, is …": an "as" clause reports the sentence it sits in.)
        if var first = tokens.index(startingAt: subject.span.start) {
            if first > sentence.lowerBound, tokens[first - 1].classes.contains(.the) { first -= 1 }
            if first > sentence.lowerBound,
               tokens[first - 1].kind == .punctuation && Token.isMark(tokens[first - 1].mark, in: ",”\"’—") || tokens[first - 1].lower == "as" {
                return true
            }
        }
        // "…,” writes the Associated Press": a verb put before its subject, right after the words it reports.
        if subject.span.start > tokens[k].end, k > sentence.lowerBound, tokens[k - 1].kind == .punctuation,
           Token.isMark(tokens[k - 1].mark, in: ",”\"") {
            return true
        }
        for j in (k + 1)..<min(sentence.upperBound, k + 14) {
            if tokens[j].lower == "that" || (tokens[j].kind == .punctuation && Token.isMark(tokens[j].mark, in: ":“\"")) { return true }
            if tokens[j].kind == .punctuation, Token.isMark(tokens[j].mark, in: ";") { return false }
        }
        return false
    }

    /// The study a finding verb's subject names before the people or things it studied ("one
    /// 6-month study in 77 people showed"), when the phrase read back from the verb is those.
    func studyHead(_ tokens: [Token], before k: Int, phrase: NamePhrase, sentence: Range<Int>) -> NamePhrase? {
        guard let phraseStart = tokens.index(startingAt: phrase.span.start) else { return nil }
        // ("Another study in older adults": a description may hold the study itself.)
        var h = phrase.kind == .description ? (tokens.partition { $0.start >= phrase.span.end } - 2) : phraseStart - 1
        while h >= sentence.lowerBound, k - h <= 12, tokens[h].kind != .punctuation || !Token.isMark(tokens[h].mark, in: ",;:()“”\"") {
            if Self.findingHeads.contains(tokens[h].lower), h + 1 < k,
               tokens[h + 1].classes.contains(.prepositions) || ["with", "into", "among"].contains(tokens[h + 1].lower) {
                var first = h
                while first > sentence.lowerBound, h - first < 5, tokens[first - 1].kind != .punctuation || tokens[first - 1].mark == "-",
                      !tokens[first - 1].classes.contains(.descriptionStops) { first -= 1 }
                let span = TextSpan(start: tokens[first].start, end: tokens[h].end)
                return NamePhrase(kind: .description, text: text(span), role: nil, isOrganization: false, span: span)
            }
            h -= 1
        }
        return nil
    }

    /// Adverbs that open a verbless fragment ("Highly recommended as …", "Widely reported to …").
    static let openingAdverbs: Set<String> = ["highly", "strongly", "widely", "frequently", "previously", "originally", "initially",
                                              "recently", "commonly", "generally", "warmly", "heavily", "roundly", "openly"]

    /// Words before a picture's credit line.
    static let creditLabels = ["credit", "credits", "photo", "image", "picture", "illustration", "video", "photograph"]

    /// Auxiliaries that open a yes-or-no question.
    static let questionOpeners: Set<String> = ["would", "could", "should", "did", "does", "do", "is", "are", "was", "were",
                                               "has", "have", "had", "will", "can", "must", "shall", "might"]

    static let agentlessReports: Set<String> = ["reported", "confirmed", "believed", "accused", "alleged", "rumoured", "rumored"]

    /// Verbs that report only with a clause: "studies have shown that …", not "showed the ship".
    static let needsThat: Set<String> = ["shown", "showed", "shows", "show", "demonstrated", "demonstrates", "demonstrate",
                                         "indicate", "indicates", "indicated", "recognizes", "recognises", "recognized", "recognised"]

    /// What can show a finding when no one is named: "studies have shown that …".
    static let findingHeads: Set<String> = ["studies", "study", "research", "data", "survey", "surveys", "poll", "polls", "report",
                                            "reports", "analysis", "evidence", "findings", "experiments", "tests", "records",
                                            "figures", "statistics", "researchers", "scientists"]

    /// "Toll plan completely debunked: Waterways Authority": a headline that gives a claim first and
    /// its source after a closing colon.
    func trailingHeadlineSource(_ reader: NameReader, _ tokens: [Token], sentence: Range<Int>) -> (phrase: NamePhrase?, cue: String, cueSpan: TextSpan)? {
        // A headline is a paragraph of one short sentence.
        guard tokens.count == sentence.count, sentence.count <= 20 else { return nil }
        var end = sentence.upperBound
        while end > sentence.lowerBound, tokens[end - 1].kind == .punctuation, Token.isMark(tokens[end - 1].mark, in: ".!") { end -= 1 }
        guard let colon = tokens[sentence.lowerBound..<end].lastIndex(where: { $0.mark == ":" }), colon - sentence.lowerBound >= 3,
              // "…where patients sought treatmentCredit: EPA": a picture credit names who took it.
              !Self.creditLabels.contains(where: { tokens[colon - 1].lower.hasSuffix($0) }),
              end - colon - 1 >= 1, end - colon - 1 <= 5, tokens[(colon + 1)..<end].allSatisfy({ $0.kind == .word && ($0.capitalized || $0.acronym || $0.classes.contains(.nameConnectors)) }),
              let phrase = reader.after(colon + 1, upperBound: end), phrase.kind == .named, phrase.span.end == tokens[end - 1].end else { return nil }
        let name = phrase.text.lowercased().hasPrefix("the ") ? String(phrase.text.dropFirst(4)) : phrase.text
        guard phrase.isOrganization || reference.curatedEntity(named: name) != nil
                || people.contains(where: { $0.name.isFullName(of: name) }) else { return nil }
        return (phrase, ":", TextSpan(start: tokens[colon].start, end: tokens[colon].end))
    }

    /// Auxiliaries and adverbs between a subject and its verb: "has also", "vehemently".
    /// (The word is named by its index and read in place; the listed words are all verb modifiers,
    /// so the list is only compared for a word with that bit.)
    static func isVerbModifier(_ tokens: [Token], _ k: Int) -> Bool {
        guard tokens[k].kind == .word, !tokens[k].capitalized else { return false }
        if tokens[k].classes.contains(.verbModifiers),
           ["has", "have", "had", "would", "also", "later", "previously", "recently", "publicly", "explicitly"].contains(tokens[k].lower) {
            return true
        }
        // ("very recently": "very" before an adverb.)
        if tokens[k].lower == "very", k + 1 < tokens.count { return isVerbModifier(tokens, k + 1) }
        return tokens[k].lower.count > 5 && tokens[k].lower.hasSuffix("ly") && !["family", "assembly", "supply", "monopoly"].contains(tokens[k].lower)
    }

    /// Where the main clause of a sentence starts when it opens with a subordinate one
    /// ("While …, …"); the sentence start otherwise.
    static func mainClauseStart(_ tokens: [Token], sentence: Range<Int>) -> Int {
        guard let first = sentence.first(where: { tokens[$0].kind == .word }), tokens[first].classes.contains(.clauseOpeners),
              let comma = tokens[first..<sentence.upperBound].firstIndex(where: { $0.mark == "," }) else { return sentence.lowerBound }
        return comma + 1
    }

    static let clauseOpeners: Set<String> = ["while", "although", "though", "whereas", "because", "if", "unless", "once", "whether"]

    /// A quotation that stands as a clause of its own: it opens the sentence, or follows a comma
    /// or colon after its tag ("he said, “…”") rather than a word of the writer's clause.
    func opensClause(_ quote: Quote, in paragraph: Paragraph, sentence: Range<Int>) -> Bool {
        let tokens = paragraph.tokens
        guard let open = tokens[sentence].lastIndex(where: { $0.end <= quote.span.start }) else { return true }
        var k = open
        while k >= sentence.lowerBound, tokens[k].kind == .punctuation, Token.isMark(tokens[k].mark, in: "“\"«‘'") { k -= 1 }
        return k < sentence.lowerBound || (tokens[k].kind == .punctuation && Token.isMark(tokens[k].mark, in: ",:(—…"))
    }

    /// A sentence made of quotations and their speech tag only: every stretch outside the
    /// quotations names the speaker ("he continued", "said Todorinova, speaking in Ruse") or is a
    /// few words long. Anything longer is the writer's own paraphrase around a partial quotation.
    func isDirectQuotation(_ paragraph: Paragraph, sentence: Range<Int>, quotes: [Quote]) -> Bool {
        var words = 0
        var hasVerb = false
        // "…,” she said, adding that the crew had asked …": a clause reported in the writer's words.
        let tokens = paragraph.tokens
        // "Petrov said he never used the term “…”": a reported clause with its own subject.
        for k in sentence.dropLast() where k > sentence.lowerBound && tokens[k - 1].classes.contains(.reportingVerbs)
            && (tokens[k].lower == "that" || (tokens[k].classes.contains(.personPronouns) && k + 1 < sentence.upperBound && tokens[k + 1].kind == .word))
            && !quotes.contains(where: { $0.span.start <= tokens[k].start && tokens[k].end <= $0.span.end }) {
            return false
        }
        // "“The thing with Elise bothered” Ford’s family, Starner said": a quotation the writer's
        // words finish is reported, not quoted whole.
        for quote in quotes where quote.span.end > quote.span.start
            && scalars[quote.span.start..<quote.span.end].lazy.filter({ $0 == " " }).count >= 2 {
            let last = scalars[quote.span.end - 1]
            guard last.properties.isAlphabetic || ("0"..."9").contains(last),
                  let close = sentence.first(where: { tokens[$0].start >= quote.span.end && tokens[$0].kind != .punctuation }),
                  close > sentence.lowerBound, tokens[close - 1].kind == .punctuation, tokens[close - 1].start >= quote.span.end,
                  tokens[close].kind == .word, !tokens[close].classes.contains(.speechVerbs),
                  close + 1 < sentence.upperBound, tokens[close + 1].kind == .word else { continue }
            return false
        }
        for k in sentence {
            let (start, end) = (tokens[k].start, tokens[k].end)
            if quotes.contains(where: { $0.span.start <= start && end <= $0.span.end }) {
                if words > 3 && !hasVerb { return false }
                words = 0
                hasVerb = false
            } else if tokens[k].kind == .word {
                words += 1
                hasVerb = hasVerb || tokens[k].classes.contains(.speechVerbs) || tokens[k].lower == "according"
            }
        }
        return words <= 3 || hasVerb
    }

    /// A description that can name a source: a source noun ("officials", "a source familiar with
    /// …") or any short noun phrase with a determiner or a plural head ("the municipality",
    /// "fishing clubs in Marten", "several operators"). Abstract words cannot.
    static func canBeSource(_ text: String) -> Bool {
        // Asked of every description next to a cue. Printable ASCII (nearly every phrase) is read
        // from its bytes, without lowercasing and splitting the phrase into new strings.
        var text = text
        if let answer = text.withUTF8({ asciiCanBeSource($0) }) { return answer }
        // Otherwise the common answers come from the last word alone.
        let bytes = text.utf8
        let lastStart = bytes.lastIndex(of: 32).map { bytes.index(after: $0) } ?? bytes.startIndex
        let head = text[lastStart...]
        if head.utf8.allSatisfy({ $0 < 128 && !($0 >= 65 && $0 <= 90) }), sourceHeads.contains(String(head)) { return true }
        let words = text.lowercased().split(separator: " ")
        if let head = words.last, sourceHeads.contains(String(head)) { return true }
        return isDescribedSource(words)
    }

    /// `canBeSource` for a phrase of printable ASCII, nil for any other: the same tests on the
    /// lowercased words, each made into a string only when a list is asked about it. (In printable
    /// ASCII a byte is a character, so counts and suffixes read the same.)
    private static func asciiCanBeSource(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard bytes.allSatisfy({ $0 >= 32 && $0 < 128 }) else { return nil }
        func lowered(_ word: Range<Int>) -> String {
            String(unsafeUninitializedCapacity: word.count) { buffer in
                for (n, k) in word.enumerated() { buffer[n] = bytes[k] >= 65 && bytes[k] <= 90 ? bytes[k] + 32 : bytes[k] }
                return word.count
            }
        }
        func isWord(_ word: Range<Int>, _ text: StaticString) -> Bool {
            word.count == text.utf8CodeUnitCount
                && (0..<word.count).allSatisfy { n in (bytes[word.lowerBound + n] | 0x20) == text.utf8Start[n] }
        }
        // The words between spaces, as `split` gives them: the first, the last, how many, and
        // whether "in" or "of" is one of them.
        var first: Range<Int>?, last: Range<Int>?
        var count = 0
        var inOrOf = false
        var k = 0
        while k < bytes.count {
            guard bytes[k] != 32 else { k += 1; continue }
            var end = k
            while end < bytes.count, bytes[end] != 32 { end += 1 }
            let word = k..<end
            if first == nil { first = word }
            last = word
            count += 1
            inOrOf = inOrOf || isWord(word, "in") || isWord(word, "of")
            k = end
        }
        guard let first, let last else { return false }
        let head = lowered(last)
        if sourceHeads.contains(head) { return true }
        guard count <= 7 else { return false }
        let firstWord = lowered(first)
        if nonSourceHeads.contains(head) || negatingDeterminers.contains(firstWord) { return false }
        return Lexicon.descriptionDeterminers.contains(firstWord) || firstWord.hasSuffix("'s")
            || (count > 1 && (firstWord == "his" || firstWord == "her" || firstWord == "their"))
            || (bytes[last.upperBound - 1] | 0x20 == UInt8(ascii: "s") && last.count > 3) || inOrOf
    }

    static func isDescribedSource(_ words: [Substring]) -> Bool {
        guard (1...7).contains(words.count), let head = words.last, let first = words.first else { return false }
        if nonSourceHeads.contains(String(head)) || negatingDeterminers.contains(String(first)) { return false }
        // ("his doctor", "her lawyer": someone the text has named stands behind the possessive.)
        return Lexicon.descriptionDeterminers.contains(String(first)) || NameReader.endsPossessive(first)
            || (words.count > 1 && (first == "his" || first == "her" || first == "their"))
            || (head.utf8.last == UInt8(ascii: "s") && head.hasSuffix("s") && head.count > 3) || words.contains("in") || words.contains("of")
    }

    static let nonSourceHeads: Set<String> = ["nobody", "anyone", "everyone", "someone", "it", "this", "that", "which", "who",
                                              "what", "one", "all", "both", "times", "occasions", "days", "weeks", "months", "years",
                                              "seconds", "minutes", "hours"]
    static let negatingDeterminers: Set<String> = ["nobody", "none", "no", "neither"]

    /// A description that can stand for a source: "officials", "a source familiar with …", "analysts".
    static func isSourceDescription(_ text: String) -> Bool {
        // Mostly asked of a single word: it is its own head, without splitting it into an array.
        guard text.utf8.contains(32) else { return sourceHeads.contains(text.lowercased()) }
        let head = text.split(separator: " ").last.map { $0.lowercased() } ?? text.lowercased()
        return sourceHeads.contains(head)
    }

    static let sourceHeads: Set<String> = [
        "officials", "official", "source", "sources", "analysts", "analyst", "experts", "expert", "witnesses", "witness",
        "residents", "resident", "spokesman", "spokeswoman", "spokesperson", "reports", "report", "observers",
        "diplomats", "diplomat", "investigators", "authorities", "police", "activists", "critics", "media", "driver",
        "commander", "journalist", "journalists", "reporters", "insiders", "aides", "members", "member", "crew",
        "fishermen", "fisherman", "inspectors", "engineers", "doctors", "medics", "locals", "people", "elders",
    ]

    // MARK: - Hedges

    /// The writer's hedges: a "could" or "reportedly" inside someone's quoted words is theirs,
    /// and the quotation carries it already.
    mutating func hedges(in p: Int) {
        let paragraph = paragraphs[p]
        // The document's quotations are read in place: filtering them copied every quotation (its
        // speaker, role and cue) for every paragraph.
        var quoted: [TextSpan] = []
        for n in result.quotes.indices where result.quotes[n].kind == .speaker && paragraph.range.contains(result.quotes[n].span.start) {
            quoted.append(result.quotes[n].span)
        }
        for sentence in paragraph.sentences {
            let sentenceSpan = span(paragraph, sentence)
            for found in HedgeFinder.find(paragraph.tokens, in: sentence) where !quoted.contains(where: { $0.contains(found.span) }) {
                result.hedges.append(Hedge(span: found.span, sentence: sentenceSpan, kind: found.kind))
            }
        }
    }

    /// Hedge words of a sentence outside the quotations in it.
    func writerHedges(_ tokens: [Token], in sentence: Range<Int>, quotes: [TextSpan]) -> [String] {
        HedgeFinder.find(tokens, in: sentence).filter { found in !quotes.contains { $0.contains(found.span) } }.map { text($0.span) }
    }
}
