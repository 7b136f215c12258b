import CLibXML2
import ClaimTraceCore

/// Reads RSS 2.0, RSS 1.0 (RDF) and Atom feeds: one raw article per item or entry, from its
/// full content (`content:encoded`, Atom `content`), or its description when that is all there is.
struct FeedReader {
    func read(_ bytes: [UInt8], path: String, emit: (ReadEvent) throws -> Void) throws {
        xmlInitParser()
        cxml_silence_errors()
        // No entity expansion and no network: feeds come from the web.
        let options = Int32(XML_PARSE_RECOVER.rawValue | XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue
            | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_COMPACT.rawValue)
        let doc: xmlDocPtr? = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                xmlReadMemory($0, Int32(buffer.count), nil, nil, options)
            }
        }
        // Freed however the reading ends: text that is no XML at all still gives a document,
        // one without a root element.
        defer { if let doc { xmlFreeDoc(doc) } }
        guard let doc, let root = xmlDocGetRootElement(doc) else {
            throw InputError(source: path, "not a well-formed RSS or Atom feed")
        }
        let rootName = localName(root)
        let isAtom = rootName == "feed"
        guard isAtom || rootName == "rss" || rootName == "rdf" else {
            throw InputError(source: path, "XML root element <\(rootName)> is not an RSS or Atom feed")
        }
        var channelTitle: String?
        var items: [xmlNodePtr] = []
        func collect(_ parent: xmlNodePtr) {
            for child in children(parent) {
                switch localName(child) {
                case "channel": collect(child)
                case "item", "entry": items.append(child)
                case "title" where channelTitle == nil: channelTitle = text(child)
                default: break
                }
            }
        }
        collect(root)
        if items.isEmpty { throw InputError(source: path, "feed has no items") }
        for (index, item) in items.enumerated() {
            try emit(article(item, index: index, path: path, outlet: channelTitle, format: isAtom ? .atom : .rss))
        }
    }

    private func article(_ item: xmlNodePtr, index: Int, path: String, outlet: String?, format: SourceFormat) -> ReadEvent {
        var hints = MetadataHints(outlet: outlet)
        var link: String?
        var guid: String?
        var content: String?
        var description: String?
        for child in children(item) {
            let name = localName(child)
            let prefix = namespacePrefix(child)
            switch name {
            case "title": hints.title = text(child)
            case "link":
                if let href = attribute(child, "href") {
                    let rel = attribute(child, "rel") ?? "alternate"
                    if rel == "alternate" && link == nil { link = href }
                } else if link == nil { link = text(child) }
            case "guid", "id": guid = text(child)
            case "pubdate", "published", "issued":
                if hints.published == nil { hints.published = text(child) }
            case "date" where prefix == "dc":
                if hints.published == nil { hints.published = text(child) }
            case "creator", "author":
                if let nameNode = children(child).first(where: { localName($0) == "name" }), let n = text(nameNode) {
                    hints.authors.append(n)
                } else if let value = text(child) {
                    // RSS <author> is "email (Name)"; keep the name.
                    if let open = value.firstIndex(of: "("), let close = value.lastIndex(of: ")"), open < close {
                        hints.authors.append(value[value.index(after: open)..<close].trimmingSpaces())
                    } else if !value.contains("@") {
                        hints.authors.append(value)
                    }
                }
            case "encoded": content = serializedContent(child)
            case "content": content = serializedContent(child)
            case "description", "summary": description = serializedContent(child)
            default: break
            }
        }
        let url = link ?? guid.flatMap { $0.hasPrefix("http") ? $0 : nil }
        let source = "\(path)#\(url ?? "item \(index + 1)")"
        guard let body = content ?? description, !body.trimmingSpaces().isEmpty else {
            return .problem(InputError(source: source, "feed item has no content or description"))
        }
        let hashInput = [hints.title ?? "", url ?? "", body].joined(separator: "\u{1F}")
        do {
            let parsed = try HTMLBlockBuilder.parse(Array(body.utf8), declaredCharset: "UTF-8", source: source)
            var warnings = parsed.warnings
            if content == nil { warnings.append("feed item has only a description, which may be a summary") }
            return .article(RawArticle(source: source, format: format, url: url, hints: hints, blocks: parsed.blocks,
                                       contentHash: ContentHash.sha256Hex(hashInput), warnings: warnings))
        } catch let error {
            return .problem(error)
        }
    }

    /// Entry content as HTML: escaped HTML comes back as text; inline XHTML is serialised.
    private func serializedContent(_ node: xmlNodePtr) -> String? {
        if attribute(node, "type") == "xhtml" {
            guard let buffer = xmlBufferCreate() else { return nil }
            defer { xmlBufferFree(buffer) }
            for child in children(node) { xmlNodeDump(buffer, node.pointee.doc, child, 0, 0) }
            guard let content = xmlBufferContent(buffer) else { return nil }
            return String(cString: content)
        }
        guard let value = xmlNodeGetContent(node) else { return nil }
        defer { cxml_free(value) }
        let string = String(cString: value)
        if attribute(node, "type") == "text" {
            // Plain text: escape it so the HTML parser keeps it as text.
            return "<pre>" + string.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;") + "</pre>"
        }
        return string
    }

    private func children(_ node: xmlNodePtr) -> [xmlNodePtr] {
        var out: [xmlNodePtr] = []
        var child = node.pointee.children
        while let c = child {
            if c.pointee.type == XML_ELEMENT_NODE { out.append(c) }
            child = c.pointee.next
        }
        return out
    }

    private func localName(_ node: xmlNodePtr) -> String {
        node.pointee.name.map { String(cString: $0).lowercased() } ?? ""
    }

    private func namespacePrefix(_ node: xmlNodePtr) -> String? {
        node.pointee.ns?.pointee.prefix.map { String(cString: $0) }
    }

    private func text(_ node: xmlNodePtr) -> String? {
        guard let value = xmlNodeGetContent(node) else { return nil }
        defer { cxml_free(value) }
        let s = String(cString: value).trimmingSpaces()
        return s.isEmpty ? nil : s
    }

    private func attribute(_ node: xmlNodePtr, _ name: String) -> String? {
        guard let value = xmlGetProp(node, name) else { return nil }
        defer { cxml_free(value) }
        return String(cString: value)
    }
}
