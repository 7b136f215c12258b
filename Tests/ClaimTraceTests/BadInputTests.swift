import ClaimTraceCore
import ClaimTraceIngest
import Foundation
import Testing

/// Every kind of bad input gets a clear per-file error or a best-effort document, never a crash,
/// a hang or unbounded memory, and the other inputs are still read.
@Suite("Bad input")
struct BadInputTests {
    /// Reads `bad` next to a good file and returns what happened to the bad one.
    private func readBeside(_ name: String, _ bytes: [UInt8], limits: IngestLimits = IngestLimits()) throws -> (ReadResult, good: Bool) {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let bad = try dir.write(name, bytes)
        let good = try dir.write("zz-good.txt", "Good one\n\nThis article is fine and must still be read after the bad file.\n")
        let result = try readAll([bad, good], limits: limits)
        let goodRead = result.documents.contains { $0.source == good }
        let badOnly = ReadResult(documents: result.documents.filter { $0.source != good }, problems: result.problems)
        return (badOnly, goodRead)
    }

    @Test("An empty file is reported")
    func emptyFile() throws {
        let (result, good) = try readBeside("empty.txt", [])
        #expect(good)
        #expect(result.documents.isEmpty)
        #expect(result.problems.map(\.message) == ["empty file"])
        #expect(result.problems[0].source.hasSuffix("empty.txt"))
    }

    @Test("A whitespace-only file is reported")
    func whitespaceFile() throws {
        let (result, good) = try readBeside("blank.md", Array("   \n\n\t\n".utf8))
        #expect(good)
        #expect(result.problems.first?.message.contains("only whitespace") == true)
    }

