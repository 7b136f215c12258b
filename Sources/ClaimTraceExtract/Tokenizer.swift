import ClaimTraceCore

/// A word, number or punctuation mark of a document, by code point offsets into its text.
///
/// Every rule reads tokens and many copy them: the fields are ordered so that the token packs
/// into 64 bytes, and its yes/no facts share one byte. (Flags written one by one after the
/// token was made and then copied into the array stalled the tokenizer on every word.)
struct Token {
    enum Kind: UInt8 { case word, number, punctuation, lineBreak }
    var start: Int
    var end: Int
    /// Lowercased text for words (ASCII letters folded); the mark itself for punctuation.
    var lower: String
    /// The word lists the word is on.
    var classes: WordClass
    /// For a number, the figure its digits and separators give ("4,000" → 4000, "26th" → 26).
    var leadingValue: Double?
    /// For punctuation, the mark itself ("…" for three dots); a line break for a line break;
    /// NUL for words and numbers. Rules test marks by scalar: comparing a curly mark's string
    /// with another string goes through Unicode normalisation, which cost more than splitting
    /// sentences itself.
    var mark: Unicode.Scalar
    /// The word's slot in `Lexicon.wordClasses`, -1 for a word on no list and for numbers and
    /// marks: tables keyed by listed words are arrays indexed by it, not hashed again.
    var slot: Int32
    var kind: Kind
    private var flags: Flags

    struct Flags: OptionSet {
        let rawValue: UInt8
        static let capitalized = Flags(rawValue: 1 << 0)
        static let acronym = Flags(rawValue: 1 << 1)
        static let hyphenated = Flags(rawValue: 1 << 2)
        static let possessive = Flags(rawValue: 1 << 3)
        static let hasLetterSuffix = Flags(rawValue: 1 << 4)
        static let articleJoinCapital = Flags(rawValue: 1 << 5)
    }

    init(start: Int, end: Int, kind: Kind, lower: String, mark: Unicode.Scalar = "\0", flags: Flags = [],
         classes: WordClass = [], slot: Int32 = -1, leadingValue: Double? = nil) {
        self.start = start
        self.end = end
        self.lower = lower
        self.classes = classes
        self.leadingValue = leadingValue
        self.mark = mark
        self.slot = slot
        self.kind = kind
        self.flags = flags
    }

    /// The word starts with an upper-case letter.
    var capitalized: Bool { flags.contains(.capitalized) }
    /// A word written all in capitals of two or more letters (BBC, SDF).
    var acronym: Bool { flags.contains(.acronym) }
    /// A word with a hyphen inside ("mid-November", "twenty-five").
    var hyphenated: Bool { flags.contains(.hyphenated) }
    /// A word ending in a possessive "'s" or "’s".
    var possessive: Bool { flags.contains(.possessive) }
    /// For a number, letters follow the digits ("26th", "5km").
    var hasLetterSuffix: Bool { flags.contains(.hasLetterSuffix) }
    /// Set by the tokenizer: the letter after the hyphen is a capital.
    var articleJoinCapital: Bool { flags.contains(.articleJoinCapital) }

    /// "al-Zor", "ez-Zor", "bin-Laden": a lower-case Arabic article joined to a capitalised name.
    var isArticleJoinedName: Bool {
        // The tokenizer's flag is tested first: name readers ask this of every lower-case word,
        // and searching the word's characters for the hyphen cost more than reading the name.
        guard articleJoinCapital, kind == .word, !capitalized, let dash = lower.utf8.firstIndex(of: UInt8(ascii: "-")) else { return false }
        return ["al", "el", "ez", "es", "ed", "ad", "as", "ash", "at", "az", "ar", "an", "bin", "ibn", "abu", "abd"].contains(String(lower[..<dash]))
    }

    /// "the", "a" or "an": a word after one is a noun or an adjective ("the observed volume", "the
    /// state"), not a verb.
    var isArticle: Bool { classes.contains(.the) || lower == "a" || lower == "an" }

