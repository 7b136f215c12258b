import ClaimTraceCore
import ClaimTraceExtract
import ClaimTraceLink
import ClaimTracePipeline
import Foundation
import Testing

@Suite("Entities")
struct EntityTests {
    private func entities(_ texts: [String]) -> [CorpusEntity] {
        let extractor = Extractor(reference: ReferenceLoader.bundled)
        var index = EntityIndex()
        for (n, text) in texts.enumerated() {
            let document = Document(id: DocumentID("d\(n)"), source: "d\(n)", format: .text, text: text, contentHash: "h\(n)")
            let (annotations, mentions) = extractor.annotateWithEntities(document)
            index.add(AnnotatedDocument(document: document, annotations: annotations, entities: mentions))
        }
        return index.entities()
    }

    @Test("A name reads the same whatever the extractor read before: shared readings change no output")
    func readingsDoNotDependOnOrder() throws {
        var cleanOnly = Pipeline()
        cleanOnly.annotates = false
        var documents: [Document] = []
        try cleanOnly.documents(from: [Paths.examples], problem: { _ in }) { documents.append($0.document) }
        // The document's own outlet and acronyms change how a name reads there, and only there.
        documents.append(Document(id: DocumentID("own"), source: "own", format: .text, outlet: "Ruse Ledger",
                                  text: "The Ruse Ledger reported the closure. Ledger editors said the Waterways Office (WO) agreed.",
                                  contentHash: "own"))
        documents.append(Document(id: DocumentID("other"), source: "other", format: .text,
                                  text: "Ruse Ledger staff said the WO and the Ledger disagreed.", contentHash: "other"))
        #expect(documents.count > 5)
        func read(_ documents: [Document], with extractor: Extractor) -> [DocumentID: [EntityMention]] {
            Dictionary(uniqueKeysWithValues: documents.map { ($0.id, extractor.annotateWithEntities($0).entities) })
        }
        let alone = Dictionary(uniqueKeysWithValues: documents.map {
            ($0.id, Extractor(reference: ReferenceLoader.bundled).annotateWithEntities($0).entities)
        })
        #expect(read(documents, with: Extractor(reference: ReferenceLoader.bundled)) == alone)
        #expect(read(documents.reversed(), with: Extractor(reference: ReferenceLoader.bundled)) == alone)
        #expect(alone[DocumentID("own")]?.contains { $0.text == "Ruse Ledger" && $0.type == .outlet } == true)
    }

    @Test("Transliterations of one place are one entity, with coordinates and country")
    func transliteratedPlace() throws {
        let found = entities([
            "Fighting resumed near Deir ez-Zor on Monday.",
            "Convoys left Deir Ezzor at dawn, witnesses said.",
            "The road to Deir al-Zor was closed.",
            "Aid reached Deir ez-Zur after a week.",
        ])
        let places = found.filter { $0.aliases.contains { $0.hasPrefix("Deir") } }
        #expect(places.count == 1)
        let place = try #require(places.first)
        #expect(place.type == .place)
        #expect(Set(place.aliases).isSuperset(of: ["Deir ez-Zor", "Deir Ezzor", "Deir al-Zor", "Deir ez-Zur"]))
        #expect(place.country == "SY")
        #expect(abs((place.latitude ?? 0) - 35.34) < 0.1)
        #expect(place.mentions.count == 4)
    }

    @Test("A group under its names and acronyms is one entity; the document's own acronyms count too")
    func aliasesOfAGroup() {
        let found = entities([
            "The Islamic State (ISIS) lost its last town.",
            "Daesh fighters surrendered, according to the Syrian Democratic Forces (SDF).",
            "ISIL remnants fled east while the SDF advanced.",
        ])
        let group = found.first { $0.name == "Islamic State" }
        #expect(group.map { Set($0.aliases) }?.isSuperset(of: ["Islamic State", "ISIS", "Daesh", "ISIL"]) == true)
        #expect(group?.type == .organization)
        let sdf = found.filter { $0.aliases.contains("SDF") }
        #expect(sdf.count == 1)
        #expect(sdf.first?.name == "Syrian Democratic Forces")
    }

