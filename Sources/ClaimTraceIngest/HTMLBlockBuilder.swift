import CLibXML2
import ClaimTraceCore
import Foundation

/// Parses HTML with libxml2's HTML parser and turns the page into text blocks with their
/// structural context, plus the metadata the page states in `<head>`, JSON-LD and `<time>`.
///
/// Scripts, styles and other non-text elements are skipped; whether navigation, footers,
/// asides and comment sections are boilerplate is left to the clean stage, which sees their context.
enum HTMLBlockBuilder {
    struct Result {
        var blocks: [SourceBlock]
        var hints: MetadataHints
        var url: String?
        var warnings: [String]
    }

    /// - Parameters:
    ///   - bytes: the page as served.
    ///   - declaredCharset: a charset from outside the page (an HTTP `Content-Type` header), if any.
    static func parse(_ bytes: [UInt8], declaredCharset: String?, source: String) throws(InputError) -> Result {
        libxmlSetup
        guard !bytes.isEmpty else { throw InputError(source: source, "empty HTML document") }
        if TextDecoding.looksBinary(bytes[...]) && !(bytes.count >= 2 && (bytes[0] == 0xFF || bytes[0] == 0xFE)) {
            throw InputError(source: source, "binary data, not HTML (NUL bytes in the first 8 KB)")
        }
        let encoding = chooseEncoding(bytes, declared: declaredCharset)
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue | HTML_PARSE_NOIMPLIED.rawValue)
        let doc: htmlDocPtr? = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { pointer in
                if let encoding {
                    return htmlReadMemory(pointer, Int32(buffer.count), nil, encoding, options)
                }
                return htmlReadMemory(pointer, Int32(buffer.count), nil, nil, options)
            }
        }
        guard let doc else { throw InputError(source: source, "libxml2 could not parse this HTML") }
        defer { xmlFreeDoc(doc) }
        var walker = Walker()
        if let root = xmlDocGetRootElement(doc) { walker.walk(root) }
        walker.flush()
        var warnings: [String] = []
        if walker.blocks.isEmpty { warnings.append("no text found in the HTML") }
        return Result(blocks: walker.blocks, hints: walker.hints, url: walker.url, warnings: warnings)
    }

    /// libxml2 detects `<meta charset>` itself; without any declaration it would assume Latin-1,
    /// so undeclared pages that are valid UTF-8 are read as UTF-8 (as browsers do).
    static func chooseEncoding(_ bytes: [UInt8], declared: String?) -> String? {
        if let declared, !declared.isEmpty { return normalizedCharset(declared) }
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { return "UTF-8" }
        if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) { return nil }
        let head = bytes.prefix(4096).map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
        if ByteSearch.contains(head[...], Array("charset".utf8)) { return nil }
        return String(validating: bytes, as: UTF8.self) != nil ? "UTF-8" : "windows-1252"
    }

    private static func normalizedCharset(_ name: String) -> String {
        let lower = name.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: " \"'"))
        switch lower {
        case "utf8": return "UTF-8"
        case "latin1", "iso-8859-1", "us-ascii", "ascii": return "windows-1252"  // as WHATWG maps them
        default: return lower
        }
    }
}

private let libxmlSetup: Void = {
    xmlInitParser()
    cxml_silence_errors()
}()

/// Walks the libxml2 tree iteratively (deep pages must not exhaust the stack).
private struct Walker {
    var blocks: [SourceBlock] = []
    var hints = MetadataHints()
    var url: String?

    private var text = String.UnicodeScalarView()
    private var count = 0
    private var pendingSpace = false
    private var links: [TextLink] = []
    private var openLinks: [(start: Int, target: String)] = []
    private var ancestors: [ElementInfo] = []
    private var serial = 0
    private var preDepth = 0
    /// Serials of open elements that hide their content; text under any of them is hidden.
    private var hiddenSerials: [Int] = []
    private var titleFromTag: String?
    private var ldAuthors: [String] = []
    /// The ancestors shared by every text node of the current block: the block's own ancestors,
    /// plus any inline element (a `<span class="comment-author">`) that wraps all of its text.
    private var textAncestors: [ElementInfo]?

    mutating func walk(_ root: xmlNodePtr) {
        var node = root
        walking: while true {
            var descend = false
            switch node.pointee.type {
            case XML_ELEMENT_NODE: descend = enter(node)
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE: appendText(node.pointee.content)
            default: break
            }
            if descend, let child = node.pointee.children {
                node = child
                continue
            }
            if descend { exit(node) }
            // Climb until a sibling exists, leaving every element on the way up.
            var current = node
            while true {
                if current == root { break walking }
                if let next = current.pointee.next {
                    node = next
                    continue walking
                }
                guard let parent = current.pointee.parent else { break walking }
                exit(parent)
                current = parent
            }
        }
        if hints.title == nil { hints.title = titleFromTag }
        if hints.authors.isEmpty { hints.authors = ldAuthors }
    }

