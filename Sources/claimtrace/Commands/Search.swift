import ArgumentParser
import ClaimTraceSQLite
import ClaimTraceStore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension ClaimTraceCommand {
    struct Search: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Full-text search over article bodies, titles and reader comments.",
            discussion: """
                QUERY uses SQLite FTS5 syntax: words (all must match), "exact phrases", OR, NOT, and \
                prefix* searches. Matches are highlighted in bold on a terminal and between [ ] otherwise.
                """)

        @Argument(help: "What to search for.")
        var query: String

        @OptionGroup var database: DatabaseOptions

        @Option(name: .long, help: "The most matches to show.")
        var limit: Int = 20

        func validate() throws {
            guard limit > 0 else { throw ValidationError("--limit must be positive.") }
        }

        func run() throws {
            let hits = try runAndReport { try database.openExisting().search(query, limit: limit) }
            let terminal = isatty(1) == 1
            let (open, close) = terminal ? ("\u{1B}[1m", "\u{1B}[0m") : ("[", "]")
            if hits.isEmpty { printError("no matches for \(query)") }
            for hit in hits {
                let place = hit.part == "comment" ? "comment by \(hit.commentAuthor ?? "anonymous")" : "body"
                print("\(hit.title ?? "(untitled)") — \(place)\n  \(hit.source)")
                let snippet = hit.snippet.replacingOccurrences(of: SearchHit.highlightStart, with: open)
                    .replacingOccurrences(of: SearchHit.highlightEnd, with: close)
                    .replacingOccurrences(of: "\n", with: " ")
                print("  \(snippet)\n")
            }
        }
    }
}
