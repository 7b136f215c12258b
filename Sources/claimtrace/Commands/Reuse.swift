import ArgumentParser
import ClaimTraceCore
import ClaimTraceLink
import ClaimTracePipeline
import ClaimTraceStore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension ClaimTraceCommand {
    struct Reuse: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the passages documents share, side by side.",
            discussion: """
                Compares the article bodies of the database (reader comments and removed boilerplate \
                are never compared) and prints each shared passage with both documents, their offsets \
                and the words that differ: in bold on a terminal, between [ ] otherwise. The side \
                published first is on the left when both dates are known; "shared quotation" means \
                both sides quote the same speaker rather than one copying the other.
                """)

        @Argument(help: ArgumentHelp("Only passages of this document: its id or its source.", valueName: "DOC"))
        var document: String?

        @OptionGroup var database: DatabaseOptions

        @Option(name: .long, help: ArgumentHelp("Line width of the side-by-side view.", valueName: "COLUMNS"))
        var width: Int?

        func validate() throws {
            if let width, width < 40 { throw ValidationError("--width must be at least 40.") }
        }

        /// What the listing says about a document.
        struct Label {
            var id: DocumentID
            var source: String
            var outlet: String?
            var published: PublicationDate?
            var title: String?
        }

        func run() throws {
            var labels: [DocumentID: Label] = [:]
            var texts: [DocumentID: [Unicode.Scalar]] = [:]
            let passages = try runAndReport { () -> [ReusedPassage] in
                let store = try database.openExisting()
                // A database written before text reuse was stored is compared first.
                try Pipeline().updateReuse(store, progress: ProgressReporter())
                var wanted: DocumentID?
                var all = try store.reusePassages()
                let involved = Set(all.flatMap { [$0.a, $0.b] })
                try store.forEachDocument { d in
                    labels[d.id] = Label(id: d.id, source: d.source, outlet: d.outlet, published: d.published, title: d.title)
                    if let document, wanted == nil, d.id.rawValue == document || d.source == document { wanted = d.id }
                    if involved.contains(d.id) { texts[d.id] = [Unicode.Scalar](scalarsOf: d.text) }
                }
                if let document {
                    guard let wanted else { throw Failure.message("\(database.db): no document with the id or source \(document)") }
                    all = all.filter { $0.a == wanted || $0.b == wanted }
                }
                return all
            }
            if passages.isEmpty {
                printError(document == nil ? "no shared passages in \(database.db)" : "no passages shared with \(document!)")
                return
            }
            let terminal = isatty(1) == 1
            let columns = width ?? Int(ProcessInfo.processInfo.environment["COLUMNS"] ?? "") ?? 100
            let view = SideBySide(width: max(40, columns), bold: terminal)
            for passage in passages {
                let a = labels[passage.a]!, b = labels[passage.b]!
                let kind = passage.kind == .sharedQuotation ? "shared quotation" : "copy"
                let origin = passage.origin.map { "origin \(labels[$0].map(Self.name) ?? $0.rawValue)" } ?? "origin unknown"
                print("\(kind), \(Int((passage.similarity * 100).rounded()))% alike, \(origin)")
                let (left, right) = PassageDiff.compare(slice(texts[passage.a] ?? [], passage.aSpan), slice(texts[passage.b] ?? [], passage.bSpan))
                view.print(left: ["\(Self.name(a))", "\(a.id) \(passage.aSpan.start)–\(passage.aSpan.end)"],
                           right: ["\(Self.name(b))", "\(b.id) \(passage.bSpan.start)–\(passage.bSpan.end)"],
                           leftText: left, rightText: right)
                print()
            }
            print("\(passages.count) shared passage\(passages.count == 1 ? "" : "s")")
        }

        static func name(_ label: Label) -> String {
            let who = label.outlet ?? label.title ?? label.source
            return label.published.map { "\(who), \($0)" } ?? "\(who), undated"
        }
    }
}

/// Two texts in two columns, changed words marked.
struct SideBySide {
    var width: Int
    var bold: Bool

    func print(left: [String], right: [String], leftText: [PassageDiff.Piece], rightText: [PassageDiff.Piece]) {
        let column = (width - 3) / 2
        let l = left.flatMap { wrap([PassageDiff.Piece(text: $0, changed: false)], column) } + [""] + wrap(leftText, column)
        let r = right.flatMap { wrap([PassageDiff.Piece(text: $0, changed: false)], column) } + [""] + wrap(rightText, column)
        for n in 0..<max(l.count, r.count) {
            let a = n < l.count ? l[n] : "", b = n < r.count ? r[n] : ""
            Swift.print(a + String(repeating: " ", count: max(0, column - visibleLength(a))) + " │ " + b)
        }
    }

    /// Lines of at most `column` visible characters; changed words marked, a run of them between
    /// one pair of brackets when not in bold.
    func wrap(_ pieces: [PassageDiff.Piece], _ column: Int) -> [String] {
        var words: [(text: String, changed: Bool)] = []
        var current = "", changed = false
        for piece in pieces {
            for character in piece.text {
                if character.isWhitespace {
                    if !current.isEmpty { words.append((current, changed)) }
                    current = ""; changed = false
                } else {
                    current.append(character)
                    if piece.changed && (character.isLetter || character.isNumber) { changed = true }
                }
            }
        }
        if !current.isEmpty { words.append((current, changed)) }
        var lines: [String] = []
        var line = "", visible = 0
        for (n, word) in words.enumerated() {
            var shown = word.text
            var length = shown.count
            if word.changed && bold {
                shown = "\u{1B}[1m\(shown)\u{1B}[0m"
            } else if word.changed {
                if n == 0 || !words[n - 1].changed { shown = "[" + shown; length += 1 }
                if n == words.count - 1 || !words[n + 1].changed { shown += "]"; length += 1 }
            }
            if visible > 0 && visible + 1 + length > column {
                lines.append(line)
                line = ""; visible = 0
            }
            if visible > 0 { line += " "; visible += 1 }
            line += shown
            visible += length
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }

    func visibleLength(_ s: String) -> Int {
        bold ? s.replacingOccurrences(of: "\u{1B}[1m", with: "").replacingOccurrences(of: "\u{1B}[0m", with: "").count : s.count
    }
}