    /// Handles an element's start; returns whether to walk into its children.
    private mutating func enter(_ node: xmlNodePtr) -> Bool {
        let tag = name(of: node)
        switch tag {
        case "script":
            if attribute(node, "type")?.lowercased().contains("ld+json") == true { readJSONLD(node) }
            return false
        case "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas",
             "select", "button", "input", "textarea", "option", "audio", "video", "map":
            return false
        case "head":
            readHead(node)
            return false
        case "title":
            if titleFromTag == nil { titleFromTag = textContent(node) }
            return false
        case "meta":
            readMeta(node)
            return false
        case "link":
            if attribute(node, "rel")?.lowercased() == "canonical", url == nil { url = attribute(node, "href") }
            return false
        case "br":
            appendBreak()
            return false
        case "hr":
            flush()
            blocks.append(SourceBlock(text: "---", role: .rule, context: BlockContext(ancestors: ancestors)))
            return false
        case "img":
            return false
        case "time":
            if hints.published == nil, let stamp = attribute(node, "datetime"),
               !ancestors.contains(where: { $0.matches("comment") }),
               attribute(node, "itemprop") == "datePublished" || attribute(node, "pubdate") != nil
                || ancestors.contains(where: { $0.matches("byline") || $0.matches("dateline") || $0.tag == "header" || $0.tag == "article" }) {
                hints.published = stamp
            }
        default:
            break
        }
        if Self.blockTags.contains(tag) { flush() }
        if tag == "pre" { preDepth += 1 }
        serial += 1
        if hides(node) {
            flush()
            hiddenSerials.append(serial)
        }
        let names = ["class", "id", "role", "itemprop"].compactMap { attribute(node, $0)?.lowercased() }.joined(separator: " ")
        ancestors.append(ElementInfo(serial: serial, tag: tag, names: names))
        if tag == "a", let href = attribute(node, "href") {
            openLinks.append((start: count + (pendingSpace && count > 0 ? 1 : 0), target: href.trimmingSpaces()))
        }
        return true
    }

    private mutating func exit(_ node: xmlNodePtr) {
        let tag = name(of: node)
        if tag == "a", attribute(node, "href") != nil, let open = openLinks.popLast() {
            if count > open.start { links.append(TextLink(start: open.start, end: count, target: open.target)) }
        }
        if Self.blockTags.contains(tag) { flush() }
        if tag == "pre" { preDepth = max(0, preDepth - 1) }
        if let last = ancestors.popLast(), hiddenSerials.last == last.serial {
            flush()
            hiddenSerials.removeLast()
        }
    }

    private mutating func appendText(_ content: UnsafeMutablePointer<xmlChar>?) {
        guard let content else { return }
        let string = String(cString: content)
        for scalar in string.unicodeScalars {
            if preDepth == 0 && (scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "\r" || scalar == "\u{0C}") {
                pendingSpace = true
                continue
            }
            if pendingSpace && count > 0, let last = text.last, last != "\n" {
                text.append(" "); count += 1
            }
            pendingSpace = false
            text.append(scalar); count += 1
            noteTextAncestors()
        }
    }

    private mutating func noteTextAncestors() {
        guard let shared = textAncestors else { textAncestors = ancestors; return }
        if shared.count <= ancestors.count, shared.last?.serial == ancestors[shared.count - 1].serial { return }
        var common = 0
        while common < shared.count, common < ancestors.count, shared[common].serial == ancestors[common].serial { common += 1 }
        textAncestors = Array(shared.prefix(common))
    }

    private mutating func appendBreak() {
        guard count > 0, text.last != "\n" else { return }
        text.append("\n"); count += 1
        pendingSpace = false
    }

    mutating func flush() {
        defer {
            text = String.UnicodeScalarView(); count = 0; pendingSpace = false; links = []; textAncestors = nil
            openLinks = openLinks.map { (start: 0, target: $0.target) }
        }
        var trailing = 0
        for scalar in text.reversed() {
            guard scalar == "\n" || scalar == " " else { break }
            trailing += 1
        }
        guard count > trailing else { return }
        if trailing > 0 { text.removeLast(trailing) }
        let length = count - trailing
        let blockText = String(text)
        let role: BlockRole
        if let heading = ancestors.last(where: { $0.tag.count == 2 && $0.tag.first == "h" && $0.tag.last!.isNumber }) {
            role = .heading(level: Int(String(heading.tag.last!)) ?? 2)
        } else if ancestors.contains(where: { $0.tag == "pre" }) {
            role = .preformatted
        } else if ancestors.contains(where: { $0.tag == "blockquote" }) {
            role = .blockquote
        } else if ancestors.contains(where: { $0.tag == "figcaption" || $0.tag == "caption" }) {
            role = .caption
        } else if ancestors.last(where: { Self.blockTags.contains($0.tag) })?.tag == "li" {
            role = .listItem
        } else {
            role = .paragraph
        }
        let valid = links.map { TextLink(start: $0.start, end: min($0.end, length), target: $0.target) }.filter { $0.start < $0.end }
        blocks.append(SourceBlock(text: blockText, role: role, links: valid,
                                  context: BlockContext(ancestors: textAncestors ?? ancestors, hidden: !hiddenSerials.isEmpty)))
    }

