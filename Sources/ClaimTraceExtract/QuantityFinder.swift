import ClaimTraceCore

/// Finds numbers with what they count: figures ("4,000 people", "1.4 million litres", "$9.95",
/// "13%"), written numbers ("six to seven kilometres", "twenty trucks"), and vague amounts
/// ("dozens", "hundreds"), with comparators ("more than", "almost", "at least", "up to").
enum QuantityFinder {
    static func find(_ tokens: [Token], dates: [DateMention]) -> [Quantity] {
        var out: [Quantity] = []
        var k = 0
        func inDate(_ k: Int) -> Bool { dates.contains { $0.span.start <= tokens[k].start && tokens[k].end <= $0.span.end } }
        while k < tokens.count {
            // Most tokens are words that count nothing: rejected on their fields, without a copy.
            guard tokens[k].kind == .number || (tokens[k].kind == .word && (tokens[k].classes.contains(.numberWords) || tokens[k].hyphenated)),
                  let (value, length) = number(tokens, at: k), !inDate(k) else { k += 1; continue }
            let t = tokens[k]
            var first = k
            var last = k + length - 1
            var upper: Double?
            var comparator: String?
            // A range: "six to seven", "3,000-4,000", "between 3,000 and 4,000".
            let afterBetween = first > 0 && tokens[first - 1].lower == "between"
            if last + 2 < tokens.count, Self.joinsRange(tokens[last + 1]) || (afterBetween && tokens[last + 1].lower == "and"),
               let (high, highLength) = number(tokens, at: last + 2), high > value {
                upper = high
                comparator = "between"
                last = last + 1 + highLength
            }
            // Comparators before the number; the phrases are only put together after a word that ends one.
            let before = first > 0 ? tokens[first - 1].lower : ""
            // The lists hold words, and "~": a word's bits say whether it is on them.
            let beforeClasses: WordClass = first > 0 && tokens[first - 1].kind == .word ? tokens[first - 1].classes : []
            var phrase = false
            if beforeClasses.contains(.comparatorEnds) {
                let twoBefore = first > 1 ? tokens[first - 2].lower + " " + before : ""
                // "no less than ten" is at least ten, not fewer.
                let threeBefore = first > 2 ? tokens[first - 3].lower + " " + twoBefore : ""
                if let flipped = negatedComparators[threeBefore] { comparator = flipped; first -= 3; phrase = true }
                else if comparators2.contains(twoBefore) { comparator = twoBefore; first -= 2; phrase = true }
            }
            if !phrase, beforeClasses.contains(.comparators) || (first > 0 && tokens[first - 1].mark == "~") { comparator = before; first -= 1 }
            if comparator == "between" && first > 0 && tokens[first - 1].lower == "between" { first -= 1 }
            if first > 0, tokens[first - 1].mark == "$" || tokens[first - 1].mark == "€" || tokens[first - 1].mark == "£" {
                out.append(Quantity(span: TextSpan(start: tokens[first - 1].start, end: tokens[last].end), value: value, upper: upper,
                                    unit: tokens[first - 1].lower, comparator: comparator))
                k = last + 1
                continue
            }
            // What is counted: the next noun, skipping "of", adjectives and names ("40 of Corvina's barges").
            var unit: String?
            var unitEnd = last
            var j = last + 1
            if j < tokens.count, tokens[j].mark == "%" { unit = "%"; unitEnd = j }
            else {
                // The head noun ends a run of lower-case words: "three consecutive samples" counts samples.
                while j < tokens.count, j <= last + 4, tokens[j].kind == .word {
                    let w = tokens[j].lower
                    if tokens[j].classes.contains(.quantitySkips) || tokens[j].capitalized || tokens[j].acronym { j += 1; continue }
                    if tokens[j].classes.contains(.quantityStops) || (Self.endsIn(w, "ed") && w.utf8.count > 4) { break }
                    unit = w == "percent" || w == "per" ? "%" : w
                    unitEnd = j
                    if w == "percent" { break }
                    j += 1
                    if j < tokens.count, tokens[j].kind == .word, !tokens[j].capitalized,
                       tokens[j].classes.isDisjoint(with: [.quantityStops, .quantitySkips]),
                       !Self.endsIn(tokens[j].lower, "ed"), !Self.endsIn(tokens[j].lower, "ly"), unitEnd - last < 3 {
                        continue
                    }
                    break
                }
            }
            // A bare number without a unit or comparator is often a year or a label; keep it only
            // when it is a written figure with separators or the vague kind ("dozens").
            if unit == nil && comparator == nil && t.kind == .number && !t.lower.utf8.contains(44) && t.lower.utf8.count <= 2 { k = last + 1; continue }
            if unit == nil && t.kind == .word && vague[t.lower] == nil { k = last + 1; continue }
            // A year, also before a noun ("the 2015 surge", "a 2008 report"): a date, not a count.
            if t.kind == .number && t.end - t.start == 4 && (1800...2100).contains(Int(t.lower) ?? 0) && comparator == nil
                && !(unit?.hasSuffix("s") ?? false) { k = last + 1; continue }
            // "one" alone is an article more than a count ("one way", "one of the world's"): only
            // a range or a comparator makes it a quantity.
            if t.lower == "one" && upper == nil && comparator == nil { k = last + 1; continue }
            out.append(Quantity(span: TextSpan(start: tokens[first].start, end: tokens[unitEnd].end), value: value, upper: upper,
                                unit: unit, comparator: comparator ?? vagueComparator(t.lower)))
            k = unitEnd + 1
        }
        return out
    }

