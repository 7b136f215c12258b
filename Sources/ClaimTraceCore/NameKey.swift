/// Keys that make spellings of one name compare equal.
///
/// `strict` folds case and diacritics and drops punctuation, spaces and doubled letters:
/// "Deir ez-Zor" and "Deir Ez-Zor" agree. `loose` also drops Arabic articles (al-, el-, ez-, ad-…,
/// and the assimilated "Ezzor" form) and reduces vowel runs, so transliterations agree:
/// Deir ez-Zor, Deir Ezzor, Deir al-Zor and Deir ez-Zur all give the same loose key. Loose keys
/// are only trusted for places and organisations with long enough names (see `EntityIndex`).
public enum NameKey {
    public static func strict(_ name: String) -> String {
        // ASCII names (most of them) are keyed straight from their bytes, read in place: iterating
        // the UTF-8 view byte by byte, twice, cost more than the rest of keying.
        let fromBytes = name.utf8.withContiguousStorageIfAvailable { bytes -> String? in
            guard bytes.allSatisfy({ $0 < 128 }) else { return nil }
            return asciiKey(bytes)
        }
        if let fromBytes, let key = fromBytes { return key }
        if fromBytes == nil, name.utf8.allSatisfy({ $0 < 128 }) { return asciiKey(name.utf8) }
        // Otherwise scalar by scalar, folding only letters: punctuation such as a curly
        // apostrophe is dropped without the cost of a decomposition.
        var out = String.UnicodeScalarView()
        var previous: Unicode.Scalar?
        func add(_ scalar: Unicode.Scalar) {
            guard isLetterOrDigit(scalar), scalar != previous else { return }
            out.append(scalar)
            previous = scalar
        }
        for scalar in name.unicodeScalars {
            if scalar.isASCII {
                add(scalar.value >= 65 && scalar.value <= 90 ? Unicode.Scalar(scalar.value + 32)! : scalar)
            } else if let base = String.latinBase(of: scalar) {
                add(base.value >= 65 && base.value <= 90 ? Unicode.Scalar(base.value + 32)! : base)
            } else if scalar.properties.isAlphabetic {
                for part in scalar.properties.lowercaseMapping.unicodeScalars { add(part) }
            }
        }
        return String(out)
    }

    /// The strict key of an ASCII name's bytes.
    @inline(__always) private static func asciiKey<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> String {
        String(unsafeUninitializedCapacity: bytes.count) { buffer in
            var n = 0
            var previous: UInt8 = 0
            for var b in bytes {
                if b >= 65 && b <= 90 { b += 32 }
                guard (b >= 97 && b <= 122) || (b >= 48 && b <= 57), b != previous else { continue }
                buffer[n] = b
                n += 1
                previous = b
            }
            return n
        }
    }

    public static func loose(_ name: String) -> String {
        let words = folded(name).split(whereSeparator: { $0 == " " || $0 == "\t" })
        var parts: [String] = []
        for (index, rawWord) in words.enumerated() {
            var word = Substring(rawWord)
            // Articles written apart or hyphenated: "al Assad", "ez-Zor", "Ar-Raqqa".
            if articles.contains(String(word)) && index < words.count - 1 { continue }
            if let dash = word.firstIndex(where: { $0 == "-" || $0 == "‐" || $0 == "'" || $0 == "’" }),
               articles.contains(String(word[..<dash])) {
                word = word[word.index(after: dash)...]
            }
            var letters = Array(String(word).unicodeScalars.filter(isLetterOrDigit))
            // The assimilated article of a later word: "Ezzor" is "ez-Zor", "Assad" is "as-Sad".
            if index > 0, letters.count >= 4, isVowel(letters[0]), letters[1] == letters[2], !isVowel(letters[1]) {
                letters.removeFirst(2)
            }
            // A lone letter or a word of vowels only ("Group A", "Group E") is kept as written: a
            // skeleton would make every one of them "a".
            if letters.allSatisfy(isVowel) {
                parts.append(String(String.UnicodeScalarView(letters)))
                continue
            }
            parts.append(skeleton(letters))
        }
        return parts.joined()
    }

    /// Vowel runs (y and w between letters count as vowels) become one "a"; doubled letters one.
    private static func skeleton(_ letters: [Unicode.Scalar]) -> String {
        var out = String.UnicodeScalarView()
        var lastWasVowel = false
        var previous: Unicode.Scalar?
        for (i, c) in letters.enumerated() {
            let vowel = isVowel(c) || ((c == "y" || c == "w") && i > 0 && i < letters.count - 1 && !isVowel(letters[i + 1]))
            if vowel {
                if !lastWasVowel { out.append("a") }
                lastWasVowel = true
                previous = nil
                continue
            }
            lastWasVowel = false
            if c != previous { out.append(c) }
            previous = c
        }
        return String(out)
    }

