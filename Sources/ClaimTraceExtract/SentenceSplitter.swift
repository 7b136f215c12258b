import ClaimTraceCore

/// Splits a paragraph's tokens into sentences the way news prose needs: abbreviations
/// (Gen., U.S., Jan.) and initials do not end a sentence, closing quotes and brackets stay
/// with the sentence they close, an ellipsis ends one only before a capital, and a line break
/// (a list item, a heading) always ends one.
enum SentenceSplitter {
    /// Sentences as ranges of token indices.
    static func sentences(_ tokens: [Token]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var start = 0
        var i = 0
        func close(at end: Int) {
            var first = start
            while first < end, tokens[first].kind == .lineBreak { first += 1 }
            if first < end { out.append(first..<end) }
            start = end
        }
        // Where an unclosed curly quotation opened: a quotation that starts mid-sentence ("he said,
        // “… right? You don't …”") runs to its closing mark as part of that sentence.
        var openQuote: Int?
        while i < tokens.count {
            // Read in place: copying every token out cost more than the test on it.
            let kind = tokens[i].kind, mark = tokens[i].mark
            if kind == .punctuation {
                if mark == "“" {
                    // Only a quotation that closes within the paragraph, before another one opens.
                    let next = ((i + 1)..<tokens.count).first { tokens[$0].kind == .punctuation && (tokens[$0].mark == "“" || tokens[$0].mark == "”") }
                    openQuote = next.map { tokens[$0].mark == "”" } == true ? i : nil
                } else if mark == "”" {
                    openQuote = nil
                } else if mark == "\"" {
                    // A straight mark opens and closes alike: it opens where it stands before a word
                    // and after a space, and the next straight mark in the paragraph closes it.
                    if let open = openQuote, tokens[open].mark == "\"" {
                        openQuote = nil
                    } else if openQuote == nil, i > 0, tokens[i - 1].end < tokens[i].start, i + 1 < tokens.count,
                              tokens[i + 1].start == tokens[i].end, tokens[i + 1].kind != .punctuation,
                              ((i + 1)..<tokens.count).contains(where: { tokens[$0].mark == "\"" }) {
                        openQuote = i
                    }
                }
            }
            // A full stop that closes the quotation ("… advance.” The BBC …") still ends the sentence.
            if let open = openQuote, open > start, kind == .punctuation, mark != "“", mark != "”", mark != "\"",
               !(i + 1 < tokens.count && (tokens[i + 1].mark == "”" || tokens[i + 1].mark == "\"")) {
                i += 1
                continue
            }
            if kind == .lineBreak {
                close(at: i)
                start = i + 1
                i += 1
                continue
            }
            guard kind == .punctuation, mark == "." || mark == "!" || mark == "?" || mark == "…" else { i += 1; continue }
            if mark == "." && i > 0 && isAbbreviation(tokens, i - 1, dotAt: tokens[i].start) { i += 1; continue }
            if mark == "." && i > 0 && isDottedProductName(tokens, dotAt: i) { i += 1; continue }
            // Closing quotes and brackets belong to the sentence they end.
            var end = i + 1
            while end < tokens.count, tokens[end].kind == .punctuation, Token.isMark(tokens[end].mark, in: Self.closers) { end += 1 }
            // Runs of ?! and the like.
            while end < tokens.count, tokens[end].kind == .punctuation, Token.isMark(tokens[end].mark, in: ".!?") { end += 1 }
            guard end < tokens.count else { close(at: end); i = end; continue }
            let nextKind = tokens[end].kind, nextCapitalized = tokens[end].capitalized
            let startsSentence = nextCapitalized || nextKind == .number || nextKind == .lineBreak
                || (nextKind == .punctuation && Token.isMark(tokens[end].mark, in: Self.openers))
            if mark == "…" && !nextCapitalized { i += 1; continue }
            if startsSentence { close(at: end) }
            i = end
        }
        close(at: tokens.count)
        return out
    }

    /// A word before a full stop that does not end the sentence: a known abbreviation, an
    /// initial ("Charles J. Dunlap"), or a dotted abbreviation ("U.S.").
    /// (The word is named by its index and read in place: this is asked at every full stop.)
    static func isAbbreviation(_ tokens: [Token], _ k: Int, dotAt dot: Int) -> Bool {
        guard tokens[k].kind == .word, tokens[k].end == dot else { return tokens[k].kind == .word && tokens[k].lower.hasSuffix(".") }
        if tokens[k].end - tokens[k].start == 1 && tokens[k].capitalized { return true }
        // "R-W.Va.": a party and state tag ends in an initial after a hyphen.
        if tokens[k].hyphenated, tokens[k].end - tokens[k].start >= 3, tokens[k].lower.utf8.dropLast().last == UInt8(ascii: "-") { return true }
        return tokens[k].classes.contains(.abbreviations)
    }

    /// A model name written with a full stop inside it ("the ID. SPACE VIZZION is"): a short
    /// capitalised word glued to the stop, then two words in capitals, then the sentence going on
    /// in lower case. A sentence that ends on an acronym ("in the US. NATO said") is followed by
    /// one word in capitals, not two, so it still ends there.
    static func isDottedProductName(_ tokens: [Token], dotAt dot: Int) -> Bool {
        let before = tokens[dot - 1]
        guard before.kind == .word, before.acronym, before.end == tokens[dot].start, before.end - before.start <= 3,
              dot + 3 < tokens.count else { return false }
        let first = tokens[dot + 1], second = tokens[dot + 2], after = tokens[dot + 3]
        return first.kind == .word && first.acronym && second.kind == .word && second.acronym
            && after.kind == .word && !after.capitalized
    }

    static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "brig", "adm", "cmdr", "gov", "sen",
        "rep", "st", "jr", "sr", "rev", "fr", "hon", "pres", "amb", "inc", "corp", "co", "ltd", "no", "nos", "vs", "etc",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "approx", "est",
        "dept", "univ", "assn", "bros", "fig", "vol", "pp", "p", "e.g", "i.e", "al", "u.s", "u.k", "u.n",
    ]
    static let closers: StaticString = "\"”’')]»"
    static let openers: StaticString = "\"“‘'([«"
}
