import CZlib
import ClaimTraceCore
#if canImport(Glibc)
import Glibc
#endif

/// A source of bytes read in chunks, so that no input has to be held whole in memory.
public protocol ChunkSource: AnyObject {
    /// The next chunk, or nil at the end. Chunks are never empty.
    func nextChunk() throws(InputError) -> [UInt8]?
    /// Bytes consumed from the underlying file so far (compressed bytes for gzip), for progress.
    var bytesConsumed: Int { get }
}

/// Reads a file descriptor (a regular file or standard input) in fixed-size chunks.
public final class FileChunks: ChunkSource {
    private let fd: Int32
    private let ownsDescriptor: Bool
    private let source: String
    private let chunkSize: Int
    public private(set) var bytesConsumed = 0

    public init(path: String, chunkSize: Int = 1 << 20) throws(InputError) {
        if path == "-" {
            fd = 0; ownsDescriptor = false
        } else {
            fd = open(path, O_RDONLY)
            guard fd >= 0 else { throw InputError(source: path, "cannot open: \(String(cString: strerror(errno)))") }
            ownsDescriptor = true
        }
        source = path
        // Small files get a buffer their size: allocating and clearing 1 MB for each of thousands
        // of 5 KB pages showed up in profiles.
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG {
            self.chunkSize = max(4096, min(chunkSize, Int(info.st_size) + 1))
        } else {
            self.chunkSize = chunkSize
        }
    }

    deinit { if ownsDescriptor { close(fd) } }

    public func nextChunk() throws(InputError) -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: chunkSize)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, chunkSize) }
            if n < 0 {
                if errno == EINTR { continue }
                throw InputError(source: source, "read failed: \(String(cString: strerror(errno)))")
            }
            if n == 0 { return nil }
            bytesConsumed += n
            buffer.removeSubrange(n...)
            return buffer
        }
    }
}

/// Serves bytes already in memory, e.g. a decoded record body.
public final class MemoryChunks: ChunkSource {
    private var bytes: [UInt8]?
    public private(set) var bytesConsumed = 0
    public init(_ bytes: [UInt8]) { self.bytes = bytes.isEmpty ? nil : bytes }
    public func nextChunk() throws(InputError) -> [UInt8]? {
        defer { bytes = nil }
        bytesConsumed += bytes?.count ?? 0
        return bytes
    }
}

/// Inflates gzip data, every member of it: a WARC.gz file is one gzip member per record.
///
/// Guards against gzip bombs: output beyond `maxRatio` times the compressed input read so far
/// (once past `ratioFloor` bytes) stops the stream with an error.
public final class GzipChunks: ChunkSource {
    private let upstream: ChunkSource
    private let source: String
    private var stream = z_stream()
    private var input: [UInt8] = []
    private var inputOffset = 0
    private var finishedMember = false
    private var sawAnyMember = false
    private var upstreamEnded = false
    private var produced = 0
    private let maxRatio: Int
    private let ratioFloor: Int
    private let chunkSize: Int

    public var bytesConsumed: Int { upstream.bytesConsumed }

    /// - Parameter acceptZlib: also accept zlib-wrapped deflate data (HTTP `Content-Encoding: deflate`).
    public init(_ upstream: ChunkSource, source: String, maxRatio: Int = 200, ratioFloor: Int = 64 << 20,
                chunkSize: Int = 1 << 20, acceptZlib: Bool = false) throws(InputError) {
        self.upstream = upstream
        self.source = source
        self.maxRatio = maxRatio
        self.ratioFloor = ratioFloor
        self.chunkSize = chunkSize
        let status = acceptZlib ? czlib_inflate_init_auto(&stream) : czlib_inflate_init_gzip(&stream)
        guard status == Z_OK else { throw InputError(source: source, "zlib failed to start") }
    }

    deinit { inflateEnd(&stream) }

    public func nextChunk() throws(InputError) -> [UInt8]? {
        var output = [UInt8](repeating: 0, count: chunkSize)
        while true {
            if inputOffset >= input.count {
                if upstreamEnded { return try finish() }
                guard let next = try upstream.nextChunk() else {
                    upstreamEnded = true
                    return try finish()
                }
                input = next
                inputOffset = 0
            }
            if finishedMember {
                // Skip padding zeros some writers leave between members; anything else starts a new member.
                while inputOffset < input.count, input[inputOffset] == 0 { inputOffset += 1 }
                if inputOffset >= input.count { continue }
                inflateReset(&stream)
                finishedMember = false
            }
            let available = input.count - inputOffset
            var status: Int32 = Z_OK
            var written = 0
            input.withUnsafeMutableBufferPointer { inBuffer in
                output.withUnsafeMutableBufferPointer { outBuffer in
                    stream.next_in = inBuffer.baseAddress! + inputOffset
                    stream.avail_in = uInt(available)
                    stream.next_out = outBuffer.baseAddress!
                    stream.avail_out = uInt(chunkSize)
                    status = inflate(&stream, Z_NO_FLUSH)
                    written = chunkSize - Int(stream.avail_out)
                    inputOffset += available - Int(stream.avail_in)
                }
            }
            switch status {
            case Z_OK, Z_BUF_ERROR:
                break
            case Z_STREAM_END:
                finishedMember = true
                sawAnyMember = true
            case Z_DATA_ERROR:
                throw InputError(source: source, "corrupt gzip data after \(produced) decompressed bytes")
            case Z_MEM_ERROR:
                throw InputError(source: source, "out of memory while decompressing")
            default:
                throw InputError(source: source, "gzip error \(status) after \(produced) decompressed bytes")
            }
            if written > 0 {
                produced += written
                if produced > ratioFloor, produced > maxRatio * max(1, upstream.bytesConsumed) {
                    throw InputError(source: source, "decompresses to over \(maxRatio)× its size (\(produced >> 20) MB so far): refusing a likely gzip bomb")
                }
                output.removeSubrange(written...)
                return output
            }
        }
    }