    @Test("Things that merely look alike stay apart; a surname joins its full name only within a document")
    func precision() {
        let found = entities([
            "Jim Mattis spoke in Geneva. Mattis later left.",
            "A different Mattis, Anna Mattis, runs a bakery in Geneva.",
        ])
        let people = found.filter { $0.type == .person }.map(\.name).sorted()
        #expect(people == ["Anna Mattis", "Jim Mattis"])
        #expect(found.first { $0.name == "Jim Mattis" }?.mentions.count == 2)
        #expect(found.filter { $0.name == "Geneva" }.count == 1)
    }

    @Test("Short forms of a body named in full in the same document join it; a short form two bodies share does not")
    func shortForms() {
        let found = entities([
            "The Harbour Pilots Association and the Black Sea Ledger met on Monday. The Ledger said the Association would answer. Harbour officials declined.",
            "The Northern Rail Association and the Southern Rail Association met. The Association said nothing.",
        ])
        let ledger = found.first { $0.name == "Black Sea Ledger" }
        #expect(ledger?.type == .outlet)
        #expect(ledger?.aliases.contains("Ledger") == true)
        #expect(found.first { $0.name == "Harbour Pilots Association" }?.aliases.contains("Association") == true)
        // "Harbour" alone is only the first word of the association's name: it stays apart.
        #expect(found.first { $0.name == "Harbour Pilots Association" }?.aliases.contains("Harbour") != true)
        // Two rail associations: "the Association" is neither.
        #expect(!found.contains { ($0.name == "Northern Rail Association" || $0.name == "Southern Rail Association") && $0.aliases.contains("Association") })
    }

    @Test("A body's first word, last words or initials stand for it in the document that names it in full, but a town is not its outlet")
    func shortFormsAcrossWays() {
        let found = entities([
            "Pilots at Corvina Barge Lines were hired on Monday. On Tuesday, Corvina said the tug was safe. The Lower Danube Waterways Authority said the Waterways Authority would check, and the Danube Relief Agency agreed. Trucks of the DRA waited.",
            "The Giurgiu Lantern reported that Giurgiu was quiet.",
        ])
        #expect(found.first { $0.name == "Corvina Barge Lines" }?.aliases.contains("Corvina") == true)
        #expect(found.first { $0.name == "Lower Danube Waterways Authority" }?.aliases.contains("Waterways Authority") == true)
        #expect(found.first { $0.name == "Danube Relief Agency" }?.aliases.contains("DRA") == true)
        #expect(found.first { $0.name == "Giurgiu Lantern" }?.aliases.contains("Giurgiu") != true)
    }

    @Test("A body named at a sentence's start keeps its first word unless the rest is a body known beyond its shape")
    func sentenceInitialBodies() {
        let found = entities(["Corvina Barge Lines hired two pilots on Monday.", "Keeping Syria safe was the aim."])
        #expect(found.contains { $0.name == "Corvina Barge Lines" })
        #expect(!found.contains { $0.name == "Barge Lines" })
        #expect(found.contains { $0.name == "Syria" && $0.type == .place })
    }

    @Test("Quote speakers are linked to corpus entities in the export")
    func speakerEntities() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        try dir.write("in/a.txt", "Canal closes\n\n“We have no choice,” said Lena Voss of the Harbour Board (HB).\n\nThe HB said the canal would reopen in May.\n")
        let result = try runClaimTrace(["extract", "--format", "json", dir.path + "/in"])
        let export = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let entities = try #require(export["entities"] as? [[String: Any]])
        let quotes = try #require(export["quotes"] as? [[String: Any]])
        let voss = try #require(entities.first { $0["name"] as? String == "Lena Voss" })
        #expect(quotes.first?["speaker_entity"] as? String == voss["id"] as? String)
        let board = try #require(entities.first { ($0["aliases"] as? [String])?.contains("HB") == true })
        #expect(board["name"] as? String == "Harbour Board")
        let attributions = try #require(export["attributions"] as? [[String: Any]])
        #expect(attributions.first?["source_entity"] as? String == board["id"] as? String)
    }
}
