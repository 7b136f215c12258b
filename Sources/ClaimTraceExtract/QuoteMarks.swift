import ClaimTraceCore

/// Finds quoted spans in a paragraph by pairing quotation marks.
///
/// Curly marks pair by shape; straight marks by position (an opening mark follows a space or
/// an opening bracket and precedes a non-space). Apostrophes (letters on both sides: don’t,
/// Kerry’s) are never marks. Only the outermost quotation is returned; nested ones are inside it.
enum QuoteMarks {
    struct Found {
        /// The quoted words, without the marks.
        var inner: TextSpan
        /// Offsets of the opening and closing marks (the closing one is `inner.end` when unclosed).
        var open: Int
        var close: Int
        /// The paragraph ended before the closing mark.
        var unclosed: Bool
    }

    private enum Mark: Equatable { case curlyDouble, straightDouble, curlySingle, straightSingle, guillemet }

    static func find(_ s: [Unicode.Scalar], in range: Range<Int>) -> [Found] {
        var found: [Found] = []
        var stack: [(mark: Mark, at: Int)] = []
        let start = range.lowerBound, end = range.upperBound
        func before(_ i: Int) -> Unicode.Scalar? { i > start ? s[i - 1] : nil }
        func after(_ i: Int) -> Unicode.Scalar? { i + 1 < end ? s[i + 1] : nil }
        func opensHere(_ i: Int) -> Bool {
            let b = before(i), a = after(i)
            let spaceBefore = b.map { Tokenizer.isSpace($0) || $0 == "\n" || "([{—–-/:".unicodeScalars.contains($0) } ?? true
            let textAfter = a.map { !Tokenizer.isSpace($0) && $0 != "\n" } ?? false
            return spaceBefore && textAfter
        }
        func push(_ mark: Mark, _ i: Int) { stack.append((mark, i)) }
        func pop(_ mark: Mark, _ i: Int) -> Bool {
            guard let index = stack.lastIndex(where: { $0.mark == mark }) else { return false }
            let open = stack[index].at
            stack.removeSubrange(index...)
            if stack.isEmpty, i > open + 1 {
                found.append(Found(inner: TextSpan(start: open + 1, end: i), open: open, close: i, unclosed: false))
            }
            return true
        }
        var i = start
        while i < end {
            // Every mark below is a straight quote or lies at or above U+00AB («): the rest of the
            // text, nearly all of it, is passed over in a tight loop through the buffer, without a
            // bounds check on each scalar.
            i = s.withUnsafeBufferPointer { text in
                var i = i
                while i < end {
                    let v = text[i].value
                    if v >= 0xAB || v == 0x22 || v == 0x27 { break }
                    i += 1
                }
                return i
            }
            guard i < end else { break }
            let c = s[i]
            switch c {
            case "“", "„":
                push(.curlyDouble, i)
            // A straight mark closed by a curly one, or the other way round, as pages that mix
            // typing and pasting give them: "…,” Trump tweeted.
            case "”":
                if !pop(.curlyDouble, i) {
                    if stack.last?.mark == .straightDouble, !opensHere(i) { _ = pop(.straightDouble, i) } else if opensHere(i) { push(.curlyDouble, i) }
                }
            case "\"" where stack.last?.mark == .curlyDouble && !opensHere(i):
                _ = pop(.curlyDouble, i)
            case "\"":
                if stack.last?.mark == .straightDouble || (stack.contains { $0.mark == .straightDouble } && !opensHere(i)) {
                    _ = pop(.straightDouble, i)
                } else if opensHere(i) {
                    push(.straightDouble, i)
                }
            // Two single marks standing in for a double one, as some pages type them: ‘‘…’’.
            case "‘" where i + 1 < end && s[i + 1] == "‘":
                push(.curlyDouble, i + 1)
                i += 2
                continue
            case "’" where i + 1 < end && s[i + 1] == "’" && stack.contains(where: { $0.mark == .curlyDouble })
                && !stack.contains(where: { $0.mark == .curlySingle }):
                _ = pop(.curlyDouble, i)
                i += 2
                continue
            case "«":
                push(.guillemet, i)
            case "»":
                _ = pop(.guillemet, i)
            case "‘", "’", "'":
                let b = before(i), a = after(i)
                let letterBefore = b.map(Tokenizer.isLetter) ?? false
                let letterAfter = a.map(Tokenizer.isLetter) ?? false
                if letterBefore && letterAfter { break }  // an apostrophe
                let mark: Mark = c == "'" ? .straightSingle : .curlySingle
                if c == "‘" || (c == "'" && opensHere(i) && stack.last?.mark != .straightSingle) {
                    if opensHere(i) || c == "‘" { push(mark, i) }
                } else if stack.contains(where: { $0.mark == mark }) && !letterAfter {
                    _ = pop(mark, i)
                }
            default:
                break
            }
            i += 1
        }
        // A double quotation left open runs to the end of the paragraph: news style opens each
        // paragraph of a long quotation and closes only the last.
        if let outer = stack.first, outer.mark == .curlyDouble || outer.mark == .straightDouble || outer.mark == .guillemet {
            var last = end
            while last > outer.at + 1, Tokenizer.isSpace(s[last - 1]) || s[last - 1] == "\n" { last -= 1 }
            if last > outer.at + 1 {
                found.append(Found(inner: TextSpan(start: outer.at + 1, end: last), open: outer.at, close: last, unclosed: true))
            }
        }
        return found.sorted { $0.inner.start < $1.inner.start }
    }
}
