import CZlib
import Foundation

/// Compresses bytes as they come into one gzip member and writes it to an output in base64,
/// so that a large payload can sit inside an HTML page without ever being held whole.
final class GzipBase64Stream {
    private let output: OutputFile
    private var stream = z_stream()
    private var compressed = [UInt8](repeating: 0, count: 1 << 16)
    /// Compressed bytes not yet encoded: base64 takes them three at a time.
    private var pending: [UInt8] = []
    private var finished = false

    init(_ output: OutputFile) {
        self.output = output
        guard czlib_deflate_init_gzip(&stream, 6) == Z_OK else { preconditionFailure("zlib deflateInit2 failed") }
    }

    deinit { deflateEnd(&stream) }

    func write(_ string: String) throws {
        var copy = string
        try copy.withUTF8 { try deflate(UnsafeRawBufferPointer($0), flush: Z_NO_FLUSH) }
    }

    /// Ends the gzip member and writes the last base64 characters.
    func finish() throws {
        guard !finished else { return }
        finished = true
        try deflate(UnsafeRawBufferPointer(start: nil, count: 0), flush: Z_FINISH)
        if !pending.isEmpty { try output.write(Data(pending).base64EncodedString()) }
        pending.removeAll()
    }

    private func deflate(_ input: UnsafeRawBufferPointer, flush: Int32) throws {
        stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
        stream.avail_in = uInt(input.count)
        repeat {
            let produced: Int = compressed.withUnsafeMutableBufferPointer { buffer in
                stream.next_out = buffer.baseAddress
                stream.avail_out = uInt(buffer.count)
                let status = CZlib.deflate(&stream, flush)
                precondition(status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR, "zlib deflate failed: \(status)")
                return buffer.count - Int(stream.avail_out)
            }
            pending.append(contentsOf: compressed[0..<produced])
            // Whole groups of three bytes are encoded now; the rest waits for more.
            let whole = pending.count - pending.count % 3
            if whole > 0 {
                try output.write(Data(pending[0..<whole]).base64EncodedString())
                pending.removeFirst(whole)
            }
        } while stream.avail_out == 0 || (flush == Z_FINISH && stream.avail_in > 0)
    }
}
