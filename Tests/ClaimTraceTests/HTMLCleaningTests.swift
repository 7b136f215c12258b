import ClaimTraceCore
import Foundation
import Testing

@Suite("HTML cleaning")
struct HTMLCleaningTests {
    @Test("Hidden elements are set aside as hidden, not read as the article")
    func hiddenText() throws {
        let html = """
            <html><body><article><h1>Tram line opens</h1>
            <p>The new tram line opened on Sunday with free rides for the first week, the city said.</p>
            <div style="display: none" itemscope><span itemprop="headline">Tram line opens</span><span itemprop="datePublished">2026-04-05T10:00:00Z</span></div>
            <p hidden>Subscriber-only teaser text that readers never see.</p></article></body></html>
            """
        let d = try #require(try readFile("tram.html", html).only)
        #expect(d.text == "The new tram line opened on Sunday with free rides for the first week, the city said.")
        #expect(d.removed.filter { $0.kind == .hidden }.map(\.text) == ["Tram line opens2026-04-05T10:00:00Z", "Subscriber-only teaser text that readers never see."])
    }

    @Test("The article container wins over teasers, and class names on the page wrapper do not hide the body")
    func contentRoot() throws {
        let teaser = "Another story from elsewhere on the site that runs long enough to look like prose to a careless reader of pages."
        let html = """
            <html><body class="logged-out unsubscribed"><div class="page url-breadcrumb">
            <header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
            <div class="layout"><div itemprop="articleBody">
            <p>The library will stay open until midnight during exam weeks, the university announced on Friday.</p>
            <p>Students had asked for longer hours in a petition signed by more than 2,000 people last spring.</p>
            </div>
            <section class="more-stories"><p>\(teaser)</p></section>
            <div class="teasers"><article><p>\(teaser) One.</p></article><article><p>\(teaser) Two.</p></article><article><p>\(teaser) Three.</p></article></div>
            </div></div></body></html>
            """
        let d = try #require(try readFile("library.html", html).only)
        #expect(d.text == "The library will stay open until midnight during exam weeks, the university announced on Friday.\n\nStudents had asked for longer hours in a petition signed by more than 2,000 people last spring.")
        #expect(d.removed.contains { $0.kind == .related && $0.text == teaser })
        #expect(d.removed.filter { $0.kind == .pageChrome }.count == 3)
    }

    @Test("Metadata is tidied: byline roles, shouted names, the outlet in the title, a tail 'first published' date")
    func metadataTidying() throws {
        let html = """
            <html><head><title>Ferry fares rise again | Harbour Times</title><meta property="og:site_name" content="Harbour Times">
            <meta name="author" content="By NILS EKBERG, Staff Writer"><meta name="author" content="Harbour Times"></head>
            <body><article><p>Ferry fares will rise by eight percent in January, the operator said on Tuesday, the second rise this year.</p>
            <p>First published on Nov 20, 2026 01:38 pm</p></article></body></html>
            """
        let d = try #require(try readFile("fares.html", html).only)
        #expect(d.title == "Ferry fares rise again")
        #expect(d.authors == ["Nils Ekberg"])
        #expect(d.published?.description == "2026-11-20")
        #expect(d.republishedFrom == nil)
        #expect(d.text == "Ferry fares will rise by eight percent in January, the operator said on Tuesday, the second rise this year.")
    }

    @Test("Without any article container, the element whose paragraphs carry the most prose is the body")
    func densestElement() throws {
        let paragraph = "Workers repaired the sea wall through the night after the storm surge broke through in two places, officials said."
        let html = """
            <html><body><div id="top"><a href="/a">Sections</a> | <a href="/b">Weather</a> | <a href="/c">Sport</a></div>
            <div id="wrap"><div id="c1"><p>\(paragraph)</p><p>\(paragraph) Again.</p><p>\(paragraph) Third.</p></div>
            <div id="side"><p>Short side note.</p><ul><li><a href="/x">Link one here</a></li><li><a href="/y">Link two here</a></li></ul></div></div>
            </body></html>
            """
        let d = try #require(try readFile("wall.html", html).only)
        #expect(d.text.components(separatedBy: "\n\n").count == 3)
        #expect(!d.text.contains("Sections"))
        #expect(!d.text.contains("Short side note"))
    }
}

/// Article-body extraction on the development half of the article-extraction benchmark
/// (real news pages beside the checkout), scored as the benchmark does: 4-word shingles,
/// per-page precision and recall, macro-averaged, F1 of the means. Guards against regressions.
@Suite("Article extraction benchmark pages", .enabled(if: FileManager.default.fileExists(atPath: Paths.root + "/../shared/bench/aeb-dev/ground-truth.json"), "../shared/bench is not present"))
struct ExtractionBenchmarkTests {
    @Test("F1 on the development pages stays at or above 0.94")
    func f1() throws {
        let bench = Paths.root + "/../shared/bench/aeb-dev"
        let truth = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: bench + "/ground-truth.json"))) as? [String: [String: Any]])
        let result = try readAll([bench + "/html"])
        #expect(result.problems.isEmpty)
        var predicted: [String: String] = [:]
        for d in result.documents { predicted[String((d.source as NSString).lastPathComponent.prefix { $0 != "." })] = d.text }
        var precisions: [Double] = [], recalls: [Double] = []
        for (id, entry) in truth {
            let (p, r) = Self.score(truth: entry["articleBody"] as? String ?? "", predicted: predicted[id] ?? "")
            if let p { precisions.append(p) }
            if let r { recalls.append(r) }
        }
        let precision = precisions.reduce(0, +) / Double(precisions.count)
        let recall = recalls.reduce(0, +) / Double(recalls.count)
        let f1 = 2 * precision * recall / (precision + recall)
        #expect(f1 >= 0.94, "F1 \(f1), precision \(precision), recall \(recall)")
    }

    /// Per-page precision and recall over multisets of 4-word shingles (nil where undefined).
    static func score(truth: String, predicted: String) -> (Double?, Double?) {
        func shingles(_ text: String) -> [String: Int] {
            let tokens = text.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") }).map(String.init)
            var counts: [String: Int] = [:]
            if tokens.isEmpty { return counts }
            for i in 0..<max(1, tokens.count - 3) { counts[tokens[i..<min(tokens.count, i + 4)].joined(separator: " "), default: 0] += 1 }
            return counts
        }
        let t = shingles(truth), p = shingles(predicted)
        var tp = 0.0, fp = 0.0, fn = 0.0
        for key in Set(t.keys).union(p.keys) {
            let tc = Double(t[key] ?? 0), pc = Double(p[key] ?? 0)
            tp += min(tc, pc); fp += max(0, pc - tc); fn += max(0, tc - pc)
        }
        let precision: Double? = fp == 0 && fn == 0 ? 1 : (tp + fp > 0 ? tp / (tp + fp) : nil)
        let recall: Double? = fp == 0 && fn == 0 ? 1 : (tp + fn > 0 ? tp / (tp + fn) : nil)
        return (precision, recall)
    }
}