    /// A capitalised weekday, "Today" or "Yesterday": after a name, the day something happened
    /// ("Vietnam Wednesday accused"), never part of the name.
    static func isTrailingDay(_ token: Token) -> Bool {
        token.kind == .word && token.capitalized && token.classes.contains(.capitalizedNonNames) && token.classes.contains(.dateStarts)
            && token.lower.hasSuffix("day")
    }

    /// Whether this token is one of the marks listed in `marks` ("“\"«").
    @inline(__always) func isMark(in marks: StaticString) -> Bool { Self.isMark(mark, in: marks) }

    /// Whether `mark` is one of the marks listed in `marks`: for a token read in place by index,
    /// as calling a method on an array's element can copy the token out first.
    @inline(__always) static func isMark(_ mark: Unicode.Scalar, in marks: StaticString) -> Bool {
        guard mark != "\0" else { return false }
        return marks.withUTF8Buffer { bytes in
            // Every listed mark is a single scalar; the list is decoded as it is read.
            var iterator = bytes.makeIterator()
            var decoder = UTF8()
            while case .scalarValue(let listed) = decoder.decode(&iterator) {
                if listed == mark { return true }
            }
            return false
        }
    }
}

/// Splits a document's text into tokens, paragraph by paragraph.
///
/// Works on the text's scalars: words keep inner apostrophes and hyphens ("don't", "al-Assad"),
/// dotted abbreviations stay whole ("U.S."), numbers keep their separators ("4,000", "3.5").
/// Scalar arrays keep offsets in the export's unit without recounting.
enum Tokenizer {
    static func tokens(_ text: [Unicode.Scalar], in range: Range<Int>) -> [Token] {
        // Every scalar of the paragraph is read, most of them several times: through the buffer,
        // without a bounds check on each read (the range is checked once, here).
        precondition(range.lowerBound >= 0 && range.upperBound <= text.count, "a paragraph lies within its text")
        return text.withUnsafeBufferPointer { tokens($0, in: range) }
    }

