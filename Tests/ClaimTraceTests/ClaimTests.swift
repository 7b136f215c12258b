import ClaimTraceCore
import ClaimTraceExtract
import ClaimTraceLink
import ClaimTracePipeline
import Foundation
import Testing

@Suite("Claims and their sources")
struct ClaimTests {
    static let extractor = Extractor(reference: ReferenceLoader.bundled)

    /// A fictional article, annotated by the real extractor.
    static func article(_ id: String, outlet: String?, published: String?, _ text: String, url: String? = nil) -> AnnotatedDocument {
        let date = published.flatMap { p -> PublicationDate? in
            let parts = p.split(separator: "-").compactMap { Int($0) }
            return PublicationDate(year: parts[0], month: parts[1], day: parts[2])
        }
        let document = Document(id: DocumentID(id), source: id, format: .text, url: url, published: date, outlet: outlet, text: text, contentHash: id)
        let (annotations, entities) = extractor.annotateWithEntities(document)
        return AnnotatedDocument(document: document, annotations: annotations, entities: entities)
    }

    static func claims(_ documents: [AnnotatedDocument]) -> [Claim] {
        var reuse = ReuseFinder()
        var finder = ClaimFinder()
        var index = EntityIndex()
        for d in documents { reuse.add(d); finder.add(d); index.add(d) }
        return finder.claims(reuse: reuse.passages, entities: EntityLookup(index.entities()))
    }

    static func claim(_ claims: [Claim], in document: String, containing words: String) -> Claim? {
        claims.first { $0.mentions.contains { $0.document.rawValue == document && $0.text.contains(words) } }
    }

    @Test("a wire report copied and re-credited by other outlets has one source, however many repeat it")
    func singleSource() throws {
        let wire = Self.article("wire", outlet: "Harbour Wire", published: "2031-05-02", """
            The ferry Northern Lark ran aground on a sandbank off Kessel Point late on Thursday with 212 passengers on board, \
            the Kessel Port Authority said. No one was hurt.
            """)
        let copy = Self.article("paper", outlet: "Kessel Evening Post", published: "2031-05-03", """
            The ferry Northern Lark ran aground on a sandbank off Kessel Point late on Thursday with 212 passengers aboard, \
            the Kessel Port Authority said, according to Harbour Wire. Tugs were sent from the town.
            """)
        let restated = Self.article("blog", outlet: "Coastline Notes", published: "2031-05-04", """
            A sandbank off Kessel Point stopped the Northern Lark on Thursday night, with 212 passengers still on board.
            """)
        let found = Self.claims([wire, copy, restated])
        let claim = try #require(Self.claim(found, in: "wire", containing: "ran aground"))
        #expect(Set(claim.mentions.map(\.document.rawValue)) == ["wire", "paper", "blog"])
        #expect(claim.status == .singleSource)
        #expect(claim.roots.map(\.name) == ["Kessel Port Authority"])
        // The earliest mention is the canonical text.
        #expect(claim.text.hasPrefix("The ferry Northern Lark ran aground") && claim.mentions[0].document.rawValue == "wire")
        // The copy steps to the wire; a later outlet crediting no one adds no source of its own.
        #expect(claim.steps.contains { $0.from == "Kessel Evening Post" && $0.to == "Harbour Wire" && !$0.toRoot })
        #expect(!claim.roots.contains { $0.name == "Coastline Notes" })
    }

    @Test("two outlets naming different people for the same event are two independent sources")
    func corroborated() throws {
        let a = Self.article("a", outlet: "Harbour Wire", published: "2031-05-02", """
            Police closed the Kessel bridge for 14 hours on Friday after a lorry struck its railing, Inspector Dana Wolk said.
            """)
        let b = Self.article("b", outlet: "Kessel Evening Post", published: "2031-05-02", """
            The Kessel bridge was closed for 14 hours on Friday after a lorry struck the railing, according to mayor Ivo Brandt.
            """)
        let claim = try #require(Self.claim(Self.claims([a, b]), in: "a", containing: "bridge"))
        #expect(claim.mentions.count == 2)
        #expect(claim.status == .corroborated && claim.independentSources == 2)
        #expect(Set(claim.roots.map(\.name)) == ["Dana Wolk", "Ivo Brandt"])
    }

