import ClaimTraceCore
import Foundation

/// Reads article records from JSON Lines (one object a line) or a JSON file (one object or an array).
///
/// Field names accepted, first match wins (see docs/INPUT-FORMATS.md):
/// - id: `id`, `_id`, `stories_id`, `story_id`, `doc_id`
/// - url: `url`, `link`, `canonical_url`, `source_url`, then `guid` when it is a URL
/// - title: `title`, `headline`
/// - text: `text`, `maintext`, `story_text`, `body`, `content`, `article_text`, `full_text`
/// - html: `html`, `raw_html`, `content_html`, `body_html`
/// - date: `published`, `date_publish`, `publish_date`, `published_at`, `date`, `pubdate`, `datePublished`, `date_published`
/// - authors: `authors`, `author`, `byline`, `creator` (a string, a list of strings, or objects with `name`)
/// - outlet: `outlet`, `media_name`, `source_domain`, `publisher`, `site_name`, `source`, `domain`, `media_url`
/// - republished from: `republished_from`
struct JSONRecordReader {
    let limits: IngestLimits

    /// Streams a JSON Lines file, one record a line; a bad line is reported and the rest go on.
    func readLines(_ reader: ByteReader, path: String, emit: (ReadEvent) throws -> Void) throws {
        var lineNumber = 0
        while let line = try reader.readLine(maxLength: limits.maxRecordBytes) {
            lineNumber += 1
            let source = "\(path):\(lineNumber)"
            switch line {
            case .tooLong(let length):
                try emit(.problem(InputError(source: source, "line is \(length.formattedBytes), over the \(limits.maxRecordBytes.formattedBytes) record limit; skipped")))
            case .line(let bytes):
                if bytes.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 13 }) { continue }
                do {
                    guard let object = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
                        try emit(.problem(InputError(source: source, "not a JSON object; each line must be one article object")))
                        continue
                    }
                    try emit(record(object, rawBytes: bytes, source: source))
                } catch let error as InputError {
                    try emit(.problem(error))
                } catch {
                    try emit(.problem(InputError(source: source, "invalid JSON: \(Self.describe(error))")))
                }
            }
        }
    }

    /// Reads a whole `.json` file holding one article object or an array of them.
    func readDocument(_ bytes: [UInt8], path: String, emit: (ReadEvent) throws -> Void) throws {
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        } catch {
            // Perhaps it is JSON Lines after all.
            try readLines(ByteReader(MemoryChunks(bytes)), path: path, emit: emit)
            return
        }
        let objects: [Any] = (json as? [Any]) ?? [json]
        for (index, item) in objects.enumerated() {
            let source = objects.count == 1 ? path : "\(path):[\(index)]"
            guard let object = item as? [String: Any] else {
                try emit(.problem(InputError(source: source, "not a JSON object; expected an article object")))
                continue
            }
            let raw = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])).map { [UInt8]($0) } ?? []
            do { try emit(record(object, rawBytes: raw, source: source)) } catch let error as InputError { try emit(.problem(error)) }
        }
    }

    private func record(_ object: [String: Any], rawBytes: [UInt8], source: String) throws -> ReadEvent {
        var warnings: [String] = []
        func string(_ keys: [String]) -> String? {
            for key in keys {
                guard let value = object[key], !(value is NSNull) else { continue }
                if let s = value as? String {
                    let trimmed = s.trimmingSpaces()
                    if !trimmed.isEmpty { return trimmed }
                    continue
                }
                if let n = value as? NSNumber, !(value is Bool) { return n.stringValue }
                warnings.append("field \"\(key)\" has type \(Self.typeName(value)), expected a string; ignored")
            }
            return nil
        }
        let id = string(["id", "_id", "stories_id", "story_id", "doc_id"])
        var url = string(["url", "link", "canonical_url", "source_url"])
        if url == nil, let guid = string(["guid"]), guid.hasPrefix("http") { url = guid }
        var hints = MetadataHints()
        hints.title = string(["title", "headline"])
        hints.published = string(["published", "date_publish", "publish_date", "published_at", "date", "pubdate", "datePublished", "date_published"])
        hints.outlet = string(["outlet", "media_name", "source_domain", "publisher", "site_name", "source", "domain", "media_url"])
        hints.republishedFrom = string(["republished_from"])
        for key in ["authors", "author", "byline", "creator"] {
            guard let value = object[key], !(value is NSNull) else { continue }
            let names = Self.names(value)
            if names.isEmpty { warnings.append("field \"\(key)\" has type \(Self.typeName(value)), expected names; ignored") }
            hints.authors = names
            if !names.isEmpty { break }
        }
        let contentHash = ContentHash.sha256Hex(rawBytes)
        if let html = string(["html", "raw_html", "content_html", "body_html"]) {
            let parsed = try HTMLBlockBuilder.parse(Array(html.utf8), declaredCharset: "UTF-8", source: source)
            var merged = parsed.hints
            merged.title = hints.title ?? merged.title
            merged.published = hints.published ?? merged.published
            merged.outlet = hints.outlet ?? merged.outlet
            merged.authors = hints.authors.isEmpty ? merged.authors : hints.authors
            merged.republishedFrom = hints.republishedFrom
            return .article(RawArticle(source: source, format: .jsonl, recordID: id, url: url ?? parsed.url, hints: merged,
                                       blocks: parsed.blocks, contentHash: contentHash, warnings: warnings + parsed.warnings))
        }
        guard let text = string(["text", "maintext", "story_text", "body", "content", "article_text", "full_text"]) else {
            throw InputError(source: source, "record has no article text: none of text, maintext, story_text, body, content, article_text, full_text, html, raw_html, content_html, body_html")
        }
        // Records carry plain text with one paragraph a line (news-please, Media Cloud).
        let blocks = text.split(separator: "\n").map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
            .map { SourceBlock(text: $0) }
        return .article(RawArticle(source: source, format: .jsonl, recordID: id, url: url, hints: hints, blocks: blocks,
                                   contentHash: contentHash, warnings: warnings))
    }

    private static func names(_ value: Any) -> [String] {
        if let s = value as? String {
            return s.components(separatedBy: ";").flatMap { $0.components(separatedBy: " and ") }
                .map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
        }
        if let o = value as? [String: Any], let n = o["name"] as? String { return [n.trimmingSpaces()] }
        if let a = value as? [Any] { return a.flatMap { names($0) } }
        return []
    }

    private static func typeName(_ value: Any) -> String {
        switch value {
        case is Bool: return "boolean"
        case is NSNumber: return "number"
        case is [Any]: return "array"
        case is [String: Any]: return "object"
        case is String: return "string"
        default: return "null"
        }
    }

    static func describe(_ error: Error) -> String {
        let text = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
        return text.count > 200 ? String(text.prefix(200)) + "…" : text
    }
}

extension Int {
    /// `12.3 MB`, `512 KB`, `42 bytes`.
    var formattedBytes: String {
        if self >= 1 << 20 { return String(format: "%.1f MB", Double(self) / 1_048_576) }
        if self >= 1 << 10 { return "\(self >> 10) KB" }
        return "\(self) bytes"
    }
}