    private static func tokens(_ s: UnsafeBufferPointer<Unicode.Scalar>, in range: Range<Int>) -> [Token] {
        var out: [Token] = []
        out.reserveCapacity(range.count / 5)
        let table = Lexicon.wordClasses
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            let c = s[i]
            if c == "\n" {
                if out.isEmpty || out[out.count - 1].kind != .lineBreak { out.append(Token(start: i, end: i + 1, kind: .lineBreak, lower: "\n", mark: "\n")) }
                i += 1
                continue
            }
            if isSpace(c) { i += 1; continue }
            if isLetter(c) {
                let start = i
                var uppers = 0, letters = 0
                var hyphenated = false
                var ascii = true
                // The word is hashed for the look-up below as it is read (the hash counts only if the
                // word is ASCII): a second pass over its scalars cost a tenth of the tokenizer.
                var hash = WordClassTable.Hash()
                var j = i
                while j < end {
                    let d = s[j]
                    // ASCII letters and digits first, by arithmetic on the scalar's value: they are
                    // nearly every scalar of a word.
                    if d.value < 128 {
                        let folded = d.value | 0x20
                        let letter = folded &- 97 < 26
                        if letter || d.value &- 48 < 10 {
                            if letter { letters += 1 }
                            if d.value &- 65 < 26 { uppers += 1 }
                            hash.add(UInt8(truncatingIfNeeded: letter ? folded : d.value))
                            j += 1
                            continue
                        }
                    }
                    if isLetter(d) || isDigit(d) {
                        if isLetter(d) { letters += 1; if isUpper(d) { uppers += 1 } }
                        if d.value >= 128 { ascii = false }
                        j += 1
                    } else if (d == "'" || d == "’" || d == "-" || d == "‐") && j + 1 < end && isLetter(s[j + 1]) && j > start {
                        if d == "-" || d == "‐" { hyphenated = true }
                        // A curly apostrophe lowers to a straight one, so "Trump’s" is read as ASCII.
                        if d.value >= 128 && d != "’" { ascii = false }
                        hash.add(asciiLowered(d))
                        j += 1
                    } else if d == ".", j + 1 < end, isLetter(s[j + 1]), j + 2 <= end,
                              j - start == 1 || (j >= 2 && s[j - 2] == "."),
                              j + 2 == end || !isLetter(s[j + 2]) {
                        // U.S., U.N.: single letters joined by dots stay one word.
                        hash.add(UInt8(ascii: "."))
                        hash.add(asciiLowered(s[j + 1]))
                        j += 2
                        letters += 1
                        if isUpper(s[j - 1]) { uppers += 1 }
                        if j < end, s[j] == "." {
                            hash.add(UInt8(ascii: "."))
                            j += 1
                        }
                    } else {
                        break
                    }
                }
                // A trailing possessive stays with the word: "Kerry's".
                // An ASCII word is looked up from its scalars; a listed word (about half of a text's
                // words) then shares the table's string, and only other words are made into new ones.
                // (Words with a curly apostrophe count as ASCII: on real pages they are common, and
                // lowering them scalar by scalar through a scalar view was a tenth of the tokenizer.)
                let lower: String
                let slot: Int32
                if ascii {
                    slot = table.slot(ofASCII: s, start, j, hash: hash.value)
                    lower = slot >= 0 ? table.word(at: slot) : asciiLowered(s, start, j)
                } else {
                    lower = lowered(s, start, j)
                    slot = table.slot(of: lower)
                }
                var flags: Token.Flags = []
                let capitalized = isUpper(s[start])
                if capitalized { flags.insert(.capitalized) }
                if letters >= 2 && uppers == letters { flags.insert(.acronym) }
                if hyphenated { flags.insert(.hyphenated) }
                if j - start > 2 && (s[j - 1] == "s" || s[j - 1] == "S") && (s[j - 2] == "'" || s[j - 2] == "’") { flags.insert(.possessive) }
                if hyphenated, !capitalized, let dash = (start..<j).first(where: { s[$0] == "-" }), dash + 1 < j, isUpper(s[dash + 1]) {
                    flags.insert(.articleJoinCapital)
                }
                out.append(Token(start: start, end: j, kind: .word, lower: lower, flags: flags, classes: table.classes(at: slot), slot: slot))
                i = j
                continue
            }
            if isDigit(c) {
                let start = i
                var j = i + 1
                while j < end {
                    if isDigit(s[j]) { j += 1 } else if (s[j] == "," || s[j] == ".") && j + 1 < end && isDigit(s[j + 1]) { j += 2 } else { break }
                }
                let digitsEnd = j
                // Ordinals and units glued to the number stay with it: 1st, 20th, 5km.
                var ascii = true
                while j < end, isLetter(s[j]) {
                    if s[j].value >= 128 { ascii = false }
                    j += 1
                }
                // Read the figure once here; the date and quantity finders look at every number.
                let lower = ascii ? asciiLowered(s, start, j) : lowered(s, start, j)
                out.append(Token(start: start, end: j, kind: .number, lower: lower, flags: j > digitsEnd ? .hasLetterSuffix : [],
                                 leadingValue: Self.figure(s, start, digitsEnd)))
                i = j
                continue
            }
            // Three dots are one ellipsis.
            if c == ".", i + 2 < end, s[i + 1] == ".", s[i + 2] == "." {
                out.append(Token(start: i, end: i + 3, kind: .punctuation, lower: "…", mark: "…"))
                i += 3
                continue
            }
            out.append(Token(start: i, end: i + 1, kind: .punctuation, lower: c.value < 128 ? Self.asciiMarks[Int(c.value)] : String(Character(c)),
                             mark: c))
            i += 1
        }
        return out
    }

    /// "4,000" → 4000, "3.5" → 3.5: a comma groups thousands, a dot marks decimals; nil when
    /// the separators do not read as either ("1.2.3").
    static func figure(_ s: UnsafeBufferPointer<Unicode.Scalar>, _ start: Int, _ end: Int) -> Double? {
        // Digits are gathered as one integer and the decimal point applied at the end, so "9.95"
        // comes out as 9.95 and not as 9 + 0.9 + 0.05 with the rounding of each step.
        var digits: Double = 0
        var decimals = 0
        var afterPoint = false
        for k in start..<end {
            let c = s[k]
            if isDigit(c) {
                digits = digits * 10 + Double(c.value - 48)
                if afterPoint { decimals += 1 }
            } else if c == "." {
                guard !afterPoint else { return nil }
                afterPoint = true
            } else if c == "," {
                guard !afterPoint else { return nil }
            }
        }
        var divisor: Double = 1
        for _ in 0..<decimals { divisor *= 10 }
        return digits / divisor
    }

    /// One-character strings for the ASCII marks, made once: a token is made for every mark.
    static let asciiMarks: [String] = (0..<128).map { String(Character(Unicode.Scalar(UInt8($0)))) }

    /// The lower-case byte of an ASCII scalar; a curly apostrophe is lowered to a straight one,
    /// as `lowered` does.
    @inline(__always) static func asciiLowered(_ c: Unicode.Scalar) -> UInt8 {
        let v = c == "’" ? UInt8(ascii: "'") : UInt8(truncatingIfNeeded: c.value)
        return v >= 65 && v <= 90 ? v + 32 : v
    }

    /// Lowercases a word known to be ASCII (or curly apostrophes), byte by byte.
    static func asciiLowered(_ s: UnsafeBufferPointer<Unicode.Scalar>, _ start: Int, _ end: Int) -> String {
        // The bytes are written to the stack and decoded as one buffer: building the string through
        // an initializing closure was a call through a context for every word on no list.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: end - start) { buffer in
            for k in start..<end { buffer[k - start] = asciiLowered(s[k]) }
            return String(decoding: UnsafeBufferPointer(buffer), as: UTF8.self)
        }
    }

    static func lowered(_ s: UnsafeBufferPointer<Unicode.Scalar>, _ start: Int, _ end: Int) -> String {
        // ASCII words (nearly all of them) are lowered byte by byte.
        if s[start..<end].allSatisfy({ $0.isASCII }) {
            return String(unsafeUninitializedCapacity: end - start) { buffer in
                for (n, k) in (start..<end).enumerated() {
                    let v = UInt8(s[k].value)
                    buffer[n] = v >= 65 && v <= 90 ? v + 32 : v
                }
                return end - start
            }
        }
        // Other words are written as UTF-8 bytes and made into a string once: appending scalars to
        // a scalar view one by one cost thousands of instructions a word. (A scalar's lowercase
        // mapping is what lowercasing it as a string gives.)
        var bytes: [UInt8] = []
        bytes.reserveCapacity((end - start) * 2)
        for k in start..<end {
            let c = s[k]
            if c.value >= 65 && c.value <= 90 { bytes.append(UInt8(c.value + 32)) }
            else if c == "’" { bytes.append(UInt8(ascii: "'")) }
            else if c.isASCII { bytes.append(UInt8(c.value)) }
            else { bytes.append(contentsOf: c.properties.lowercaseMapping.utf8) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @inline(__always) static func isSpace(_ c: Unicode.Scalar) -> Bool {
        c == " " || c == "\t" || c == "\r" || c == "\u{00A0}" || c == "\u{2009}" || c == "\u{200A}" || c == "\u{202F}" || c == "\u{3000}"
    }
    /// ASCII first: Unicode property lookups dominated the profile when done for every letter.
    @inline(__always) static func isUpper(_ c: Unicode.Scalar) -> Bool {
        if c.value < 128 { return c.value >= 65 && c.value <= 90 }
        // Latin-1 letters (German, French, Scandinavian names) are the commonest others: À to Þ
        // but for ×, told apart without a property lookup.
        if c.value >= 0xC0 && c.value <= 0xFF { return c.value <= 0xDE && c.value != 0xD7 }
        return c.properties.isUppercase
    }
    @inline(__always) static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 48 && c.value <= 57 }
    @inline(__always) static func isLetter(_ c: Unicode.Scalar) -> Bool {
        if c.value < 128 { return (c.value >= 65 && c.value <= 90) || (c.value >= 97 && c.value <= 122) }
        // Curly quotes and dashes (the General Punctuation block, which has no letters) are
        // common on real pages: they are told apart without a property lookup.
        if c.value >= 0x2000 && c.value <= 0x206F { return false }
        // So are the Latin-1 letters, À to ÿ but for × and ÷.
        if c.value >= 0xC0 && c.value <= 0xFF { return c.value != 0xD7 && c.value != 0xF7 }
        return c.properties.isAlphabetic
    }
}

extension Array where Element == Token {
    /// The index of the first token `isPast` holds for, `count` when none: `isPast` must hold for
    /// every token after one it holds for, as tests of a token's offsets against a fixed offset do
    /// (tokens are in text order and do not overlap). Found by halving.
    @inline(__always) func partition(_ isPast: (Token) -> Bool) -> Int {
        var low = 0, high = count
        while low < high {
            let mid = (low + high) / 2
            if isPast(self[mid]) { high = mid } else { low = mid + 1 }
        }
        return low
    }

    /// The index of the token that starts at `offset`, found by binary search (tokens are in
    /// text order); nil when no token starts there.
    func index(startingAt offset: Int) -> Int? {
        var low = 0, high = count
        while low < high {
            let mid = (low + high) / 2
            if self[mid].start < offset { low = mid + 1 } else { high = mid }
        }
        return low < count && self[low].start == offset ? low : nil
    }
}

extension String {
    /// The text of some of a document's scalars. Names and phrases are nearly always ASCII and
    /// are then written byte for byte; appending scalars one by one through a scalar view cost a
    /// quarter of the time spent finding names.
    init(scalars: ArraySlice<Unicode.Scalar>) {
        // One pass writes the bytes and stops at the first scalar beyond ASCII; only then is the
        // text made again through a scalar view.
        var ascii = true
        let bytes = String(unsafeUninitializedCapacity: scalars.count) { buffer in
            var n = 0
            for scalar in scalars {
                guard scalar.value < 128 else { ascii = false; return 0 }
                buffer[n] = UInt8(truncatingIfNeeded: scalar.value)
                n += 1
            }
            return n
        }
        guard !ascii else { self = bytes; return }
        // The others are encoded as UTF-8 and made into a string once: a scalar view built from
        // the scalars one by one cost thousands of instructions a name.
        // A no-break or thin space inside a name ("New York" typeset to stay on one line) is
        // written as a space: the same name must read the same wherever a page put it.
        var utf8: [UInt8] = []
        utf8.reserveCapacity(scalars.count * 2)
        for scalar in scalars {
            if Self.isSpaceVariant(scalar.value) { utf8.append(32) } else { utf8.append(contentsOf: scalar.utf8) }
        }
        self = String(decoding: utf8, as: UTF8.self)
    }

    /// No-break, figure, thin, hair, narrow no-break and ideographic spaces. (A switch, not a set:
    /// this is asked of every scalar of every name that is not ASCII.)
    private static func isSpaceVariant(_ value: UInt32) -> Bool {
        switch value {
        case 0xA0, 0x2007, 0x2009, 0x200A, 0x202F, 0x3000: return true
        default: return false
        }
    }
}
