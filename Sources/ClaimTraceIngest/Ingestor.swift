import ClaimTraceCore
import Foundation

/// Size limits that keep memory bounded whatever the input.
public struct IngestLimits: Sendable {
    /// The largest single record (one file of a one-article format, one JSONL line, one WARC record body).
    public var maxRecordBytes: Int
    /// Decompressed output may not exceed this multiple of the compressed input read so far.
    public var maxGzipRatio: Int

    public init(maxRecordBytes: Int = 64 << 20, maxGzipRatio: Int = 200) {
        self.maxRecordBytes = maxRecordBytes
        self.maxGzipRatio = maxGzipRatio
    }
}

/// What reading an input yields, one record at a time.
public enum ReadEvent: Sendable {
    case article(RawArticle)
    /// One record could not be read; the rest of the input goes on.
    case problem(InputError)
}

/// One input to read: a file path, or `-` for standard input.
public struct InputFile: Sendable, Hashable {
    public var path: String
    /// Size on disk in bytes, when known (not for standard input).
    public var size: Int?
    public init(path: String, size: Int?) { self.path = path; self.size = size }
}

/// The formats a file can hold, as far as reading it goes.
enum ContainerKind {
    case text, markdown, html, jsonLines, json, warc, feed
}

/// Reads input files of every supported format, streaming, and yields raw articles.
///
/// Plain text, Markdown, HTML, JSON Lines / JSON, WARC and RSS/Atom, each optionally gzip-compressed.
/// gzip is recognised by its magic bytes whatever the name; a WARC version line wins over any name;
/// otherwise a known extension decides, and standard input and unknown names are recognised from
/// their first bytes.
public struct Ingestor: Sendable {
    public var limits: IngestLimits

    public init(limits: IngestLimits = IngestLimits()) { self.limits = limits }

