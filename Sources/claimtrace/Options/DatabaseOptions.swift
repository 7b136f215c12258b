import ArgumentParser
import ClaimTraceSQLite

/// The `--db` option shared by every command that uses the store.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The SQLite database file.", valueName: "FILE"))
    var db: String = "claimtrace.sqlite"

    func open() throws -> SQLiteStore {
        do { return try SQLiteStore(path: db) } catch { throw Failure.message("\(error)") }
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
