import CZlib
import ClaimTraceCore

/// Streams a WARC file (plain or gzip-compressed, one member per record) record by record and
/// turns each HTML response or resource record into a raw article.
///
/// Only one record's block is held in memory at a time, and blocks over the record limit are skipped.
/// A malformed header is reported and the reader resynchronises at the next `WARC/` line.
struct WARCReader {
    let limits: IngestLimits

    func read(_ reader: ByteReader, path: String, emit: (ReadEvent) throws -> Void) throws {
        var recordNumber = 0
        var htmlRecords = 0
        while true {
            // Records are separated by blank lines; skip them and find the version line.
            guard let versionLine = try nextNonBlankLine(reader) else { break }
            recordNumber += 1
            let here = "\(path): record \(recordNumber)"
            guard versionLine.starts(with: Array("WARC/".utf8)) else {
                try emit(.problem(InputError(source: here, "malformed WARC: expected a \"WARC/1.x\" version line, found \"\(preview(versionLine))\"; skipping to the next record")))
                guard try resynchronise(reader) else { break }
                continue
            }
            var headers: [String: String] = [:]
            var headerBytes = 0
            var headerError: String?
            while let line = try reader.readLine(maxLength: 64 << 10) {
                guard case .line(let bytes) = line else { headerError = "a header line over 64 KB"; break }
                if bytes.isEmpty { break }
                headerBytes += bytes.count
                if headerBytes > 1 << 20 { headerError = "headers over 1 MB"; break }
                guard let colon = bytes.firstIndex(of: 58) else { headerError = "header line without a colon: \"\(preview(bytes))\""; break }
                let name = String(decoding: bytes[..<colon], as: UTF8.self).trimmingSpaces().lowercased()
                let value = String(decoding: bytes[(colon + 1)...], as: UTF8.self).trimmingSpaces()
                headers[name] = value
            }
            if let headerError {
                try emit(.problem(InputError(source: here, "malformed WARC header: \(headerError); skipping to the next record")))
                guard try resynchronise(reader) else { break }
                continue
            }
            guard let lengthText = headers["content-length"], let length = Int(lengthText), length >= 0 else {
                try emit(.problem(InputError(source: here, "malformed WARC header: missing or invalid Content-Length; skipping to the next record")))
                guard try resynchronise(reader) else { break }
                continue
            }
            let type = headers["warc-type"]?.lowercased() ?? ""
            let uri = headers["warc-target-uri"].map { $0.hasPrefix("<") && $0.hasSuffix(">") ? String($0.dropFirst().dropLast()) : $0 }
            let source = uri.map { "\(path)#\($0)" } ?? here
            let contentType = headers["content-type"]?.lowercased() ?? ""
            let wanted = (type == "response" && contentType.contains("application/http"))
                || (type == "resource" && (contentType.contains("html")))
            guard wanted else {
                let skipped = try reader.skip(count: length)
                if skipped < length { try emit(.problem(InputError(source: here, "truncated WARC record: \(skipped) of \(length) bytes"))); break }
                continue
            }
            if length > limits.maxRecordBytes {
                try reader.skip(count: length)
                try emit(.problem(InputError(source: source, "record is \(length.formattedBytes), over the \(limits.maxRecordBytes.formattedBytes) record limit; skipped")))
                continue
            }
            let block = try reader.read(count: length)
            if block.count < length {
                try emit(.problem(InputError(source: source, "truncated WARC record: \(block.count) of \(length) bytes")))
                break
            }
            do {
                let payload: HTTPPayload
                if type == "response" {
                    guard let parsed = try HTTPPayload.parse(block, source: source, limit: limits.maxRecordBytes) else { continue }
                    payload = parsed
                } else {
                    payload = HTTPPayload(body: block, charset: charsetParameter(in: contentType), isHTML: true, status: 200)
                }
                guard payload.isHTML, (200..<300).contains(payload.status) else { continue }
                let parsed = try HTMLBlockBuilder.parse(payload.body, declaredCharset: payload.charset, source: source)
                htmlRecords += 1
                try emit(.article(RawArticle(source: source, format: .warc, url: uri ?? parsed.url, hints: parsed.hints,
                                             blocks: parsed.blocks, contentHash: ContentHash.sha256Hex(payload.body),
                                             warnings: parsed.warnings)))
            } catch let error as InputError {
                try emit(.problem(error))
            }
        }
        if recordNumber == 0 { throw InputError(source: path, "empty WARC file") }
        _ = htmlRecords
    }

