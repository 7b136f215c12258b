import ClaimTraceCore

/// Splits plain text or Markdown into blocks: paragraphs, headings, list items, quotes and rules.
///
/// Markdown inline syntax is resolved here: `[text](url)` keeps `text` and records the link,
/// emphasis markers and backslash escapes are dropped, and images are dropped (alt text is not prose).
/// Setext headings (a line underlined with `===` or `---`) follow CommonMark.
enum TextBlockParser {
    static func blocks(from text: String, markdown: Bool) -> [SourceBlock] {
        var blocks: [SourceBlock] = []
        var paragraph: [Substring] = []
        var inFence = false
        var fence: [Substring] = []
        var lastLineWasQuote = false

        func flushParagraph() {
            guard !paragraph.isEmpty else { return }
            defer { paragraph.removeAll(keepingCapacity: true) }
            // Lines keep their breaks unless the paragraph is hard-wrapped prose (every line but the
            // last of similar, typical wrap width), whose breaks are only layout.
            // Markdown's own hard breaks (two trailing spaces, a trailing backslash) always stay.
            let lines = paragraph.map { $0.trimmingTrailingSpaces() }
            let hardWrapped = lines.count > 2 && lines.dropLast().allSatisfy { $0.count >= 55 && $0.count <= 100 }
            var joined = ""
            for (index, line) in lines.enumerated() {
                var piece = line.trimmingLeadingSpaces()
                let hardBreak = markdown && (paragraph[index].hasSuffix("  ") || piece.hasSuffix("\\"))
                if markdown && piece.hasSuffix("\\") { piece.removeLast() }
                joined += piece
                if index < lines.count - 1 { joined += hardWrapped && !hardBreak ? " " : "\n" }
            }
            if markdown {
                let (plain, links) = MarkdownInline.render(joined)
                appendBlock(plain, role: .paragraph, links: links)
            } else {
                appendBlock(joined, role: .paragraph, links: [])
            }
        }

        func appendBlock(_ text: String, role: BlockRole, links: [TextLink]) {
            let trimmed = text.trimmingSpaces()
            if trimmed.isEmpty {
                return
            }
            if trimmed.count != text.count {
                // Trimming moves link offsets: recount from the leading trim.
                let leading = text.unicodeScalars.prefix { $0 == " " || $0 == "\t" || $0 == "\n" }.count
                let shifted = links.map { TextLink(start: $0.start - leading, end: $0.end - leading, target: $0.target) }
                    .filter { $0.start >= 0 && $0.end <= trimmed.unicodeScalars.count }
                blocks.append(SourceBlock(text: trimmed, role: role, links: shifted))
            } else {
                blocks.append(SourceBlock(text: text, role: role, links: links))
            }
        }

        // Split on the newline byte: Character-based splitting dominated profiles.
        for rawBytes in text.utf8.split(separator: 10, omittingEmptySubsequences: false) {
            let rawLine = Substring(rawBytes)
            let line = rawLine.utf8.last == 13 ? rawLine.dropLast() : rawLine
            let stripped = line.trimmingSpacesSub()
            if markdown {
                if stripped.hasPrefix("```") || stripped.hasPrefix("~~~") {
                    if inFence {
                        appendBlock(fence.joined(separator: "\n"), role: .preformatted, links: [])
                        fence.removeAll()
                        inFence = false
                    } else {
                        flushParagraph()
                        inFence = true
                    }
                    continue
                }
                if inFence { fence.append(line); continue }
            }
            if stripped.isEmpty { flushParagraph(); lastLineWasQuote = false; continue }
            if markdown, !paragraph.isEmpty, let level = setextLevel(stripped) {
                let (plain, links) = MarkdownInline.render(paragraph.map { $0.trimmingSpaces() }.joined(separator: " "))
                paragraph.removeAll()
                appendBlock(plain, role: .heading(level: level), links: links)
                continue
            }
            if isRule(stripped) {
                flushParagraph()
                blocks.append(SourceBlock(text: String(stripped), role: .rule))
                continue
            }
            guard markdown else { paragraph.append(line); continue }
            if let (level, rest) = heading(stripped) {
                flushParagraph()
                let (plain, links) = MarkdownInline.render(String(rest))
                appendBlock(plain, role: .heading(level: level), links: links)
                continue
            }
            if stripped.hasPrefix(">") {
                flushParagraph()
                var rest = stripped.dropFirst()
                while rest.first == ">" || rest.first == " " { rest = rest.dropFirst() }
                let (plain, links) = MarkdownInline.render(String(rest))
                // Consecutive quote lines belong to one quote block unless separated by an empty `>` line.
                if rest.isEmpty { lastLineWasQuote = false; continue }
                if lastLineWasQuote, let last = blocks.last, last.role == .blockquote {
                    let offset = last.text.unicodeScalars.count + 1
                    blocks[blocks.count - 1].text += " " + plain
                    blocks[blocks.count - 1].links += links.map { TextLink(start: $0.start + offset, end: $0.end + offset, target: $0.target) }
                } else {
                    appendBlock(plain, role: .blockquote, links: links)
                }
                lastLineWasQuote = true
                continue
            }
            lastLineWasQuote = false
            if let item = listItem(stripped) {
                flushParagraph()
                let (plain, links) = MarkdownInline.render(String(item))
                appendBlock(plain, role: .listItem, links: links)
                continue
            }
            paragraph.append(line)
        }
        if inFence { appendBlock(fence.joined(separator: "\n"), role: .preformatted, links: []) }
        flushParagraph()
        return blocks
    }