    /// The number starting at token `k` and how many tokens it takes: "4,000", "1.4 million",
    /// "twenty-five", "six", "dozens".
    static func number(_ tokens: [Token], at k: Int) -> (Double, Int)? {
        // (The token is read in place: this is asked of every number and hyphenated word.)
        if tokens[k].kind == .number {
            guard !tokens[k].hasLetterSuffix, let v = tokens[k].leadingValue else { return nil }  // "26th", "5km" are not counts here
            if let scale = scale(after: k, in: tokens) { return (v * scale, 2) }
            return (v, 1)
        }
        guard tokens[k].kind == .word, tokens[k].classes.contains(.numberWords) || tokens[k].hyphenated else { return nil }
        // The tables are only asked about words on their list (a hyphenated word may be on none).
        if tokens[k].classes.contains(.numberWords) {
            if let vague = vague[tokens[k].lower] { return (vague, 1) }
            if let v = words[tokens[k].lower] {
                if let scale = scale(after: k, in: tokens) { return (v * scale, 2) }
                return (v, 1)
            }
        }
        // "twenty-five"
        guard tokens[k].hyphenated, startsWithTens(tokens[k].lower) else { return nil }
        let parts = tokens[k].lower.split(separator: "-")
        if parts.count == 2, let tens = words[String(parts[0])], let ones = words[String(parts[1])], tens >= 20, ones < 10 { return (tens + ones, 1) }
        return nil
    }

    /// The scale word after token `k` ("million" in "1.4 million"). Scales are on the number-word
    /// list, so other words are passed over on their bits instead of being hashed.
    private static func scale(after k: Int, in tokens: [Token]) -> Double? {
        guard k + 1 < tokens.count, tokens[k + 1].classes.contains(.numberWords) else { return nil }
        return scales[tokens[k + 1].lower]
    }

    /// The tens (and "hundred", "thousand") a hyphenated number starts with.
    private static let tens: [String] = words.filter { $0.value >= 20 }.map(\.key)

    /// Whether the word's bytes before its first hyphen are one of `tens`: a hyphenated number
    /// ("twenty-five") needs it, and most hyphenated words ("al-Assad", "long-term") are passed
    /// over on it instead of being split into an array of parts.
    private static func startsWithTens(_ word: String) -> Bool {
        let utf8 = word.utf8
        guard let dash = utf8.firstIndex(of: UInt8(ascii: "-")) else { return false }
        let head = utf8[..<dash]
        return tens.contains { $0.utf8.elementsEqual(head) }
    }

    /// "to", "-" or "–" between the two numbers of a range.
    @inline(__always) private static func joinsRange(_ t: Token) -> Bool {
        t.kind == .punctuation ? t.mark == "-" || t.mark == "–" : t.lower == "to"
    }

    private static func vagueComparator(_ word: String) -> String? { vague[word] != nil ? "at least" : nil }

    /// A byte comparison of an ASCII ending, cheaper than `hasSuffix` on characters.
    @inline(__always) static func endsIn(_ word: String, _ suffix: StaticString) -> Bool {
        let w = word.utf8, n = suffix.utf8CodeUnitCount
        guard w.count >= n else { return false }
        return suffix.withUTF8Buffer { tail in w.suffix(n).elementsEqual(tail) }
    }

    static let words: [String: Double] = [
        "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
        "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
        "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000, "dozen": 12,
    ]
    static let vague: [String: Double] = ["dozens": 24, "hundreds": 200, "thousands": 2000, "millions": 2_000_000, "scores": 40]
    static let scales: [String: Double] = ["hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000,
                                           "trillion": 1_000_000_000_000, "m": 1_000_000, "bn": 1_000_000_000]
    static let comparators1: Set<String> = ["over", "almost", "nearly", "about", "around", "approximately", "some", "roughly",
                                            "under", "below", "above", "exceeding", "circa", "~"]
    static let comparators2: Set<String> = ["more than", "less than", "fewer than", "at least", "up to", "as many as", "no more",
                                            "at most", "just over", "just under", "close to", "in excess", "as much"]
    /// Last words of the two- and three-word comparators.
    static let comparatorEnds: Set<String> = Set(comparators2.compactMap { $0.split(separator: " ").last.map(String.init) })

    static let negatedComparators: [String: String] = ["no less than": "at least", "no fewer than": "at least",
                                                       "no more than": "at most", "not more than": "at most"]
    static let verbs: Set<String> = ["went", "came", "come", "go", "left", "said", "say", "says", "told", "died", "fled", "were",
                                     "are", "remain", "remained", "stayed", "took", "take", "got", "get", "made", "make", "saw", "see"]
    static let skipWords: Set<String> = ["of", "the", "more", "additional", "other", "new", "small", "large", "big", "armed",
                                         "foreign", "local", "senior", "civilian", "military", "metric", "square", "extra"]
    static let stopWords: Set<String> = ["to", "and", "or", "in", "on", "at", "by", "for", "with", "from", "than", "is", "are",
                                         "was", "were", "be", "had", "have", "has", "that", "which", "who", "a", "an", "it", "as",
                                         "when", "after", "before", "per", "them", "us", "those", "these", "whom", "its", "their",
                                         "his", "her", "our", "my", "your", "him", "me", "you", "they", "we", "he", "she", "i",
                                         "long", "wide", "high", "deep", "old", "now", "later", "ago", "away", "apart", "each",
                                         "earlier", "before", "behind", "ahead", "too", "so", "not", "also", "then"]
}
