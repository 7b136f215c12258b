import ArgumentParser
import ClaimTraceSQLite
import Foundation

/// The `--db` option shared by every command that uses the store.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The SQLite database file.", valueName: "FILE"))
    var db: String = "claimtrace.sqlite"

    func open() throws -> SQLiteStore {
        do { return try SQLiteStore(path: db) } catch { throw Failure.message("\(error)") }
    }

    /// The database, for commands that only read it: a missing file is an error, not a new
    /// empty database.
    func openExisting() throws -> SQLiteStore {
        guard FileManager.default.fileExists(atPath: db) else {
            throw Failure.message("\(db): no such database (run claimtrace analyze or ingest first, or give --db)")
        }
        return try open()
    }
}

/// Options for reading inputs.
struct InputOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Files or directories to read; - reads standard input.", valueName: "INPUT"))
    var inputs: [String]

    @Option(name: .long, help: ArgumentHelp("The largest single article or record to read, in MB.", valueName: "MB"))
    var maxRecordSize: Int = 64

    func validate() throws {
        guard !inputs.isEmpty else { throw ValidationError("Give at least one INPUT (a file, a directory, or - for standard input).") }
        guard maxRecordSize > 0 else { throw ValidationError("--max-record-size must be a positive number of MB.") }
    }
}
