import ClaimTraceCore

/// Paragraphs quoted as a block after "X said:" or set off by the page, and who they belong to.
extension DocumentRun {
    /// When paragraph `p` ends with a colon after a source ("According to the BBC report:",
    /// "Landis said:", "X would note:"), the source of the quoted block that follows.
    /// With `requireColon` false, the last sentence of a paragraph before a quotation the page
    /// set off: "Szélesi said." or "Draganov wrote in a memo to members."
    mutating func blockIntroduction(_ p: Int, requireColon: Bool = true) -> (phrase: NamePhrase?, cue: String, resolved: KnownSpeaker?)? {
        let paragraph = paragraphs[p]
        guard let lastToken = paragraph.tokens.last, !requireColon || lastToken.mark == ":", let sentence = paragraph.sentences.last,
              p + 1 < paragraphs.count else { return nil }
        let reader = NameReader(tokens: paragraph.tokens, scalars: scalars)
        let tokens = paragraph.tokens
        let colon = lastToken.mark == ":" || lastToken.mark == "." ? tokens.count - 1 : tokens.count
        // Find the last cue in the sentence: a speech verb, "according to", or a report noun.
        var k = colon - 1
        while k >= sentence.lowerBound {
            let t = tokens[k]
            if t.kind == .word, t.lower == "to", k > sentence.lowerBound, tokens[k - 1].lower == "according",
               let phrase = reader.after(k + 1, upperBound: colon) {
                return (reportSource(phrase, tokens: tokens, from: k + 1, to: colon), "according to", nil)
            }
            // A participle ("apparently confirming that …, the commander:") is not the introduction's verb.
            if t.kind == .word, !t.capitalized, t.classes.contains(.speechVerbs), !t.lower.hasSuffix("ing") {
                var subjectEnd = k
                // "would note", "has said", "went on to say"
                while subjectEnd > sentence.lowerBound, ["would", "has", "had", "have", "will", "to", "on", "went", "later", "also"].contains(tokens[subjectEnd - 1].lower) {
                    subjectEnd -= 1
                }
                if let phrase = reader.before(subjectEnd, lowerBound: sentence.lowerBound) {
                    return (phrase, t.lower, nil)
                }
                return (nil, t.lower, nil)
            }
            k -= 1
        }
        return nil
    }

    /// "the BBC report" → BBC; "yesterday's bombshell BBC report" → BBC.
    func reportSource(_ phrase: NamePhrase, tokens: [Token], from: Int, to: Int) -> NamePhrase {
        guard phrase.kind == .description else { return phrase }
        let reader = NameReader(tokens: tokens, scalars: scalars)
        // "According to evidence presented at trial, Webb grabbed …": the phrase ends at its comma,
        // unless a name follows it in apposition ("according to his aunt, Jane Starner, …").
        var to = to
        if let comma = tokens[from..<to].firstIndex(where: { $0.kind == .punctuation && Token.isMark($0.mark, in: ",;:") }) {
            let appositive = comma + 1 < to ? reader.after(comma + 1, upperBound: to) : nil
            let closed = appositive.flatMap { name in tokens[(comma + 1)..<to].first(where: { $0.start >= name.span.end }) }
            if !(appositive?.kind == .named && closed.map { $0.kind == .punctuation && Token.isMark($0.mark, in: ",:“\"") } == true) {
                to = comma
            }
        }
        // ("according to people I spoke to": the writer's "I" names no source.)
        for k in from..<to where tokens[k].kind == .word && (tokens[k].capitalized || tokens[k].acronym) && !(k == from) && tokens[k].lower != "i" {
            if let named = reader.after(k, upperBound: to), named.kind == .named {
                var organization = named
                organization.isOrganization = true
                if let last = organization.text.split(separator: " ").last, Lexicon.reportNouns.contains(last.lowercased()) {
                    organization.text = organization.text.split(separator: " ").dropLast().joined(separator: " ")
                }
                return organization
            }
        }
        return phrase
    }

    mutating func addBlockQuote(_ p: Int, intro: (phrase: NamePhrase?, cue: String, resolved: KnownSpeaker?)) {
        let paragraph = paragraphs[p]
        var quote = Quote(span: TextSpan(start: paragraph.range.lowerBound, end: paragraph.range.upperBound), kind: .speaker, block: true)
        // A block wrapped in quotation marks: the words inside them.
        if let only = paragraph.marks.first, only.open <= paragraph.range.lowerBound + 1, paragraph.marks.count == 1 {
            quote.span = only.inner
        }
        if let phrase = intro.phrase { apply(phrase, cue: intro.cue, to: &quote) } else { quote.cue = intro.cue }
        // Partial quotations after a block usually go on quoting its speaker.
        if let speaker = quote.speaker {
            lastNamedQuote = (speaker, quote.role, quote.cue, p)
            lastNamedQuoteOffset = quote.span.start
        }
        result.quotes.append(quote)
        hedges(in: p)
    }

    /// "— Rep. Ilhan Omar (@Ilhan) November 19, 2019": the line an embedded post ends with, naming
    /// who wrote it; nil for any other paragraph.
    func postCredit(_ p: Int) -> NamePhrase? {
        guard p >= 0, p < paragraphs.count else { return nil }
        let tokens = paragraphs[p].tokens
        guard tokens.count >= 4, tokens.count <= 24, tokens[0].kind == .punctuation, Token.isMark(tokens[0].mark, in: "—–-"),
              let open = tokens.firstIndex(where: { $0.mark == "(" }), open >= 2, tokens[open].end < paragraphs[p].range.upperBound,
              scalars[tokens[open].end] == "@" else { return nil }
        if let name = NameReader(tokens: tokens, scalars: scalars).after(1, upperBound: open), name.kind == .named { return name }
        // An account's display name need not read as a name ("9to5Mac.com"): the words before the handle.
        guard open - 1 <= 6 else { return nil }
        let span = TextSpan(start: tokens[1].start, end: tokens[open - 1].end)
        return NamePhrase(kind: .named, text: text(span), role: nil, isOrganization: false, span: span)
    }

    /// The author of an embedded post that starts at quotation paragraph `p`: the credit line that
    /// closes the run of quoted paragraphs, or the one right after it.
    func postAuthor(from p: Int) -> NamePhrase? {
        var j = p
        while j < paragraphs.count, j - p < 8 {
            if let name = postCredit(j) { return name }
            guard isQuotation(j) else { return nil }
            j += 1
        }
        return nil
    }

    /// "Summary Studies show that …", "Note: …": a box the page sets off like a quotation to sum
    /// up or warn, in the writer's own words.
    func isLabelledPanel(_ paragraph: Paragraph) -> Bool {
        let tokens = paragraph.tokens
        guard tokens.count >= 3, tokens[0].kind == .word, tokens[0].capitalized, Self.panelLabels.contains(tokens[0].lower) else { return false }
        return tokens[1].mark == ":" || (tokens[1].kind == .word && tokens[1].capitalized)
    }

    static let panelLabels: Set<String> = ["summary", "takeaway", "takeaways", "tip", "tips", "note", "update", "disclaimer",
                                           "related", "recap", "tldr", "highlights"]

    /// A block quotation runs on into the next paragraph when that one starts with an ellipsis
    /// or an opening quotation mark and the current one did not close the thought.
    func continuesBlock(after p: Int) -> Bool {
        guard p + 1 < paragraphs.count else { return false }
        let first = scalars[paragraphs[p + 1].range.lowerBound]
        return first == "…" || (first == "." && paragraphs[p + 1].range.count > 2 && scalars[paragraphs[p + 1].range.lowerBound + 1] == ".")
    }
}