    /// `---`, `***`, `___`, `* * *`, and a lone `*` or `\*` that converted pages use as a separator.
    static func isRule(_ line: Substring) -> Bool {
        guard let lead = line.utf8.first, lead == UInt8(ascii: "-") || lead == UInt8(ascii: "*") || lead == UInt8(ascii: "_")
            || lead == UInt8(ascii: "=") || lead == UInt8(ascii: "\\") else { return false }
        if line == "*" || line == "\\*" { return true }
        let compact = line.filter { $0 != " " }
        guard compact.count >= 3, let first = compact.first, first == "-" || first == "*" || first == "_" || first == "=" else { return false }
        return compact.allSatisfy { $0 == first }
    }

    /// `===` under a paragraph line makes it a level-1 heading, `---` a level-2 heading.
    private static func setextLevel(_ line: Substring) -> Int? {
        guard let first = line.first, first == "=" || first == "-", line.allSatisfy({ $0 == first }) else { return nil }
        return first == "=" ? 1 : 2
    }

    private static func heading(_ line: Substring) -> (Int, Substring)? {
        let hashes = line.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes) else { return nil }
        let rest = line.dropFirst(hashes)
        guard rest.isEmpty || rest.first == " " else { return nil }
        var text = rest.trimmingSpacesSub()
        while text.last == "#" { text = text.dropLast() }
        return (hashes, text.trimmingSpacesSub())
    }

    private static func listItem(_ line: Substring) -> Substring? {
        if let first = line.first, first == "-" || first == "+" || first == "*", line.dropFirst().first == " " {
            return line.dropFirst(2)
        }
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        if (1...3).contains(digits.count) {
            let rest = line.dropFirst(digits.count)
            if let mark = rest.first, mark == "." || mark == ")", rest.dropFirst().first == " " { return rest.dropFirst(2) }
        }
        return nil
    }
}

extension StringProtocol {
    func trimmingSpaces() -> String { String(trimmingSpacesSub()) }
    func trimmingSpacesSub() -> SubSequence {
        var s = self[...]
        while let f = s.first, f == " " || f == "\t" || f == "\n" || f == "\r" || f == "\u{00A0}" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\n" || l == "\r" || l == "\u{00A0}" { s = s.dropLast() }
        return s
    }
    func trimmingTrailingSpaces() -> String {
        var s = self[...]
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
    func trimmingLeadingSpaces() -> String {
        var s = self[...]
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        return String(s)
    }
}
