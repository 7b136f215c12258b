import ClaimTraceCore

/// Resolves Markdown inline syntax in one block to plain text plus links.
///
/// `[text](url "title")` becomes `text` with a link to `url`; `<https://…>` becomes its URL, linked;
/// emphasis markers and code backticks are dropped; backslash escapes yield the escaped character;
/// images (`![alt](src)`) are dropped, since their alt text is not part of the prose.
/// Link offsets are Unicode scalar offsets into the returned text.
enum MarkdownInline {
    static func render(_ text: String) -> (String, [TextLink]) {
        // Most blocks have no inline syntax at all: hand them back untouched.
        if !text.utf8.contains(where: { $0 == 92 || $0 == 91 || $0 == 33 || $0 == 60 || $0 == 42 || $0 == 95 || $0 == 96 }) {
            return (text, [])
        }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var links: [TextLink] = []
        var count = 0
        render(scalars[...], into: &out, count: &count, links: &links)
        return (String(out), links)
    }

    private static func render(_ s: ArraySlice<Unicode.Scalar>, into out: inout String.UnicodeScalarView,
                               count: inout Int, links: inout [TextLink]) {
        var i = s.startIndex
        func emit(_ c: Unicode.Scalar) { out.append(c); count += 1 }
        while i < s.endIndex {
            let c = s[i]
            switch c {
            case "\\" where i + 1 < s.endIndex && isASCIIPunctuation(s[i + 1]):
                emit(s[i + 1]); i += 2
            case "!" where i + 1 < s.endIndex && s[i + 1] == "[":
                if let (_, _, next) = linkParts(s, openBracket: i + 1) { i = next } else { emit(c); i += 1 }
            case "[":
                if let (label, target, next) = linkParts(s, openBracket: i) {
                    let start = count
                    render(label, into: &out, count: &count, links: &links)
                    if count > start { links.append(TextLink(start: start, end: count, target: target)) }
                    i = next
                } else { emit(c); i += 1 }
            case "<":
                if let close = s[i...].firstIndex(of: ">"), close > i + 1 {
                    let inner = String(String.UnicodeScalarView(s[(i + 1)..<close]))
                    if inner.hasPrefix("http://") || inner.hasPrefix("https://") || inner.hasPrefix("mailto:"), !inner.contains(" ") {
                        let start = count
                        for u in inner.unicodeScalars { emit(u) }
                        links.append(TextLink(start: start, end: count, target: inner))
                        i = close + 1
                        continue
                    }
                }
                emit(c); i += 1
            case "*", "_":
                var end = i
                while end < s.endIndex, s[end] == c { end += 1 }
                let before: Unicode.Scalar? = i > s.startIndex ? s[i - 1] : nil
                let after: Unicode.Scalar? = end < s.endIndex ? s[end] : nil
                let opens = after.map { !isSpace($0) } ?? false
                let closes = before.map { !isSpace($0) } ?? false
                let intraword = c == "_" && before.map(isWordChar) == true && after.map(isWordChar) == true
                if (opens || closes) && !intraword && end - i <= 3 {
                    i = end
                } else {
                    for k in i..<end { emit(s[k]) }
                    i = end
                }
            case "`":
                var end = i
                while end < s.endIndex, s[end] == "`" { end += 1 }
                i = end
            default:
                emit(c); i += 1
            }
        }
    }

    /// For `[label](target)` starting at `openBracket`: the label, the target and the index after `)`.
    private static func linkParts(_ s: ArraySlice<Unicode.Scalar>, openBracket: Int) -> (ArraySlice<Unicode.Scalar>, String, Int)? {
        var depth = 0
        var j = openBracket
        var closeBracket: Int?
        while j < s.endIndex {
            if s[j] == "\\" { j += 2; continue }
            if s[j] == "[" { depth += 1 }
            if s[j] == "]" { depth -= 1; if depth == 0 { closeBracket = j; break } }
            j += 1
        }
        guard let close = closeBracket, close + 1 < s.endIndex, s[close + 1] == "(" else { return nil }
        var k = close + 2
        var parens = 1
        while k < s.endIndex {
            if s[k] == "(" { parens += 1 }
            if s[k] == ")" { parens -= 1; if parens == 0 { break } }
            k += 1
        }
        guard k < s.endIndex else { return nil }
        var target = String(String.UnicodeScalarView(s[(close + 2)..<k])).trimmingSpaces()
        // Drop an optional title: `(url "title")`.
        if let space = target.firstIndex(of: " ") { target = String(target[..<space]) }
        if target.hasPrefix("<") && target.hasSuffix(">") { target = String(target.dropFirst().dropLast()) }
        return (s[(openBracket + 1)..<close], target, k + 1)
    }

    private static func isSpace(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" || c == "\n" || c == "\u{00A0}" }
    private static func isWordChar(_ c: Unicode.Scalar) -> Bool { c.properties.isAlphabetic || ("0"..."9").contains(c) }
    private static func isASCIIPunctuation(_ c: Unicode.Scalar) -> Bool {
        c.isASCII && (33...47 ~= c.value || 58...64 ~= c.value || 91...96 ~= c.value || 123...126 ~= c.value)
    }
}
