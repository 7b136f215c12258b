import ArgumentParser
import ClaimTraceCore
import ClaimTraceIngest
import ClaimTracePipeline
import Foundation

/// An error already worded for the user; printed as `claimtrace: MESSAGE`.
enum Failure: Error, CustomStringConvertible {
    case message(String)
    var description: String {
        switch self { case .message(let text): return text }
    }
}

/// Prints one line to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data("claimtrace: \(text)\n".utf8))
}

/// Collects per-file problems: prints each as it happens, and remembers whether any occurred.
final class ProblemLog: @unchecked Sendable {
    private(set) var count = 0
    /// The progress display shares standard error: its line is cleared before a message.
    let progress = ProgressReporter()

    func report(_ error: InputError) {
        count += 1
        progress.clearLine()
        printError(error.description)
    }

    /// Warnings do not fail the run: the document was read, with a repair or a gap noted.
    func warn(_ warning: InputError) {
        progress.clearLine()
        printError("\(warning.source): warning: \(warning.message)")
    }
}

extension InputOptions {
    var pipeline: Pipeline { Pipeline(limits: IngestLimits(maxRecordBytes: maxRecordSize << 20)) }
}

/// Exits with status 1 when any input failed, after everything else was done.
func exitIfProblems(_ log: ProblemLog) throws {
    if log.count > 0 {
        printError("\(log.count) input\(log.count == 1 ? "" : "s") could not be read (see above)")
        throw ExitCode(1)
    }
}

func runAndReport<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let error as ExitCode { throw error } catch let error as ValidationError { throw error } catch {
        printError("\(error)")
        throw ExitCode(2)
    }
}