    static let articles: Set<String> = ["al", "el", "ez", "es", "ed", "ad", "as", "ash", "at", "az", "ar", "an", "ul", "ol", "il"]

    /// Lowercased, without diacritics.
    static func folded(_ name: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in name.unicodeScalars {
            if scalar.isASCII {
                out.append(scalar.value >= 65 && scalar.value <= 90 ? Unicode.Scalar(scalar.value + 32)! : scalar)
                continue
            }
            // Decompose and keep the base letters: é → e, ş → s, ğ → g.
            for part in String(scalar).latinFolded.unicodeScalars
            where !(part.properties.generalCategory == .nonspacingMark) {
                out.append(contentsOf: String(part).lowercased().unicodeScalars)
            }
        }
        return String(out)
    }

    private static func isVowel(_ c: Unicode.Scalar) -> Bool { "aeiou".unicodeScalars.contains(c) }
    private static func isLetterOrDigit(_ c: Unicode.Scalar) -> Bool {
        (c.value >= 97 && c.value <= 122) || (c.value >= 48 && c.value <= 57) || (c.value > 127 && c.properties.isAlphabetic)
    }
}

extension String {
    /// Latin letters with diacritics replaced by their base letters.
    var latinFolded: String {
        String(String.UnicodeScalarView(self.unicodeScalars.flatMap { Self.decompose($0) }))
    }

    /// The base letter of a Latin letter with a diacritic, if the table knows it.
    static func latinBase(of c: Unicode.Scalar) -> Unicode.Scalar? { latinBase[c] }

    private static func decompose(_ c: Unicode.Scalar) -> [Unicode.Scalar] {
        // Unicode canonical decomposition is not exposed by the standard library; the common
        // Latin letters with diacritics are folded by a table instead.
        if let base = latinBase[c] { return [base] }
        return [c]
    }

    private static let latinBase: [Unicode.Scalar: Unicode.Scalar] = {
        var table: [Unicode.Scalar: Unicode.Scalar] = [:]
        let groups: [(String, Unicode.Scalar)] = [
            ("àáâãäåāăąǎ", "a"), ("ÀÁÂÃÄÅĀĂĄǍ", "A"), ("çćĉċč", "c"), ("ÇĆĈĊČ", "C"), ("ďđḍ", "d"), ("ĎĐḌ", "D"),
            ("èéêëēĕėęě", "e"), ("ÈÉÊËĒĔĖĘĚ", "E"), ("ĝğġģ", "g"), ("ĜĞĠĢ", "G"), ("ĥħḥ", "h"), ("ĤĦḤ", "H"),
            ("ìíîïĩīĭįıǐ", "i"), ("ÌÍÎÏĨĪĬĮİǏ", "I"), ("ĵ", "j"), ("Ĵ", "J"), ("ķ", "k"), ("Ķ", "K"),
            ("ĺļľŀł", "l"), ("ĹĻĽĿŁ", "L"), ("ñńņňŉ", "n"), ("ÑŃŅŇ", "N"), ("òóôõöøōŏőǒ", "o"), ("ÒÓÔÕÖØŌŎŐǑ", "O"),
            ("ŕŗř", "r"), ("ŔŖŘ", "R"), ("śŝşšșṣ", "s"), ("ŚŜŞŠȘṢ", "S"), ("ţťŧțṭ", "t"), ("ŢŤŦȚṬ", "T"),
            ("ùúûüũūŭůűųǔ", "u"), ("ÙÚÛÜŨŪŬŮŰŲǓ", "U"), ("ŵ", "w"), ("Ŵ", "W"), ("ýÿŷ", "y"), ("ÝŸŶ", "Y"),
            ("źżžẓ", "z"), ("ŹŻŽẒ", "Z"), ("ʿʾ‘’`´", "'"),
        ]
        for (letters, base) in groups { for c in letters.unicodeScalars { table[c] = base } }
        return table
    }()
}

extension NameKey {
    /// A letter as names and reused passages compare it: lower case, without its diacritic
    /// (É → e, ş → s). Letters the Latin table does not know are lowered when they have one
    /// lower-case form.
    public static func foldedLetter(_ c: Unicode.Scalar) -> Unicode.Scalar {
        if c.value < 128 { return c.value &- 65 < 26 ? Unicode.Scalar(c.value | 0x20)! : c }
        if let base = String.latinBase(of: c) { return base.value &- 65 < 26 ? Unicode.Scalar(base.value | 0x20)! : base }
        guard c.properties.isUppercase else { return c }
        let lower = c.properties.lowercaseMapping.unicodeScalars
        return lower.count == 1 ? lower.first! : c
    }
}