    /// Expands the user's inputs: directories are walked recursively (hidden files skipped, sorted).
    public static func expand(_ inputs: [String]) -> (files: [InputFile], errors: [InputError]) {
        var files: [InputFile] = []
        var errors: [InputError] = []
        let manager = FileManager.default
        for input in inputs {
            if input == "-" { files.append(InputFile(path: "-", size: nil)); continue }
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: input, isDirectory: &isDirectory) else {
                errors.append(InputError(source: input, "no such file or directory"))
                continue
            }
            if !isDirectory.boolValue {
                files.append(InputFile(path: input, size: fileSize(input)))
                continue
            }
            guard let enumerator = manager.enumerator(atPath: input) else {
                errors.append(InputError(source: input, "cannot list this directory"))
                continue
            }
            var found: [String] = []
            while let relative = enumerator.nextObject() as? String {
                let name = (relative as NSString).lastPathComponent
                if name.hasPrefix(".") {
                    if (enumerator.fileAttributes?[.type] as? FileAttributeType) == .typeDirectory { enumerator.skipDescendants() }
                    continue
                }
                let full = (input as NSString).appendingPathComponent(relative)
                var childIsDirectory: ObjCBool = false
                if manager.fileExists(atPath: full, isDirectory: &childIsDirectory), !childIsDirectory.boolValue {
                    found.append(full)
                }
            }
            for path in found.sorted() { files.append(InputFile(path: path, size: fileSize(path))) }
        }
        return (files, errors)
    }

    private static func fileSize(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue
    }

    /// Reads one input, calling `emit` for each record as it is read.
    ///
    /// - Throws: `InputError` when the file as a whole cannot be read (missing, binary, corrupt gzip,
    ///   not the format it claims). Problems with single records are emitted, not thrown.
    public func read(_ file: InputFile, progress: (Int) -> Void = { _ in }, emit: (ReadEvent) throws -> Void) throws {
        let path = file.path
        try read(try FileChunks(path: path), name: path == "-" ? "" : (path as NSString).lastPathComponent, path: path, progress: progress, emit: emit)
    }

    /// Reads bytes from `source` as a file named `name` (which says the format when its content
    /// does not), reporting problems against `path`: the one way in for every format, gzip or not.
    public func read(_ source: ChunkSource, name: String, path: String, progress: (Int) -> Void = { _ in },
                     emit: (ReadEvent) throws -> Void) throws {
        var name = name.lowercased()
        var upstream: ChunkSource = source
        let raw = ByteReader(upstream)
        let magic = try raw.peek(2)
        var reader = raw
        if magic == [0x1F, 0x8B] {
            // Keep the already-peeked bytes: re-open through a fresh reader over the same descriptor's stream.
            upstream = PeekedChunks(reader: raw)
            reader = ByteReader(try GzipChunks(upstream, source: path, maxRatio: limits.maxGzipRatio))
            if name.hasSuffix(".gz") { name = String(name.dropLast(3)) }
            if name.hasSuffix(".tgz") { throw InputError(source: path, "tar archives are not supported; unpack it first") }
        } else if name.hasSuffix(".gz") {
            throw InputError(source: path, "named .gz but not gzip data")
        }
        let head = try reader.peek(1024)
        if head.isEmpty { throw InputError(source: path, "empty file") }
        let kind = try Self.detect(name: name, head: head, path: path)
        switch kind {
        case .jsonLines:
            try JSONRecordReader(limits: limits).readLines(reader, path: path, emit: emit)
        case .warc:
            try WARCReader(limits: limits).read(reader, path: path, emit: emit)
        case .json, .text, .markdown, .html, .feed:
            let bytes: [UInt8]
            switch try reader.readAll(limit: limits.maxRecordBytes) {
            case .success(let all): bytes = all
            case .failure(let exceeded):
                throw InputError(source: path, "document is \(exceeded.size.formattedBytes), over the \(exceeded.limit.formattedBytes) limit for one article")
            }
            try readWhole(bytes, kind: kind, path: path, emit: emit)
        }
        progress(reader.bytesConsumed)
    }

    /// Reads in-memory bytes of a one-document format (also used for uploads and tests).
    public func read(bytes: [UInt8], name: String, emit: (ReadEvent) throws -> Void) throws {
        let kind = try Self.detect(name: name.lowercased(), head: Array(bytes.prefix(1024)), path: name)
        if kind == .jsonLines {
            try JSONRecordReader(limits: limits).readLines(ByteReader(MemoryChunks(bytes)), path: name, emit: emit)
        } else if kind == .warc {
            try WARCReader(limits: limits).read(ByteReader(MemoryChunks(bytes)), path: name, emit: emit)
        } else {
            try readWhole(bytes, kind: kind, path: name, emit: emit)
        }
    }

    private func readWhole(_ bytes: [UInt8], kind: ContainerKind, path: String, emit: (ReadEvent) throws -> Void) throws {
        let hash = ContentHash.sha256Hex(bytes)
        switch kind {
        case .json:
            try JSONRecordReader(limits: limits).readDocument(bytes, path: path, emit: emit)
        case .feed:
            try FeedReader().read(bytes, path: path, emit: emit)
        case .html:
            let parsed = try HTMLBlockBuilder.parse(bytes, declaredCharset: nil, source: path)
            try emit(.article(RawArticle(source: path, format: .html, url: parsed.url, hints: parsed.hints,
                                         blocks: parsed.blocks, contentHash: hash, warnings: parsed.warnings)))
        case .text, .markdown:
            let decoded = try TextDecoding.decode(bytes, source: path)
            let markdown = kind == .markdown || Self.looksLikeMarkdown(decoded.text)
            let blocks = TextBlockParser.blocks(from: decoded.text, markdown: markdown)
            if blocks.isEmpty { throw InputError(source: path, "no text: the file holds only whitespace") }
            try emit(.article(RawArticle(source: path, format: markdown ? .markdown : .text, blocks: blocks,
                                         contentHash: hash, warnings: decoded.warnings)))
        case .jsonLines, .warc:
            preconditionFailure("streamed formats are not read whole")
        }
    }

    static func detect(name: String, head: [UInt8], path: String) throws(InputError) -> ContainerKind {
        let start = head.firstIndex { !($0 == 32 || $0 == 9 || $0 == 10 || $0 == 13 || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF) } ?? head.endIndex
        let lead = Array(head[start...])
        let lowerHead = head.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
        if head.starts(with: Array("WARC/".utf8)) { return .warc }
        let ext = (name as NSString).pathExtension
        switch ext {
        case "txt", "text": return .text
        case "md", "markdown", "mdown", "mkd": return .markdown
        case "html", "htm", "xhtml", "shtml": return .html
        case "jsonl", "ndjson": return .jsonLines
        case "json": return .json
        case "warc", "arc": throw InputError(source: path, "does not start with a WARC version line (\"WARC/1.0\")")
        case "rss", "atom", "xml", "rdf", "feed": return .feed
        default: break
        }
        if TextDecoding.looksBinary(head[...]) && !(head.count >= 2 && (head[0] == 0xFF || head[0] == 0xFE)) {
            throw InputError(source: path, "binary data, not a supported article format")
        }
        if lead.starts(with: Array("<?xml".utf8)) {
            for marker in ["<rss", "<feed", "<rdf:rdf"] where ByteSearch.contains(lowerHead[...], Array(marker.utf8)) { return .feed }
            return .html
        }
        if lead.first == UInt8(ascii: "<") { return .html }
        if lead.first == UInt8(ascii: "{") { return .jsonLines }
        if lead.first == UInt8(ascii: "[") { return .json }
        return .text
    }

    /// Text files converted from web pages are often Markdown in all but name.
    static func looksLikeMarkdown(_ text: String) -> Bool {
        let sample = text.utf8.prefix(16_384)
        var linkMarks = 0
        var previous: UInt8 = 0
        for byte in sample {
            if previous == UInt8(ascii: "]") && byte == UInt8(ascii: "(") { linkMarks += 1 }
            previous = byte
        }
        if linkMarks >= 2 { return true }
        return text.split(separator: "\n", maxSplits: 40).contains { $0.hasPrefix("# ") || $0.hasPrefix("## ") }
    }
}

/// Re-serves the bytes a `ByteReader` has buffered but not consumed, then the rest of its source.
final class PeekedChunks: ChunkSource {
    private let reader: ByteReader
    init(reader: ByteReader) { self.reader = reader }
    var bytesConsumed: Int { reader.bytesConsumed }
    func nextChunk() throws(InputError) -> [UInt8]? {
        let chunk = try reader.read(count: 1 << 20)
        return chunk.isEmpty ? nil : chunk
    }
}