    @Test("a claim nobody stands behind is unattributed, and outlets citing each other are circular")
    func unattributedAndCircular() throws {
        let rumour = Self.article("rumour", outlet: nil, published: nil, """
            The Northern Lark was fined in Kessel last winter for a broken radar.
            """)
        let echo = Self.article("echo", outlet: "Coastline Notes", published: "2031-05-04", """
            The Northern Lark was reportedly fined in Kessel last winter over a broken radar.
            """)
        let found = Self.claims([rumour, echo])
        let fined = try #require(Self.claim(found, in: "rumour", containing: "fined"))
        #expect(fined.mentions.count == 2)
        #expect(fined.status == .unattributed && fined.roots.isEmpty)

        let first = Self.article("first", outlet: "Coastline Notes", published: "2031-05-05", """
            The Northern Lark's captain had been warned twice about the sandbank off Kessel Point, according to the Kessel Evening Post.
            """)
        let second = Self.article("second", outlet: "Kessel Evening Post", published: "2031-05-06", """
            Coastline Notes confirmed that the Northern Lark's captain had been warned twice about the sandbank off Kessel Point.
            """)
        let circle = try #require(Self.claim(Self.claims([first, second]), in: "first", containing: "warned twice"))
        #expect(circle.mentions.count == 2)
        #expect(circle.status == .circular)
        #expect(circle.cycles == [["Coastline Notes", "Kessel Evening Post"]])
    }

    @Test("the same quoted words credited to two people are a conflict, and count once")
    func conflictingCredits() throws {
        let a = Self.article("a", outlet: "Harbour Wire", published: "2031-05-02", """
            “We have never seen the harbour this empty in forty years of fishing,” said Mara Lind, a trawler owner.
            """)
        let b = Self.article("b", outlet: "Kessel Evening Post", published: "2031-05-03", """
            “We have never seen the harbour this empty in forty years of fishing,” said harbour master Otto Grell.
            """)
        let claim = try #require(Self.claim(Self.claims([a, b]), in: "a", containing: "forty years"))
        #expect(claim.conflicts.count == 1)
        #expect(Set(claim.conflicts[0].credits.map(\.source)) == ["Mara Lind", "Otto Grell"])
        #expect(claim.independentSources == 1 && claim.status == .singleSource)
    }

    @Test("the example corpus: circular, unattributed, conflicting and copied claims, traced to their words")
    func exampleCorpus() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let db = dir.path + "/db.sqlite"
        let result = try runClaimTrace(["analyze", Paths.examples, "--db", db, "--json", dir.path + "/out.json"])
        try #require(result.status == 0, "\(result.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir.path + "/out.json"))) as! [String: Any]
        let documents = json["documents"] as! [[String: Any]]
        let outlet = Dictionary(uniqueKeysWithValues: documents.map { ($0["id"] as! String, ($0["outlet"] as? String) ?? "blog") })
        let texts = Dictionary(uniqueKeysWithValues: documents.map { ($0["id"] as! String, [Unicode.Scalar](($0["text"] as! String).unicodeScalars)) })
        let claims = json["claims"] as! [[String: Any]]
        #expect(claims.count > 50)
        // Every mention's and every credit's offsets give back its words.
        for claim in claims {
            for mention in claim["mentions"] as! [[String: Any]] {
                let scalars = texts[mention["document"] as! String]!
                let words = String(String.UnicodeScalarView(scalars[(mention["start"] as! Int)..<(mention["end"] as! Int)]))
                #expect(words == mention["text"] as! String)
            }
            #expect((claim["independent_sources"] as! Int) == (claim["sources"] as! [String]).count)
        }
        func find(_ words: String) -> [String: Any]? {
            claims.first { ($0["mentions"] as! [[String: Any]]).contains { ($0["text"] as! String).contains(words) } }
        }
        func outlets(_ claim: [String: Any]) -> Set<String> { Set((claim["mentions"] as! [[String: Any]]).map { outlet[$0["document"] as! String]! }) }

        let patched = try #require(find("had been patched in January, and the repair was never signed off"))
        #expect(outlets(patched).isSuperset(of: ["Open Current", "Danube Notes", "Black Sea Ledger", "Lower Danube Courier"]))
        #expect(patched["status"] as? String == "circular" && patched["sources"] as? [String] == ["anonymous sources"])
        #expect(patched["circular"] as? [[String]] == [["Black Sea Ledger", "Danube Notes"]])