    private func nextNonBlankLine(_ reader: ByteReader) throws -> [UInt8]? {
        while let line = try reader.readLine(maxLength: 64 << 10) {
            switch line {
            case .line(let bytes): if !bytes.isEmpty { return bytes }
            case .tooLong: return Array("<a line over 64 KB>".utf8)
            }
        }
        return nil
    }

    /// Skips lines until one that starts a record; leaves the reader just after it is found.
    /// Returns false at the end of input.
    private func resynchronise(_ reader: ByteReader) throws -> Bool {
        while true {
            let head = try reader.peek(5)
            if head.isEmpty { return false }
            if head == Array("WARC/".utf8) { return true }
            guard try reader.readLine(maxLength: 64 << 10) != nil else { return false }
        }
    }

    private func preview(_ bytes: [UInt8]) -> String {
        let text = String(decoding: bytes.prefix(60), as: UTF8.self)
        return text.unicodeScalars.map { $0.properties.isWhitespace || $0.value >= 32 ? String($0) : "?" }.joined()
    }
}

func charsetParameter(in contentType: String) -> String? {
    guard let range = contentType.range(of: "charset=") else { return nil }
    let value = contentType[range.upperBound...].prefix { $0 != ";" && $0 != " " }
    let trimmed = value.trimmingCharacters(in: .init(charactersIn: "\"'"))
    return trimmed.isEmpty ? nil : trimmed
}

/// The body of an HTTP response held in a WARC record, de-chunked and decompressed.
struct HTTPPayload {
    var body: [UInt8]
    var charset: String?
    var isHTML: Bool
    var status: Int

    /// Returns nil for a block that is not an HTTP response at all.
    static func parse(_ block: [UInt8], source: String, limit: Int) throws(InputError) -> HTTPPayload? {
        let separator: [UInt8] = [13, 10, 13, 10]
        var headerEnd = ByteSearch.firstIndex(of: separator, in: block[...]).map { $0 + 4 }
        if headerEnd == nil { headerEnd = ByteSearch.firstIndex(of: [10, 10], in: block[...]).map { $0 + 2 } }
        guard let end = headerEnd else { throw InputError(source: source, "WARC response record has no end to its HTTP headers") }
        let headerText = String(decoding: block[..<end], as: UTF8.self)
        var lines = headerText.split(whereSeparator: { $0 == "\r\n" || $0 == "\n" || $0 == "\r" })
        guard let statusLine = lines.first, statusLine.hasPrefix("HTTP/") else { return nil }
        lines.removeFirst()
        let status = statusLine.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased().trimmingSpaces()] = line[line.index(after: colon)...].trimmingSpaces()
        }
        let contentType = headers["content-type"]?.lowercased() ?? ""
        let isHTML = contentType.isEmpty || contentType.contains("html")
        var body = Array(block[end...])
        if headers["transfer-encoding"]?.lowercased().contains("chunked") == true {
            body = try dechunk(body, source: source)
        }
        switch headers["content-encoding"]?.lowercased() {
        case "gzip", "x-gzip", "deflate":
            body = try inflateAll(body, source: source, limit: limit)
        default:
            break
        }
        return HTTPPayload(body: body, charset: charsetParameter(in: contentType), isHTML: isHTML, status: status)
    }

    private static func dechunk(_ data: [UInt8], source: String) throws(InputError) -> [UInt8] {
        var out: [UInt8] = []
        var i = 0
        while i < data.count {
            guard let lineEnd = ByteSearch.firstIndex(of: [13, 10], in: data[i...]) else { break }
            let sizeText = String(decoding: data[i..<lineEnd], as: UTF8.self).split(separator: ";").first.map(String.init) ?? ""
            guard let size = Int(sizeText.trimmingSpaces(), radix: 16) else {
                throw InputError(source: source, "malformed chunked HTTP body in WARC record")
            }
            i = lineEnd + 2
            if size == 0 { break }
            let end = min(data.count, i + size)
            out.append(contentsOf: data[i..<end])
            i = end + 2
        }
        return out
    }

    private static func inflateAll(_ data: [UInt8], source: String, limit: Int) throws(InputError) -> [UInt8] {
        let reader = ByteReader(try GzipChunks(MemoryChunks(data), source: source, acceptZlib: true))
        switch try reader.readAll(limit: limit) {
        case .success(let bytes): return bytes
        case .failure(let exceeded):
            throw InputError(source: source, "HTTP body decompresses to over \(exceeded.limit.formattedBytes); skipped")
        }
    }
}
