import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Shows files done, MB read, MB/s and the time left on a terminal's standard error.
/// Stays silent when standard error is not a terminal, so pipelines and logs stay clean.
public final class ProgressReporter: @unchecked Sendable {
    private let enabled: Bool
    private let lock = NSLock()
    private var totalFiles = 0
    private var totalBytes = 0
    private var files = 0
    private var bytes = 0
    private var started = Date()
    private var lastDraw = Date.distantPast
    private var drew = false
    private var unit = "files"

    public init(enabled: Bool = isatty(2) == 1) { self.enabled = enabled }

    /// Starts counting; `unit` names what is counted ("files", "documents compared").
    public func start(totalFiles: Int, totalBytes: Int, unit: String = "files") {
        lock.lock(); defer { lock.unlock() }
        self.totalFiles = totalFiles
        self.totalBytes = totalBytes
        self.unit = unit
        files = 0
        bytes = 0
        drew = false
        started = Date()
    }

    public func advance(files: Int = 0, bytes: Int) {
        lock.lock(); defer { lock.unlock() }
        self.files += files
        self.bytes += bytes
        let now = Date()
        guard enabled, now.timeIntervalSince(lastDraw) >= 0.2 else { return }
        lastDraw = now
        draw(now)
    }

    /// Clears the progress line so that a message can be printed on a line of its own;
    /// the next update draws it again.
    public func clearLine() {
        lock.lock(); defer { lock.unlock() }
        guard enabled, drew else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }

    public func finish() {
        lock.lock(); defer { lock.unlock() }
        guard enabled, drew else { return }
        draw(Date())
        FileHandle.standardError.write(Data("\n".utf8))
    }

    private func draw(_ now: Date) {
        let elapsed = max(0.001, now.timeIntervalSince(started))
        guard totalBytes > 0 || bytes > 0 else {
            // Counting work, not bytes: the time left from the items done.
            var line = "\r\(files)/\(totalFiles) \(unit)"
            if files > 0, files < totalFiles {
                let remaining = Double(totalFiles - files) / (Double(files) / elapsed)
                line += String(format: " · ETA %d:%02d", Int(remaining) / 60, Int(remaining) % 60)
            }
            FileHandle.standardError.write(Data((line + "   ").utf8))
            drew = true
            return
        }
        let rate = Double(bytes) / elapsed / 1_048_576
        var line = String(format: "\r%d/%d files · %.1f MB · %.1f MB/s", files, totalFiles, Double(bytes) / 1_048_576, rate)
        if totalBytes > 0, bytes > 0, bytes < totalBytes {
            let remaining = Double(totalBytes - bytes) / (Double(bytes) / elapsed)
            line += String(format: " · ETA %d:%02d", Int(remaining) / 60, Int(remaining) % 60)
        }
        FileHandle.standardError.write(Data((line + "   ").utf8))
        drew = true
    }
}
