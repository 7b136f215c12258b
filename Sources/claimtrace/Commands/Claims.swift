import ArgumentParser
import ClaimTraceCore
import ClaimTraceLink
import ClaimTracePipeline
import ClaimTraceStore
import Foundation

extension ClaimStatus: ExpressibleByArgument {}

extension ClaimTraceCommand {
    struct Claims: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the claims of a database with their independent sources.",
            discussion: """
                A claim is a checkable statement (an event, a number, a quotation, a fact about \
                someone named) with every place the corpus tells it, in other words or copied. Each \
                is listed with its status: corroborated (two or more independent sources), \
                single-source (one, however many outlets repeat it), unattributed (no source \
                anywhere) or circular (outlets that only cite each other). Most widely told first; \
                `claimtrace trace ID` shows where the counts come from.
                """)

        @OptionGroup var database: DatabaseOptions

        @Option(name: .long, help: ArgumentHelp("Only claims with this status: \(ClaimStatus.allCases.map(\.rawValue).joined(separator: ", ")).",
                                                valueName: "STATUS"))
        var status: ClaimStatus?

        @Option(name: .long, help: ArgumentHelp("Only claims whose mentions name this entity (any of its aliases).", valueName: "NAME"))
        var entity: String?

        @Flag(name: .long, help: "Also list claims told in one document only.")
        var all = false

        func run() throws {
            let corpus = try runAndReport { () -> CorpusClaims in
                let store = try database.openExisting()
                try Pipeline().updateReuse(store, progress: ProgressReporter())
                return try CorpusClaims(store)
            }
            var claims = corpus.claims
            if let status { claims = claims.filter { $0.status == status } }
            if let entity {
                guard let found = corpus.entity(named: entity) else {
                    throw Failure.message("\(database.db): no entity named \(entity)")
                }
                claims = claims.filter { corpus.claim($0, mentions: found) }
            }
            let shown = all ? claims : claims.filter { Set($0.mentions.map(\.document)).count > 1 }
            for claim in shown {
                let documents = Set(claim.mentions.map(\.document)).count
                let sources = claim.independentSources
                print("\(claim.id)  \(claim.status.rawValue)  \(sources) independent source\(sources == 1 ? "" : "s")"
                      + "  \(documents) document\(documents == 1 ? "" : "s")  \(claim.mentions.count) mention\(claim.mentions.count == 1 ? "" : "s")")
                print("  \(Trace.oneLine(claim.text, limit: 160))")
                if !claim.roots.isEmpty { print("  sources: " + claim.roots.map(Trace.describe).joined(separator: "; ")) }
                if !claim.conflicts.isEmpty { print("  conflicting credits: " + claim.conflicts.map { Set($0.credits.map(\.source)).sorted().joined(separator: " / ") }.joined(separator: "; ")) }
            }
            let hidden = claims.count - shown.count
            print("\(shown.count) claim\(shown.count == 1 ? "" : "s")" + (hidden > 0 ? " (\(hidden) told in one document only: --all lists them)" : ""))
        }
    }

    struct Trace: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the provenance tree of one claim.",
            discussion: """
                Each root source is printed with every step that leads to it: which outlet told the \
                claim, in which document and at which offsets, the words themselves, and how the \
                words credit what they name (quoting, attributing, citing an outlet, copying). Outlets \
                that only credit each other, and mentions that credit nothing, are listed after.
                """)

        @Argument(help: ArgumentHelp("The claim's id, as `claimtrace claims` lists it (a unique prefix will do).", valueName: "CLAIM"))
        var claim: String

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let claims = try runAndReport { () -> [Claim] in
                let store = try database.openExisting()
                try Pipeline().updateReuse(store, progress: ProgressReporter())
                return try CorpusClaims(store).claims
            }
            let matches = claims.filter { $0.id.hasPrefix(claim) }
            guard matches.count == 1, let found = matches.first else {
                throw Failure.message(matches.isEmpty ? "\(database.db): no claim \(claim)" : "\(database.db): \(claim) matches \(matches.count) claims; give more of the id")
            }
            print(Self.tree(found), terminator: "")
        }

        static func tree(_ claim: Claim) -> String {
            var out = "\(claim.id)  \(claim.status.rawValue)\n\(oneLine(claim.text, limit: 400))\n\n"
            let n = claim.independentSources
            out += "\(n) independent source\(n == 1 ? "" : "s")" + (claim.roots.isEmpty ? "" : ": " + claim.roots.map(describe).joined(separator: "; ")) + "\n"
            let documents = Set(claim.mentions.map(\.document)).count
            out += "\(claim.mentions.count) mention\(claim.mentions.count == 1 ? "" : "s") in \(documents) document\(documents == 1 ? "" : "s")\n"
            for root in claim.roots {
                out += "\n● \(describe(root))\n"
                let into = claim.steps.filter { $0.to == root.name && ($0.toRoot || root.kind == .cited) }
                out += branch(into, claim: claim, indent: "", seen: [root.name])
            }
            for cycle in claim.cycles {
                out += "\n↻ circular: " + (cycle + [cycle[0]]).joined(separator: " → ") + "\n"
                let inCycle = claim.steps.filter { cycle.contains($0.from) && cycle.contains($0.to) }
                out += branch(inCycle, claim: claim, indent: "", seen: Set(cycle), recurse: false)
            }
            let stepping = Set(claim.steps.map { StepKey(document: $0.document, span: $0.span) })
            let bare = claim.mentions.filter { !stepping.contains(StepKey(document: $0.document, span: $0.span)) }
            if !bare.isEmpty {
                out += "\n○ crediting no source" + "\n"
                for m in bare {
                    let unresolved = m.credits.filter { $0.kind == .unresolved || $0.kind == .linked }.map(\.source)
                    let why = !unresolved.isEmpty ? "credits \(unresolved.joined(separator: ", ")), not tied to a named source"
                        : m.hedged ? "hedged, no source named"
                        : m.copiedFrom != nil ? "copied from an outlet of its own document" : "no source named; not the first to tell it, or no outlet given"
                    out += "  └─ \(why)  [\(m.document.rawValue) \(m.span.start)–\(m.span.end)]\n     \"\(oneLine(m.text, limit: 300))\"\n"
                }
            }
            for conflict in claim.conflicts {
                out += "\n⚠ the same words credited to different sources: \"\(oneLine(conflict.text, limit: 200))\"\n"
                for credit in conflict.credits {
                    out += "  └─ \(credit.source)  [\(credit.document.rawValue) \(credit.span.start)–\(credit.span.end)]\n"
                }
            }
            return out
        }

        struct StepKey: Hashable { var document: DocumentID; var span: TextSpan }

        /// The steps into one node, each followed by the steps into the outlet it starts from. A
        /// mention's steps to the same place are one line ("copied it, attributes it"), and an outlet
        /// already expanded is not expanded again.
        static func branch(_ steps: [ProvenanceStep], claim: Claim, indent: String, seen: Set<String>, recurse: Bool = true) -> String {
            var expanded = seen
            return branch(steps, claim: claim, indent: indent, expanded: &expanded, recurse: recurse)
        }

        private static func branch(_ steps: [ProvenanceStep], claim: Claim, indent: String, expanded: inout Set<String>, recurse: Bool) -> String {
            struct Line { var step: ProvenanceStep; var kinds: [CreditKind] }
            var lines: [Line] = []
            for step in steps {
                if let n = lines.firstIndex(where: { $0.step.document == step.document && $0.step.span == step.span && $0.step.from == step.from }) {
                    if !lines[n].kinds.contains(step.kind) { lines[n].kinds.append(step.kind) }
                } else {
                    lines.append(Line(step: step, kinds: [step.kind]))
                }
            }
            var out = ""
            for (n, line) in lines.enumerated() {
                let step = line.step
                let last = n == lines.count - 1
                out += indent + (last ? "└─ " : "├─ ") + "\(step.from) \(line.kinds.map(verb).joined(separator: ", "))"
                    + "  [\(step.document.rawValue) \(step.span.start)–\(step.span.end)]\n"
                let childIndent = indent + (last ? "   " : "│  ")
                out += childIndent + "\"\(oneLine(step.text, limit: 300))\"\n"
                guard recurse else { continue }
                let into = claim.steps.filter { !$0.toRoot && $0.to == step.from }
                guard !into.isEmpty else { continue }
                if expanded.contains(step.from) {
                    out += childIndent + "└─ (what reaches \(step.from) is shown above)\n"
                    continue
                }
                expanded.insert(step.from)
                out += branch(into, claim: claim, indent: childIndent, expanded: &expanded, recurse: true)
            }
            return out
        }

        static func verb(_ kind: CreditKind) -> String {
            switch kind {
            case .quoted: return "quotes it"
            case .attributed: return "attributes it"
            case .cited: return "cites it"
            case .linked: return "links to it"
            case .copied: return "copied it"
            case .ownReporting: return "reports it on its own authority"
            case .anonymous: return "credits an anonymous source"
            case .unnamed: return "credits an unnamed source"
            case .unresolved: return "credits a source it does not name"
            }
        }

        static func describe(_ root: RootSource) -> String {
            switch root.kind {
            case .ownReporting: return "\(root.name) (own reporting)"
            case .cited: return "\(root.name) (cited outlet)"
            default: return root.name
            }
        }

        static func oneLine(_ text: String, limit: Int) -> String {
            let flat = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            return flat.count <= limit ? flat : String(flat.prefix(limit - 1)) + "…"
        }
    }
}
