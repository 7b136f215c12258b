import ArgumentParser
import ClaimTraceServe
import Foundation

extension ClaimTraceCommand {
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve the report and a JSON API over a database, on this machine by default.",
            discussion: """
                GET / is the report, made again whenever the database changes; GET /api/documents, \
                /api/documents/ID, /api/search?q=WORDS and /api/entities answer in JSON, and \
                POST /api/documents?name=FILE adds the request's body as a document, and POST /api/paths?path=PATH \
                a file or folder inside a folder given with --allow-path. The API is \
                described in docs/openapi.yaml. Serving beyond loopback (--host 0.0.0.0) needs --token, \
                which every request that changes data must send as "Authorization: Bearer TOKEN".
                """)

        @OptionGroup var database: DatabaseOptions

        @Option(name: .long, help: "The address to listen on.")
        var host: String = "127.0.0.1"

        @Option(name: .long, help: "The port to listen on; 0 picks a free one.")
        var port: Int = 8080

        @Option(name: .long, help: ArgumentHelp("A secret that requests changing data must carry; required beyond loopback.", valueName: "TOKEN"))
        var token: String?

        @Option(name: .long, help: ArgumentHelp("A folder whose files POST /api/paths may add (repeatable); none, and adding by path is off.", valueName: "FOLDER"))
        var allowPath: [String] = []

        func validate() throws {
            guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535.") }
        }

        func run() async throws {
            let server = try runAndReport {
                for folder in allowPath {
                    var isFolder: ObjCBool = false
                    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
                        throw Failure.message("\(folder): --allow-path needs an existing folder")
                    }
                }
                return try ClaimTraceServer(store: try database.openExisting(),
                                            options: ClaimTraceServer.Options(host: host, port: port, token: token, allowedFolders: allowPath))
            }
            do {
                try await server.run { address in
                    // Written straight away, unbuffered: a script waiting for the address reads this line.
                    FileHandle.standardOutput.write(Data("claimtrace: serving \(database.db) on \(address) (Ctrl-C stops)\n".utf8))
                }
            } catch {
                printError("cannot serve on \(host):\(port): \(error)")
                throw ExitCode(2)
            }
        }
    }
}
