import Foundation

/// A buffered output written to a temporary file and moved into place on `commit()`, so a
/// failed or interrupted export never leaves a half-written file. `-` writes to standard output;
/// `OutputFile.memory()` keeps everything in `contents`, for a server's response.
public final class OutputFile {
    private let handle: FileHandle?
    private let finalPath: String?
    private let temporaryPath: String?
    private var buffer: [UInt8] = []
    private let inMemory: Bool

    private init() {
        handle = nil
        finalPath = nil
        temporaryPath = nil
        inMemory = true
    }

    /// An output held in memory.
    public static func memory() -> OutputFile { OutputFile() }

    /// What a memory output holds.
    public var contents: [UInt8] { buffer }

    public init(path: String) throws {
        inMemory = false
        if path == "-" {
            handle = FileHandle.standardOutput
            finalPath = nil
            temporaryPath = nil
            return
        }
        let directory = (path as NSString).deletingLastPathComponent
        let temporary = (directory.isEmpty ? "." : directory) + "/.\((path as NSString).lastPathComponent).\(getpid()).tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: nil),
              let handle = FileHandle(forWritingAtPath: temporary) else {
            throw OutputError(path: path, message: "cannot create the file (does its folder exist and is it writable?)")
        }
        self.handle = handle
        finalPath = path
        temporaryPath = temporary
    }

    deinit {
        if let temporaryPath, FileManager.default.fileExists(atPath: temporaryPath) {
            try? FileManager.default.removeItem(atPath: temporaryPath)
        }
    }

    public func write(_ string: String) throws {
        buffer.append(contentsOf: string.utf8)
        if buffer.count >= 1 << 20, !inMemory { try drain() }
    }

    public func write(_ bytes: Data) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 20, !inMemory { try drain() }
    }

    private func drain() throws {
        guard let handle, !inMemory else { return }
        do { try handle.write(contentsOf: buffer) } catch {
            throw OutputError(path: finalPath ?? "-", message: "write failed: \(error.localizedDescription)")
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and moves the file into place.
    public func commit() throws {
        try drain()
        guard let finalPath, let temporaryPath, let handle else { return }
        try handle.close()
        if FileManager.default.fileExists(atPath: finalPath) { try FileManager.default.removeItem(atPath: finalPath) }
        try FileManager.default.moveItem(atPath: temporaryPath, toPath: finalPath)
    }
}

public struct OutputError: Error, CustomStringConvertible {
    public var path: String
    public var message: String
    public var description: String { "\(path): \(message)" }
}