    /// `hidden`, or an inline style with `display:none` or `visibility:hidden`.
    private func hides(_ node: xmlNodePtr) -> Bool {
        if xmlHasProp(node, "hidden") != nil { return true }
        guard let style = attribute(node, "style") else { return false }
        let compact = style.lowercased().filter { $0 != " " }
        return compact.contains("display:none") || compact.contains("visibility:hidden")
    }

    // MARK: Metadata

    private mutating func readHead(_ head: xmlNodePtr) {
        var child = head.pointee.children
        while let node = child {
            if node.pointee.type == XML_ELEMENT_NODE {
                switch name(of: node) {
                case "title": if titleFromTag == nil { titleFromTag = textContent(node) }
                case "meta": readMeta(node)
                case "link":
                    if attribute(node, "rel")?.lowercased() == "canonical", url == nil { url = attribute(node, "href") }
                case "script":
                    if attribute(node, "type")?.lowercased().contains("ld+json") == true { readJSONLD(node) }
                default: break
                }
            }
            child = node.pointee.next
        }
    }

    private mutating func readMeta(_ node: xmlNodePtr) {
        guard let key = (attribute(node, "property") ?? attribute(node, "name") ?? attribute(node, "itemprop"))?.lowercased(),
              let value = attribute(node, "content")?.trimmingSpaces(), !value.isEmpty else { return }
        switch key {
        case "og:title", "twitter:title", "dc.title", "headline":
            if hints.title == nil { hints.title = value }
        case "og:site_name", "application-name", "publisher", "dc.publisher":
            if hints.outlet == nil { hints.outlet = value }
        case "author", "article:author", "dc.creator", "byl", "sailthru.author", "parsely-author", "citation_author":
            // article:author is often a profile URL; a URL is not a name.
            if !value.hasPrefix("http") {
                let cleaned = value.hasPrefix("By ") || value.hasPrefix("by ") ? String(value.dropFirst(3)) : value
                if !hints.authors.contains(cleaned) { hints.authors.append(cleaned) }
            }
        case "article:published_time", "datepublished", "date", "pubdate", "publishdate", "dc.date", "dc.date.issued",
             "sailthru.date", "parsely-pub-date", "og:published_time", "citation_publication_date", "article.published":
            if hints.published == nil { hints.published = value }
        case "og:url":
            if url == nil { url = value }
        default:
            break
        }
    }

    private mutating func readJSONLD(_ node: xmlNodePtr) {
        guard let raw = textContent(node), let data = raw.data(using: .utf8),
              let json = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else { return }
        var queue: [Any] = [json]
        var visited = 0
        while let item = queue.popLast(), visited < 200 {
            visited += 1
            if let array = item as? [Any] { queue.append(contentsOf: array); continue }
            guard let object = item as? [String: Any] else { continue }
            if let graph = object["@graph"] { queue.append(graph) }
            let types: [String] = (object["@type"] as? String).map { [$0] } ?? (object["@type"] as? [String]) ?? []
            guard types.contains(where: { $0.hasSuffix("Article") || $0 == "BlogPosting" || $0 == "Report" }) else { continue }
            if hints.title == nil, let headline = object["headline"] as? String { hints.title = headline }
            if hints.published == nil, let date = object["datePublished"] as? String { hints.published = date }
            if hints.outlet == nil, let publisher = object["publisher"] as? [String: Any], let name = publisher["name"] as? String {
                hints.outlet = name
            }
            for author in Self.names(object["author"]) where !ldAuthors.contains(author) { ldAuthors.append(author) }
        }
    }

    private static func names(_ value: Any?) -> [String] {
        if let s = value as? String { return [s] }
        if let o = value as? [String: Any], let n = o["name"] as? String { return [n] }
        if let a = value as? [Any] { return a.flatMap { names($0) } }
        return []
    }

    // MARK: libxml2 helpers

    private func name(of node: xmlNodePtr) -> String {
        guard let raw = node.pointee.name else { return "" }
        return String(cString: raw).lowercased()
    }

    private func attribute(_ node: xmlNodePtr, _ name: String) -> String? {
        guard let value = xmlGetProp(node, name) else { return nil }
        defer { cxml_free(value) }
        return String(cString: value)
    }

    private func textContent(_ node: xmlNodePtr) -> String? {
        guard let value = xmlNodeGetContent(node) else { return nil }
        defer { cxml_free(value) }
        let collapsed = String(cString: value).split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
        return collapsed.isEmpty ? nil : collapsed
    }

    static let blockTags: Set<String> = [
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre",
        "table", "thead", "tbody", "tfoot", "tr", "td", "th", "section", "article", "header", "footer", "nav",
        "aside", "main", "figure", "figcaption", "caption", "form", "address", "fieldset", "details", "summary",
        "body", "html", "center",
    ]
}