    private func finish() throws(InputError) -> [UInt8]? {
        if !finishedMember {
            if !sawAnyMember && produced == 0 { throw InputError(source: source, "not gzip data, or empty") }
            throw InputError(source: source, "truncated gzip data: the stream ends inside a member after \(produced) decompressed bytes")
        }
        return nil
    }
}

/// Buffers a chunk source and reads it by lines, exact lengths, or whole, with size limits.
public final class ByteReader {
    private let source: ChunkSource
    private var buffer: [UInt8] = []
    private var position = 0
    private var ended = false
    /// Total bytes handed out or skipped so far, in decompressed terms.
    public private(set) var offset = 0

    public init(_ source: ChunkSource) { self.source = source }

    public var bytesConsumed: Int { source.bytesConsumed }

    /// Makes at least one unread byte available; false at the end of input.
    private func fill() throws(InputError) -> Bool {
        if position < buffer.count { return true }
        if ended { return false }
        guard let chunk = try source.nextChunk() else { ended = true; return false }
        buffer = chunk
        position = 0
        return true
    }

    /// Peeks at up to `count` bytes without consuming them.
    public func peek(_ count: Int) throws(InputError) -> [UInt8] {
        while buffer.count - position < count, !ended {
            guard let chunk = try source.nextChunk() else { ended = true; break }
            buffer = Array(buffer[position...]) + chunk
            position = 0
        }
        return Array(buffer[position..<min(buffer.count, position + count)])
    }

    public enum Line {
        case line([UInt8])
        /// A line longer than the limit; its bytes were skipped up to the next newline.
        case tooLong(length: Int)
    }

    /// Reads one line without its `\n` (and without a trailing `\r`). Nil at the end of input.
    public func readLine(maxLength: Int) throws(InputError) -> Line? {
        var line: [UInt8] = []
        var length = 0
        var overflow = false
        var sawAny = false
        while try fill() {
            sawAny = true
            let start = position
            let newline = buffer[start...].firstIndex(of: 10)
            let end = newline ?? buffer.count
            let piece = end - start
            length += piece
            if !overflow {
                if length > maxLength { overflow = true; line = [] } else { line.append(contentsOf: buffer[start..<end]) }
            }
            position = newline.map { $0 + 1 } ?? buffer.count
            offset += position - start
            if newline != nil {
                if overflow { return .tooLong(length: length) }
                if line.last == 13 { line.removeLast() }
                return .line(line)
            }
        }
        guard sawAny else { return nil }
        if overflow { return .tooLong(length: length) }
        if line.last == 13 { line.removeLast() }
        return .line(line)
    }

    /// Reads exactly `count` bytes, or fewer at the end of input.
    public func read(count: Int) throws(InputError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(min(count, 1 << 24))
        while out.count < count, try fill() {
            let take = min(count - out.count, buffer.count - position)
            out.append(contentsOf: buffer[position..<(position + take)])
            position += take
            offset += take
        }
        return out
    }

    /// Skips `count` bytes; returns how many were skipped (fewer at the end of input).
    @discardableResult
    public func skip(count: Int) throws(InputError) -> Int {
        var skipped = 0
        while skipped < count, try fill() {
            let take = min(count - skipped, buffer.count - position)
            position += take
            skipped += take
        }
        offset += skipped
        return skipped
    }

    /// Reads everything left, or reports how large it was when it exceeds `limit`.
    public func readAll(limit: Int) throws(InputError) -> Result<[UInt8], SizeExceeded> {
        var out: [UInt8] = []
        var total = 0
        while try fill() {
            let piece = buffer.count - position
            total += piece
            if total <= limit { out.append(contentsOf: buffer[position...]) } else { out = [] }
            position = buffer.count
            offset += piece
        }
        return total <= limit ? .success(out) : .failure(SizeExceeded(size: total, limit: limit))
    }

    public var atEnd: Bool {
        get throws(InputError) { try !fill() }
    }
}

/// An input larger than the configured limit.
public struct SizeExceeded: Error, Sendable {
    public var size: Int
    public var limit: Int
}