    @Test("A binary file is refused, whatever its name")
    func binaryFile() throws {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D] + Array(repeating: 0, count: 200)
        for name in ["image.png", "story.txt", "page.html"] {
            let (result, good) = try readBeside(name, png)
            #expect(good)
            #expect(result.documents.isEmpty)
            #expect(result.problems.first?.message.contains("binary") == true, "\(name): \(result.problems)")
        }
    }

    @Test("Invalid UTF-8 is repaired and the repair is reported on the document")
    func invalidUTF8() throws {
        let bytes = Array("Title\n\nThe mayor said ".utf8) + [0xC3, 0x28, 0xFF] + Array(" the plan was final, in a long sentence.\n".utf8)
        let (result, good) = try readBeside("broken.txt", bytes)
        #expect(good)
        let document = try #require(result.documents.first)
        #expect(document.text.contains("\u{FFFD}"))
        #expect(document.warnings.contains { $0.contains("invalid UTF-8") })
    }

    @Test("A 100 MB single line is refused with its size, in one-article and JSON Lines files alike")
    func hugeLine() throws {
        let line = [UInt8](repeating: UInt8(ascii: "a"), count: 100 << 20)
        let (text, goodAfterText) = try readBeside("huge.txt", line)
        #expect(goodAfterText)
        #expect(text.documents.isEmpty)
        #expect(text.problems.first?.message.contains("over the 64.0 MB limit") == true)

        // A JSON Lines file whose second line is huge: the first and third records still load.
        let jsonl = Array(#"{"id":"1","title":"A","text":"First record text."}"#.utf8) + [10] + line + [10]
            + Array(#"{"id":"3","title":"C","text":"Third record text."}"#.utf8) + [10]
        let (records, goodAfterJSONL) = try readBeside("huge.jsonl", jsonl)
        #expect(goodAfterJSONL)
        #expect(records.documents.map(\.id.rawValue) == ["1", "3"])
        #expect(records.problems.count == 1)
        #expect(records.problems.first?.source.hasSuffix("huge.jsonl:2") == true)
    }

    @Test("Deeply nested and unclosed HTML is read best-effort")
    func deepHTML() throws {
        let depth = 100_000
        let html = "<html><body>" + String(repeating: "<div>", count: depth) + "<p>Deep text survives here, said the parser."
            + "<p>Second <b>unclosed <i>paragraph" + "\n<table><tr><td>cell"
        let (result, good) = try readBeside("deep.html", Array(html.utf8))
        #expect(good)
        // libxml2 stops nesting at its depth limit; whatever it kept is read without a crash.
        #expect(result.documents.count + result.problems.count == 1)
    }

    @Test("Truncated gzip is reported, and the records before the cut are kept")
    func truncatedGzip() throws {
        let records = (1...3).map { n in
            warcRecord(type: "response", uri: "https://t.example/\(n)",
                       block: httpResponse("<html><body><p>Record \(n) has a body long enough to keep.</p></body></html>"))
        }
        var bytes = records.flatMap { GzipWriter.member(Array($0.utf8)) }
        bytes.removeLast(20)
        let (result, good) = try readBeside("cut.warc.gz", bytes)
        #expect(good)
        #expect(result.documents.count == 2)
        #expect(result.problems.contains { $0.message.contains("truncated gzip") })
    }

    @Test("A gzip bomb is stopped by the ratio guard")
    func gzipBomb() throws {
        // 32 members of 64 MB of zeros: 2 GB when inflated, about 2 MB on disk.
        let member = GzipWriter.member([UInt8](repeating: 0, count: 64 << 20), level: 9)
        var bytes: [UInt8] = []
        for _ in 0..<32 { bytes += member }
        let (result, good) = try readBeside("bomb.jsonl.gz", bytes)
        #expect(good)
        #expect(result.documents.isEmpty)
        #expect(result.problems.contains { $0.message.contains("gzip bomb") })
    }

    @Test("A file named .gz that is not gzip is reported")
    func fakeGzip() throws {
        let (result, good) = try readBeside("fake.txt.gz", Array("plain text pretending".utf8))
        #expect(good)
        #expect(result.problems.first?.message == "named .gz but not gzip data")
    }

    @Test("Malformed WARC headers are reported and reading resumes at the next record")
    func malformedWARC() throws {
        let good1 = warcRecord(type: "response", uri: "https://w.example/1", block: httpResponse("<p>First record, intact and readable.</p>"))
        let broken = "WARC/1.0\r\nWARC-Type: response\r\nthis line has no colon\r\n\r\ngarbage\r\n\r\n"
        let noLength = "WARC/1.0\r\nWARC-Type: response\r\nContent-Length: lots\r\n\r\nmore garbage\r\n\r\n"
        let good2 = warcRecord(type: "response", uri: "https://w.example/2", block: httpResponse("<p>Second record, after the damage.</p>"))
        let (result, good) = try readBeside("damaged.warc", Array((good1 + broken + noLength + good2).utf8))
        #expect(good)
        #expect(result.documents.map(\.url) == ["https://w.example/1", "https://w.example/2"])
        #expect(result.problems.count == 2)
        #expect(result.problems.allSatisfy { $0.message.contains("malformed WARC") })
    }

    @Test("A .warc file that is not WARC is reported")
    func notWARC() throws {
        let (result, good) = try readBeside("nothing.warc", Array("hello\r\n".utf8))
        #expect(good)
        #expect(result.problems.first?.message.contains("WARC version line") == true)
    }

    @Test("JSON Lines with wrong types: bad fields are ignored with a warning, bad records reported")
    func wrongTypes() throws {
        let lines = [
            #"{"id": "ok", "title": ["not", "a", "string"], "text": "Body text survives the bad title.", "authors": 42}"#,
            #"["an", "array", "not", "an", "object"]"#,
            #"{"id": "no-text", "title": "Missing body"}"#,
            #"{"id": "bad json", "#,
            #"{"id": 7, "text": {"nested": true}, "maintext": "Fallback body text."}"#,
        ].joined(separator: "\n")
        let (result, good) = try readBeside("types.jsonl", Array(lines.utf8))
        #expect(good)
        #expect(result.documents.map(\.id.rawValue) == ["ok", "7"])
        #expect(result.documents[0].title == nil)
        #expect(result.documents[0].warnings.contains { $0.contains("\"title\" has type array") })
        #expect(result.documents[0].warnings.contains { $0.contains("\"authors\" has type number") })
        #expect(result.documents[1].text == "Fallback body text.")
        #expect(result.problems.map { $0.source.split(separator: ":").last.map(String.init) ?? "" } == ["2", "3", "4"])
        #expect(result.problems[0].message.contains("not a JSON object"))
        #expect(result.problems[1].message.contains("no article text"))
        #expect(result.problems[2].message.contains("invalid JSON"))
    }

    @Test("A missing input is reported and the others are read")
    func missingFile() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let good = try dir.write("good.txt", "Good\n\nA perfectly readable article body sits here.\n")
        let result = try readAll([dir.path + "/nope.html", good])
        #expect(result.documents.count == 1)
        #expect(result.problems.map(\.message) == ["no such file or directory"])
    }
}
