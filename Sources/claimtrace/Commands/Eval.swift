import ArgumentParser
import ClaimTraceCore
import ClaimTracePipeline
import Foundation

extension ClaimTraceCommand {
    struct Eval: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Score extraction (quotes, speakers, attributions, hedges, dates, quantities, entities) and claim grouping against gold annotations.",
            discussion: """
                Reads each gold file (JSON, see docs/EVALUATION.md) with the corpus it annotates, runs the \
                pipeline on that corpus, and prints precision, recall and F1 per kind. A claims gold file \
                (one with a "claims" list) is scored for claim grouping (pairs of places told as one claim), \
                status and root sources. --misses lists every miss and every finding not in the gold set.
                """)

        @Option(name: .long, parsing: .upToNextOption,
                help: ArgumentHelp("Pairs of GOLD.json=CORPUS_DIR to score.", valueName: "GOLD=CORPUS"))
        var gold: [String] = ["Tests/Gold/example-corpus.json=examples/corpus", "Tests/Gold/shared-corpus.json=../shared/corpus",
                              "Tests/Gold/example-claims.json=examples/corpus", "Tests/Gold/shared-claims.json=../shared/corpus",
                              "Tests/Gold/heldout-aeb.json=../shared/bench/aeb-dev/html",
                              "Tests/Gold/heldout-aeb-2.json=../shared/bench/aeb-dev/html",
                              "Tests/Gold/heldout-aeb-3.json=../shared/bench/aeb-dev/html",
                              "Tests/Gold/heldout-aeb-4.json=../shared/bench/aeb-dev/html",
                              "Tests/Gold/heldout-aeb-5.json=../shared/bench/aeb-dev/html",
                              "Tests/Gold/heldout-aeb-6.json=../shared/bench/aeb-dev/html",
                              "Tests/Gold/heldout-aeb-7.json=../shared/bench/aeb-dev/html",
                              "Tests/Gold/heldout-aeb-8.json=../shared/bench/aeb-dev/html"]

        @Flag(name: .long, help: "List each miss and each finding that is not in the gold set.")
        var misses = false

        func run() throws {
            var scored = 0
            for pair in gold {
                let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2 else { throw ValidationError("--gold takes GOLD.json=CORPUS_DIR, got \(pair)") }
                let (goldPath, corpus) = (parts[0], parts[1])
                guard FileManager.default.fileExists(atPath: goldPath), FileManager.default.fileExists(atPath: corpus) else {
                    printError("skipping \(goldPath): \(FileManager.default.fileExists(atPath: goldPath) ? corpus : goldPath) not found")
                    continue
                }
                let data = try runAndReport { try Data(contentsOf: URL(fileURLWithPath: goldPath)) }
                var documents: [AnnotatedDocument] = []
                let log = ProblemLog()
                try Pipeline().documents(from: [corpus], problem: log.report) { documents.append($0) }
                if let claimsGold = try? JSONDecoder().decode(ClaimEvaluation.GoldFile.self, from: data) {
                    let report = ClaimEvaluation.evaluate(corpus: "\(goldPath) on \(corpus)", gold: claimsGold, documents: documents)
                    print(report.table)
                    if misses { for miss in report.misses { print("  \(miss)") } }
                    print("")
                    scored += 1
                    continue
                }
                let goldFile = try runAndReport { try JSONDecoder().decode(Evaluation.GoldFile.self, from: data) }
                let report = Evaluation.evaluate(corpus: "\(goldPath) on \(corpus)", gold: goldFile, documents: documents)
                print(report.table)
                if misses {
                    for miss in report.misses { print("  \(miss.kind) — \((miss.source as NSString).lastPathComponent): \(miss.detail)") }
                }
                print("")
                scored += 1
            }
            if scored == 0 { throw Failure.message("no gold file could be scored") }
        }
    }
}