        let vidin = try #require(find("detained in Vidin last June"))
        #expect(outlets(vidin).isSuperset(of: ["blog", "Black Sea Ledger", "Danube Notes"]))
        #expect(vidin["status"] as? String == "unattributed")

        let worst = try #require(find("worst thing I have seen"))
        let conflict = try #require((worst["conflicts"] as! [[String: Any]]).first)
        #expect(Set((conflict["credits"] as! [[String: Any]]).map { $0["source"] as! String }) == ["Stoyan Marinov", "Milena Todorinova"])

        let cargo = try #require(find("pushed by the tug Vega 3, was carrying about 1,400 tonnes"))
        #expect(cargo["status"] as? String == "single-source" && cargo["sources"] as? [String] == ["Eastgate Wire"])
        #expect((cargo["mentions"] as! [[String: Any]]).contains { $0["copied_from"] as? String != nil })

        let listing = try runClaimTrace(["claims", "--db", db, "--status", "circular"])
        #expect(listing.status == 0)
        #expect(listing.stdout.contains(patched["id"] as! String) && !listing.stdout.contains(cargo["id"] as! String))
        let byEntity = try runClaimTrace(["claims", "--db", db, "--entity", "Vidin"])
        #expect(byEntity.stdout.contains(vidin["id"] as! String) && !byEntity.stdout.contains(cargo["id"] as! String))
        let trace = try runClaimTrace(["trace", String((patched["id"] as! String).prefix(8)), "--db", db])
        #expect(trace.status == 0)
        #expect(trace.stdout.contains("1 independent source: anonymous sources"))
        #expect(trace.stdout.contains("↻ circular: Black Sea Ledger → Danube Notes → Black Sea Ledger"))
        #expect(trace.stdout.contains("according to people familiar with the vessel"))
        let missing = try runClaimTrace(["trace", "Cnothing", "--db", db])
        #expect(missing.status != 0 && missing.stderr.contains("no claim Cnothing"))
    }

    @Test("claim grouping on the example corpus's gold clusters")
    func exampleGold() throws {
        let gold = try JSONDecoder().decode(ClaimEvaluation.GoldFile.self,
                                            from: Data(contentsOf: URL(fileURLWithPath: Paths.root + "/Tests/Gold/example-claims.json")))
        var documents: [AnnotatedDocument] = []
        try Pipeline().documents(from: [Paths.examples], problem: { Issue.record("\($0)") }) { documents.append($0) }
        let report = ClaimEvaluation.evaluate(corpus: "examples", gold: gold, documents: documents)
        #expect(report.precision >= 0.9 && report.recall >= 0.9, "\(report.table)\n\(report.misses.joined(separator: "\n"))")
        #expect(report.statusRight == report.statusGold && report.sourcesRight == report.sourcesGold, "\(report.misses.joined(separator: "\n"))")
    }

    @Test("the shared corpus: the Raqqa convoy deal is one claim across all three articles, crediting the broadcaster",
          .enabled(if: Paths.sharedCorpus != nil, "../shared/corpus is not present"))
    func sharedCorpus() throws {
        let corpus = try #require(Paths.sharedCorpus)
        var documents: [AnnotatedDocument] = []
        try Pipeline().documents(from: [corpus], problem: { Issue.record("\($0)") }) { documents.append($0) }
        let claims = Self.claims(documents)
        let deal = try #require(claims.first { claim in claim.roots.contains { $0.name == "BBC" } && Set(claim.mentions.map(\.document)).count == 3 })
        #expect(deal.mentions.allSatisfy { $0.text.contains("BBC") })
        let gold = try JSONDecoder().decode(ClaimEvaluation.GoldFile.self,
                                            from: Data(contentsOf: URL(fileURLWithPath: Paths.root + "/Tests/Gold/shared-claims.json")))
        let report = ClaimEvaluation.evaluate(corpus: corpus, gold: gold, documents: documents)
        #expect(report.precision >= 0.9 && report.recall >= 0.9, "\(report.table)\n\(report.misses.joined(separator: "\n"))")
    }
}
