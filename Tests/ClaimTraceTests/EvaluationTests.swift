import ClaimTraceCore
import ClaimTracePipeline
import Foundation
import Testing

/// Extraction quality against the gold annotations in Tests/Gold. The floors are the levels
/// reached so far: a change that lowers any of them fails here. Raise them as scores improve.
@Suite("Extraction quality")
struct EvaluationTests {
    private func report(gold: String, corpus: String) throws -> Evaluation.Report {
        let goldFile = try JSONDecoder().decode(Evaluation.GoldFile.self, from: Data(contentsOf: URL(fileURLWithPath: Paths.root + "/Tests/Gold/" + gold)))
        var documents: [AnnotatedDocument] = []
        try Pipeline().documents(from: [corpus], problem: { Issue.record("\($0)") }) { documents.append($0) }
        return Evaluation.evaluate(corpus: corpus, gold: goldFile, documents: documents)
    }

    private func expectFloors(_ report: Evaluation.Report, _ floors: [String: Double]) {
        for (name, floor) in floors {
            guard let score = report.score(name) else { Issue.record("no score \(name)"); continue }
            #expect(score.f1 >= floor, "\(name): F1 \(score.f1) fell below \(floor)\n\(report.table)")
        }
    }

    @Test("Example corpus")
    func exampleCorpus() throws {
        let r = try report(gold: "example-corpus.json", corpus: Paths.examples)
        expectFloors(r, ["quote spans": 0.99, "quote speakers": 0.92, "block quotes": 0.99,
                         "attributions (sentence + source)": 0.77, "hedges": 0.82])
    }

    @Test("Real articles", .enabled(if: Paths.sharedCorpus != nil, "../shared/corpus is not present"))
    func realArticles() throws {
        let r = try report(gold: "shared-corpus.json", corpus: try #require(Paths.sharedCorpus))
        expectFloors(r, ["quote spans": 0.99, "quote speakers": 0.66, "scare and title quotes": 0.56,
                         "block quotes": 0.77, "attributions (sentence + source)": 0.56, "hedges": 0.52])
    }
}
