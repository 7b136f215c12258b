import ClaimTraceCore
import ClaimTraceExtract
import ClaimTraceIngest
import ClaimTraceSQLite
import Foundation

/// Times the ingest stages on one corpus, with a raw-read baseline measured in the same run.
public struct IngestBenchmark {
    public var corpus: String
    public var scratch: String
    public var repeats: Int
    /// Time only the extract stage (after the baseline), for profiling it on its own.
    public var extractOnly: Bool

    public init(corpus: String, scratch: String, repeats: Int, extractOnly: Bool = false) {
        self.corpus = corpus
        self.scratch = scratch
        self.repeats = repeats
        self.extractOnly = extractOnly
    }

    public struct Measurement: Sendable {
        public var name: String
        public var seconds: Double
        public var bytes: Int
        public var documents: Int
        public var megabytesPerSecond: Double { Double(bytes) / 1_048_576 / seconds }
        public var documentsPerSecond: Double { Double(documents) / seconds }
    }

    public struct Report: Sendable {
        public var measurements: [Measurement]
        public var peakResidentMB: Double
        public var markdown: String {
            let baseline = measurements.first?.megabytesPerSecond ?? 1
            var lines = ["MB are input bytes as stored (compressed files count compressed), except for the extract row.", "",
                         "| stage | MB | documents | seconds | MB/s | documents/s | × baseline |", "|---|---:|---:|---:|---:|---:|---:|"]
            for m in measurements {
                lines.append(String(format: "| %@ | %.1f | %d | %.3f | %.1f | %.0f | %.3f |", m.name, Double(m.bytes) / 1_048_576,
                                    m.documents, m.seconds, m.megabytesPerSecond, m.documentsPerSecond, m.megabytesPerSecond / baseline))
            }
            lines.append("")
            lines.append(String(format: "Peak resident memory: %.0f MB", peakResidentMB))
            return lines.joined(separator: "\n")
        }
    }

    public func run() throws -> Report {
        let files = Ingestor.expand([corpus]).files
        let bytes = files.reduce(0) { $0 + ($1.size ?? 0) }
        var results: [Measurement] = []

        results.append(best("read raw bytes (baseline)", bytes: bytes) {
            var count = 0
            for file in files {
                guard let source = try? FileChunks(path: file.path) else { continue }
                while let chunk = try? source.nextChunk() { count += chunk.count }
            }
            return count > 0 ? files.count : 0
        })
        let pipeline = Pipeline()
        var cleanOnly = pipeline
        cleanOnly.annotates = false
        _ = ReferenceLoader.bundled   // loaded once, outside the timings
        if !extractOnly {
            results.append(best("read + clean (both cores)", bytes: bytes) {
                var documents = 0
                try? cleanOnly.documents(from: [corpus], problem: { _ in }) { _ in documents += 1 }
                return documents
            })
            results.append(best("read + clean + extract (both cores)", bytes: bytes) {
                var documents = 0
                try? pipeline.documents(from: [corpus], problem: { _ in }) { _ in documents += 1 }
                return documents
            })
        }
        // The extract stage alone, on one core, measured in MB of cleaned article text.
        var documents: [Document] = []
        try? cleanOnly.documents(from: [corpus], problem: { _ in }) { documents.append($0.document) }
        let textBytes = documents.reduce(0) { $0 + $1.text.utf8.count }
        results.append(best("extract, one core (MB of article text)", bytes: textBytes) {
            // A new extractor each time: names it has read are not carried from one repeat to the next.
            let extractor = Extractor(reference: ReferenceLoader.bundled)
            var found = 0
            for document in documents { found += extractor.annotate(document).sentences.count }
            return found > 0 ? documents.count : 0
        })
        if extractOnly { return Report(measurements: results, peakResidentMB: Self.peakResidentMB()) }
        var run = 0
        var failure: Error?
        results.append(best("read + clean + extract + store in SQLite", bytes: bytes) {
            run += 1
            let path = "\(scratch)/bench-\(run).sqlite"
            do {
                let store = try SQLiteStore(path: path)
                return try pipeline.ingest([corpus], into: store, problem: { _ in }).added
            } catch {
                failure = error
                return 0
            }
        })
        if let failure { throw failure }
        return Report(measurements: results, peakResidentMB: Self.peakResidentMB())
    }

    private func best(_ name: String, bytes: Int, _ body: () -> Int) -> Measurement {
        var fastest = Double.infinity
        var documents = 0
        for _ in 0..<repeats {
            let start = DispatchTime.now().uptimeNanoseconds
            documents = body()
            fastest = min(fastest, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return Measurement(name: name, seconds: fastest, bytes: bytes, documents: documents)
    }

    /// VmHWM from /proc/self/status, in MB; 0 where it is not available.
    static func peakResidentMB() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let kb = line.split(separator: " ").dropFirst().first.flatMap { Double($0) } ?? 0
            return kb / 1024
        }
        return 0
    }
}
