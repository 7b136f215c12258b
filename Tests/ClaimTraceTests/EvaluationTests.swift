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

    /// The scoring itself, on two made-up documents: values must match, types must match, and
    /// alias pairs count within and across documents.
    @Test("Dates, quantities, entities and alias pairs are scored as documented")
    func scoringRules() throws {
        func span(_ text: String, _ words: String) -> TextSpan {
            let scalars = Array(text.unicodeScalars), target = Array(words.unicodeScalars)
            let start = (0...(scalars.count - target.count)).first { Array(scalars[$0..<$0 + target.count]) == target }!
            return TextSpan(start: start, end: start + target.count)
        }
        func mention(_ text: String, _ words: String, _ type: EntityType, _ name: String) -> EntityMention {
            EntityMention(span: span(text, words), text: words, type: type, name: name)
        }
        func document(_ id: String, _ text: String) -> Document {
            Document(id: DocumentID(rawValue: id), source: id + ".txt", format: .text, text: text, contentHash: id)
        }
        func hash(_ text: String) -> String { String(ContentHash.sha256Hex(text).prefix(16)) }
        let a = "The Lower Danube Waterways Authority (LDWA) said on Monday that 12 barges waited. Ruse was calm."
        let b = "The Waterways Board met in Russe on 2 March."
        let documents = [
            AnnotatedDocument(document: document("a", a),
                              annotations: Annotations(dates: [DateMention(span: span(a, "Monday"), value: "2026-03-16", relative: true)],
                                                       quantities: [Quantity(span: span(a, "12 barges"), value: 12, unit: "barges", comparator: nil)]),
                              entities: [mention(a, "Lower Danube Waterways Authority", .organization, "Lower Danube Waterways Authority"),
                                         mention(a, "LDWA", .organization, "Lower Danube Waterways Authority"),
                                         mention(a, "Ruse", .place, "Ruse")]),
            AnnotatedDocument(document: document("b", b),
                              annotations: Annotations(dates: [DateMention(span: span(b, "2 March"), value: "2025-03-02", relative: true)]),
                              entities: [mention(b, "Waterways Board", .organization, "Waterways Board"),
                                         mention(b, "Russe", .place, "Russe")]),
        ]
        let gold = """
            { "version": 1, "documents": [
              { "source": "a.txt", "quotes": [], "attributions": [],
                "dates": [ { "paragraph": "\(hash(a))", "start": \(span(a, "Monday").start), "end": \(span(a, "Monday").end), "value": "2026-03-16" } ],
                "quantities": [ { "paragraph": "\(hash(a))", "start": \(span(a, "12 barges").start), "end": \(span(a, "12 barges").end), "value": 12 } ],
                "entities": [ { "name": "Lower Danube Waterways Authority", "type": "organization", "aliases": ["Lower Danube Waterways Authority", "LDWA"] },
                              { "name": "Ruse", "type": "place", "aliases": ["Ruse"] } ] },
              { "source": "b.txt", "quotes": [], "attributions": [],
                "dates": [ { "paragraph": "\(hash(b))", "start": \(span(b, "2 March").start), "end": \(span(b, "2 March").end), "value": "2026-03-02" } ],
                "entities": [ { "name": "Lower Danube Waterways Authority", "type": "organization", "aliases": ["Waterways Board"] },
                              { "name": "Ruse", "type": "place", "aliases": ["Russe"] } ] } ] }
            """
        let goldFile = try JSONDecoder().decode(Evaluation.GoldFile.self, from: Data(gold.utf8))
        let r = Evaluation.evaluate(corpus: "made up", gold: goldFile, documents: documents)
        func counts(_ name: String) -> [Int] { r.score(name).map { [$0.gold, $0.predicted, $0.truePositives] } ?? [] }
        #expect(counts("dates (span + value)") == [2, 2, 1])
        #expect(counts("quantities (span + value)") == [1, 1, 1])
        #expect(counts("entities (name + type)") == [4, 4, 4])
        // Gold pairs: three within the authority's forms, one for Ruse/Russe; the extractor joins
        // LDWA to the full name and Russe to Ruse, and leaves "Waterways Board" apart.
        #expect(counts("alias resolution") == [4, 2, 2])
        #expect(r.misses.contains { $0.kind == "wrong date value" })
        #expect(r.misses.filter { $0.kind == "alias pair missed" }.count == 2)
    }

    @Test("Example corpus")
    func exampleCorpus() throws {
        let r = try report(gold: "example-corpus.json", corpus: Paths.examples)
        expectFloors(r, ["quote spans": 0.99, "quote speakers": 0.975, "block quotes": 0.99,
                         "attributions (sentence + source)": 0.92, "hedges": 0.87,
                         "dates (span + value)": 0.89, "quantities (span + value)": 0.93,
                         "entities (name + type)": 0.82, "alias resolution": 0.94])
    }

    @Test("Real articles", .enabled(if: Paths.sharedCorpus != nil, "../shared/corpus is not present"))
    func realArticles() throws {
        let r = try report(gold: "shared-corpus.json", corpus: try #require(Paths.sharedCorpus))
        expectFloors(r, ["quote spans": 0.99, "quote speakers": 0.90, "scare and title quotes": 0.87,
                         "block quotes": 0.89, "attributions (sentence + source)": 0.91, "hedges": 0.66,
                         "dates (span + value)": 0.82, "quantities (span + value)": 0.90,
                         "entities (name + type)": 0.83, "alias resolution": 0.82])
    }

    /// A held-out gold set over the benchmark pages and the floors its scores must keep.
    struct HeldOutSet: Sendable, CustomTestStringConvertible {
        var gold: String
        var floors: [String: Double]
        var testDescription: String { gold }
    }

    /// Eight sets of news pages of the article-extraction benchmark (five of five pages, one of
    /// eight, one of nine, one of ten), each annotated blind to the extractor's output and scored once before anyone read
    /// its misses (docs/EVALUATION.md keeps those blind scores). All have since been used to
    /// improve the rules (the eighth for one round only, so it stands lowest), so the
    /// floors only guard against regressions; they sit just below the current levels. The gold has
    /// no dates, quantities or entities, and only the second set has block quotes.
    static let heldOutSets = [
        HeldOutSet(gold: "heldout-aeb.json", floors: ["quote spans": 0.99, "quote speakers": 0.94, "scare and title quotes": 0.58,
                                                      "attributions (sentence + source)": 0.90, "hedges": 0.98]),
        HeldOutSet(gold: "heldout-aeb-2.json", floors: ["quote spans": 0.98, "quote speakers": 0.90, "scare and title quotes": 0.39,
                                                        "block quotes": 0.85, "attributions (sentence + source)": 0.91, "hedges": 0.73]),
        HeldOutSet(gold: "heldout-aeb-3.json", floors: ["quote spans": 0.99, "quote speakers": 0.94, "scare and title quotes": 0.79,
                                                        "attributions (sentence + source)": 0.93, "hedges": 0.75]),
        HeldOutSet(gold: "heldout-aeb-4.json", floors: ["quote spans": 0.99, "quote speakers": 0.97, "scare and title quotes": 0.99,
                                                        "attributions (sentence + source)": 0.90, "hedges": 0.86]),
        HeldOutSet(gold: "heldout-aeb-5.json", floors: ["quote spans": 0.98, "quote speakers": 0.90, "scare and title quotes": 0.66,
                                                        "attributions (sentence + source)": 0.91, "hedges": 0.65]),
        HeldOutSet(gold: "heldout-aeb-6.json", floors: ["quote spans": 0.99, "quote speakers": 0.91, "scare and title quotes": 0.79,
                                                        "attributions (sentence + source)": 0.90, "hedges": 0.77]),
        HeldOutSet(gold: "heldout-aeb-7.json", floors: ["quote spans": 0.99, "quote speakers": 0.96, "scare and title quotes": 0.85,
                                                        "attributions (sentence + source)": 0.91, "hedges": 0.73]),
        HeldOutSet(gold: "heldout-aeb-8.json", floors: ["quote spans": 0.97, "quote speakers": 0.58, "scare and title quotes": 0.81,
                                                        "attributions (sentence + source)": 0.79, "hedges": 0.82]),
    ]

    @Test("Held-out benchmark pages", .enabled(if: Paths.heldOutCorpus != nil, "../shared/bench/aeb-dev/html is not present"),
          arguments: heldOutSets)
    func heldOutPages(_ set: HeldOutSet) throws {
        expectFloors(try report(gold: set.gold, corpus: try #require(Paths.heldOutCorpus)), set.floors)
    }
}

extension Paths {
    /// The development pages of the article-extraction benchmark beside the checkout, or nil.
    static let heldOutCorpus: String? = {
        let path = root + "/../shared/bench/aeb-dev/html"
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }()
}
