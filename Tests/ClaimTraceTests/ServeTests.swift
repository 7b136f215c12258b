import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// `claimtrace serve` as a user runs it: a real server process on 127.0.0.1, asked over HTTP.
@Suite("Serve")
struct ServeTests {
    /// A running `claimtrace serve` on a free loopback port, stopped by `stop()`.
    final class RunningServer {
        let process = Process()
        let base: URL
        private let log: TemporaryDirectory

        init(database: String, in directory: String, extra: [String] = []) throws {
            log = try TemporaryDirectory()
            let out = try log.write("out", "")
            process.executableURL = URL(fileURLWithPath: Paths.executable)
            process.arguments = ["serve", "--db", database, "--port", "0"] + extra
            process.currentDirectoryURL = URL(fileURLWithPath: directory)
            process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
            process.standardError = FileHandle.nullDevice
            try process.run()
            // The server prints its address once it takes requests.
            let deadline = Date().addingTimeInterval(30)
            var address: String?
            while address == nil, Date() < deadline, process.isRunning {
                let text = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
                address = text.components(separatedBy: " on ").dropFirst().first?.components(separatedBy: " ").first
                if address == nil { Thread.sleep(forTimeInterval: 0.05) }
            }
            guard let address, let url = URL(string: address) else {
                process.terminate()
                throw ServeTestError(message: "the server did not start: \((try? String(contentsOfFile: out, encoding: .utf8)) ?? "")")
            }
            base = url
        }

        func stop() {
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
            log.cleanup()
        }

        func get(_ path: String) async throws -> (status: Int, headers: [String: String], body: Data) {
            try await send(URLRequest(url: URL(string: path, relativeTo: base)!))
        }

        func post(_ path: String, body: Data, headers: [String: String] = [:]) async throws -> (status: Int, headers: [String: String], body: Data) {
            var request = URLRequest(url: URL(string: path, relativeTo: base)!)
            request.httpMethod = "POST"
            request.httpBody = body
            for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
            return try await send(request)
        }

        private func send(_ request: URLRequest) async throws -> (status: Int, headers: [String: String], body: Data) {
            let (data, response) = try await URLSession.shared.data(for: request)
            let http = response as! HTTPURLResponse
            var headers: [String: String] = [:]
            for (key, value) in http.allHeaderFields { headers[String(describing: key).lowercased()] = String(describing: value) }
            return (http.statusCode, headers, data)
        }
    }

    struct ServeTestError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    private func database() throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory()
        try dir.write("in/a.txt", """
            Barge traffic returns to Ruse

            “The channel is open again,” Deputy Director Milena Todorinova said on Tuesday.

            Barge crews reportedly ignored the warning, according to Elena Petrova. Forty barges waited at Ruse.
            """)
        let run = try runClaimTrace(["ingest", "in"], in: dir.path)
        #expect(run.status == 0, "\(run.stderr)")
        return dir
    }

    private func object(_ data: Data) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test("The API lists, shows and searches documents and lists entities; every answer carries the protective headers")
    func api() async throws {
        let dir = try database()
        defer { dir.cleanup() }
        let server = try RunningServer(database: "claimtrace.sqlite", in: dir.path)
        defer { server.stop() }

        let list = try await server.get("/api/documents")
        #expect(list.status == 200)
        #expect(list.headers["content-type"] == "application/json")
        let page = try object(list.body)
        #expect(page["total"] as? Int == 1)
        let id = try #require((page["documents"] as? [[String: Any]])?.first?["id"] as? String)

        let detail = try object(try await server.get("/api/documents/\(id)").body)
        let quotes = try #require(detail["quotes"] as? [[String: Any]])
        #expect(quotes.first?["speaker"] as? String == "Milena Todorinova")
        #expect((detail["attributions"] as? [[String: Any]])?.first?["source"] as? String == "Elena Petrova")

        let hits = try #require(try JSONSerialization.jsonObject(with: try await server.get("/api/search?q=channel").body) as? [[String: Any]])
        let hit = try #require(hits.first)
        let snippet = Array((hit["snippet"] as? String ?? "").unicodeScalars)
        let match = try #require((hit["matches"] as? [[Int]])?.first)
        #expect(String(String.UnicodeScalarView(snippet[match[0]..<match[1]])).lowercased() == "channel")

        let entities = try #require(try JSONSerialization.jsonObject(with: try await server.get("/api/entities").body) as? [[String: Any]])
        #expect(entities.contains { $0["name"] as? String == "Ruse" && $0["country"] as? String == "BG" })

        let missing = try await server.get("/api/documents/no-such-id")
        #expect(missing.status == 404)
        #expect(try object(missing.body)["error"] as? String == "no document with that id")
        let noQuery = try await server.get("/api/search")
        #expect(noQuery.status == 400)
        let unknown = try await server.get("/no/such/page/<script>")
        #expect(unknown.status == 404)
        #expect(!String(decoding: unknown.body, as: UTF8.self).contains("<script>"))

        for answer in [list, missing, noQuery, unknown] {
            #expect(answer.headers["content-security-policy"]?.hasPrefix("default-src 'none'") == true)
            #expect(answer.headers["x-content-type-options"] == "nosniff")
            #expect(answer.headers["x-frame-options"] == "DENY")
            #expect(answer.headers["referrer-policy"] == "no-referrer")
        }
    }

    @Test("The claims API lists the claims told in two documents or more, filters them, and gives one by id as the export does")
    func claimsAPI() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let run = try runClaimTrace(["analyze", Paths.examples, "--json", "out.json"], in: dir.path)
        #expect(run.status == 0, "\(run.stderr)")
        let exported = try #require(try object(Data(contentsOf: URL(fileURLWithPath: dir.path + "/out.json")))["claims"] as? [[String: Any]])
        let told = exported.filter { Set(($0["mentions"] as! [[String: Any]]).map { $0["document"] as! String }).count > 1 }
        let server = try RunningServer(database: "claimtrace.sqlite", in: dir.path)
        defer { server.stop() }

        let list = try object(try await server.get("/api/claims?limit=1000").body)
        #expect(list["total"] as? Int == told.count)
        let claims = try #require(list["claims"] as? [[String: Any]])
        #expect(claims.map { $0["id"] as! String } == told.map { $0["id"] as! String })
        let all = try object(try await server.get("/api/claims?all=1&limit=1").body)
        #expect(all["total"] as? Int == exported.count)
        #expect((all["claims"] as? [Any])?.count == 1)

        let single = try object(try await server.get("/api/claims?status=single-source&limit=1000").body)
        #expect(single["total"] as? Int == told.count { $0["status"] as? String == "single-source" })
        let byEntity = try object(try await server.get("/api/claims?entity=LDWA&limit=1000").body)
        let named = try #require(byEntity["claims"] as? [[String: Any]])
        #expect(!named.isEmpty && named.count < told.count)

        let first = try #require(told.first)
        let one = try await server.get("/api/claims/\(first["id"] as! String)")
        #expect(one.status == 200)
        let detail = try object(one.body)
        for field in ["id", "text", "status", "independent_sources", "sources"] {
            #expect(String(describing: detail[field]!) == String(describing: first[field]!), "\(field)")
        }
        #expect((detail["mentions"] as? [Any])?.count == (first["mentions"] as? [Any])?.count)

        #expect(try await server.get("/api/claims/Cnope").status == 404)
        let badStatus = try await server.get("/api/claims?status=true")
        #expect(badStatus.status == 400)
        #expect(try await server.get("/api/claims?entity=Nobody%20Atall").status == 404)
    }

    @Test("GET / is the report, with its policy as a header, and shows a document added by upload")
    func reportAndUpload() async throws {
        let dir = try database()
        defer { dir.cleanup() }
        let server = try RunningServer(database: "claimtrace.sqlite", in: dir.path)
        defer { server.stop() }

        let before = try await server.get("/")
        #expect(before.status == 200)
        #expect(before.headers["content-type"] == "text/html; charset=utf-8")
        #expect(before.headers["content-security-policy"]?.contains("script-src 'sha256-") == true)
        #expect(String(decoding: before.body, as: UTF8.self).contains("Barge traffic returns to Ruse"))

        // The name's folders are dropped: it only says how to read the file and names its source.
        let text = "Pier closes at Giurgiu\n\n“The pier is rotten,” harbour master Lena Voss said on Monday.\n"
        let upload = try await server.post("/api/documents?name=../../etc/pier.txt", body: Data(text.utf8))
        #expect(upload.status == 200, "\(String(decoding: upload.body, as: UTF8.self))")
        #expect(try object(upload.body)["added"] as? Int == 1)
        let after = String(decoding: try await server.get("/").body, as: UTF8.self)
        #expect(after.contains("Pier closes at Giurgiu"))
        #expect(after.contains("/pier.txt</code>"))
        #expect(!after.contains("etc"))

        let again = try await server.post("/api/documents?name=pier.txt", body: Data(text.utf8))
        #expect(try object(again.body)["unchanged"] as? Int == 1)
        // Another file under the same name is another document, not a replacement.
        let other = try await server.post("/api/documents?name=pier.txt", body: Data(text.replacingOccurrences(of: "Giurgiu", with: "Ruse").utf8))
        #expect(try object(other.body)["added"] as? Int == 1)
        #expect(try object(try await server.get("/api/documents").body)["total"] as? Int == 3)
        #expect(try await server.post("/api/documents?name=empty.txt", body: Data()).status == 400)
        #expect(try await server.post("/api/documents", body: Data(text.utf8)).status == 400)
        let binary = try await server.post("/api/documents?name=x.txt", body: Data([0, 1, 2, 0, 0]))
        #expect(binary.status == 422)
        #expect((try object(binary.body)["problems"] as? [String])?.first?.contains("binary data") == true)

        guard let browser = Browser.path else { return }
        let dom = try Browser.dumpDOM(browser, url: server.base.absoluteString + "/")
        #expect(dom.contains("<title>ClaimTrace report</title>"))
        #expect(dom.contains("Pier closes at Giurgiu"))
    }

    @Test("The served pages: a search form on the report, matches marked and linked, one text on its own page; hostile text stays text")
    func searchAndDocumentPages() async throws {
        let dir = try database()
        defer { dir.cleanup() }
        try ReportTests.writeHostileCorpus(in: dir)
        #expect(try runClaimTrace(["ingest", "in"], in: dir.path).status == 0)
        let server = try RunningServer(database: "claimtrace.sqlite", in: dir.path)
        defer { server.stop() }

        let report = String(decoding: try await server.get("/").body, as: UTF8.self)
        #expect(report.contains("<form class=\"search\" method=\"get\" action=\"/search\">"))
        let formTags: Set<String> = ["form", "input", "button", "ol", "mark"]
        // The hostile corpus tells one claim twice: the claims table and its script are there.
        ReportTests.expectOnlyOwnMarkup(report, scripts: 1, alsoAllowed: formTags)

        let results = try await server.get("/search?q=channel")
        #expect(results.headers["content-security-policy"]?.contains("form-action 'self'") == true)
        let page = String(decoding: results.body, as: UTF8.self)
        #expect(page.contains("<mark>channel</mark>"))
        let link = try #require(page.components(separatedBy: "<a href=\"/documents/").dropFirst().first?.components(separatedBy: "\"").first)
        let text = String(decoding: try await server.get("/documents/\(link)").body, as: UTF8.self)
        #expect(text.contains("<span class=\"q\">The channel is open again,</span>"))
        #expect(text.contains("— Milena Todorinova (Deputy Director) · said"))
        #expect(try await server.get("/documents/no-such-id").status == 404)

        let hostile = String(decoding: try await server.get("/search?q=quay").body, as: UTF8.self)
        ReportTests.expectOnlyOwnMarkup(hostile, scripts: 0, alsoAllowed: formTags)
        #expect(hostile.contains("&lt;script&gt;document.title=&#39;owned&#39;&lt;/script&gt;Quay notice"))
        let echoed = String(decoding: try await server.get("/search?q=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E").body, as: UTF8.self)
        ReportTests.expectOnlyOwnMarkup(echoed, scripts: 0, alsoAllowed: formTags)

        guard let browser = Browser.path else { return }
        let dom = try Browser.dumpDOM(browser, url: server.base.absoluteString + "/search?q=quay")
        #expect(dom.contains("<title>Search: quay — ClaimTrace</title>"), "a script changed the page's title")
        #expect(dom.contains("<mark>"))
        #expect(!dom.contains("<img"))
    }

    @Test("In Chromium, the served UI as a reader uses it: the claims table filters and sorts, a claim shows its mentions, the search form finds words and a match opens its text; nothing from the hostile corpus runs",
          .enabled(if: Browser.path != nil, "chromium is not installed"))
    func servedUIInBrowser() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        try ReportTests.writeHostileCorpus(in: dir)
        for input in [Paths.examples, "in"] {
            let run = try runClaimTrace(["ingest", input], in: dir.path)
            #expect(run.status == 0, "\(run.stderr)")
        }
        let server = try RunningServer(database: "claimtrace.sqlite", in: dir.path)
        defer { server.stop() }
        let listed = try object(try await server.get("/api/claims?limit=1").body)["total"] as? Int ?? 0
        #expect(listed >= 10)

        let session = try BrowserSession(browser: try #require(Browser.path))
        defer { session.quit() }
        try session.open(server.base.absoluteString + "/")
        let seen = try #require(try session.evaluate(ReportTests.reader) as? [String: String])
        #expect(seen["error"] == nil, "\(seen["error"] ?? "")")
        #expect(seen["rows"] == "\(listed)" && seen["visible"] == "\(listed)")
        #expect(seen["singleOnly"] == "true")
        let sources = (seen["ascending"] ?? "").split(separator: ",").compactMap { Int($0) }
        #expect(sources.count == listed && sources == sources.sorted(), "\(seen)")
        #expect(seen["descending"] == sources.reversed().map(String.init).joined(separator: ","))
        #expect(seen["hash"] == "true" && seen["claimShown"] == "true" && seen["othersHidden"] == "true")
        #expect(Int(seen["marks"] ?? "") ?? 0 >= 2, "\(seen)")
        #expect(seen["documentShown"] == "true" && seen["claimsHidden"] == "true" && seen["done"] == "1")

        // The search form on the report, as typed and sent.
        try session.waitingForLoad {
            try session.evaluate("""
                const form = document.querySelector("form.search");
                form.querySelector("input[name=q]").value = "quay";
                form.querySelector("button").click();
                """)
        }
        let results = try #require(try session.evaluate("""
            ({ url: location.pathname + location.search, title: document.title, marks: document.querySelectorAll("mark").length,
               images: document.images.length, first: document.querySelector("a[href^='/documents/']")?.getAttribute("href") ?? "" })
            """) as? [String: Any])
        #expect(results["url"] as? String == "/search?q=quay")
        #expect(results["title"] as? String == "Search: quay — ClaimTrace", "a script changed the page's title")
        #expect(results["marks"] as? Int ?? 0 > 0 && results["images"] as? Int == 0)
        let first = try #require(results["first"] as? String)
        #expect(first.hasPrefix("/documents/"))
        try session.waitingForLoad { try session.evaluate("document.querySelector(\"a[href^='/documents/']\").click()") }
        let page = try #require(try session.evaluate("({ url: location.pathname, title: document.title, text: document.body.innerText })") as? [String: Any])
        #expect(page["url"] as? String == first)
        #expect((page["text"] as? String ?? "").contains("<script>document.title='owned'</script>Quay notice"))
        #expect(page["title"] as? String != "owned")
        #expect(session.console.isEmpty, "\(session.console)")
    }

    @Test("Adding by path reads only inside the folders allowed at start: no '..', no link out")
    func addingByPath() async throws {
        let dir = try database()
        defer { dir.cleanup() }
        try dir.write("allowed/pier.txt", "Pier closes\n\n“The pier is rotten,” harbour master Lena Voss said on Monday.\n")
        try dir.write("secret/notes.txt", "Private notes\n\nNothing here is for the server to read, the owner said.\n")
        try FileManager.default.createSymbolicLink(atPath: dir.path + "/allowed/link.txt", withDestinationPath: dir.path + "/secret/notes.txt")

        let closed = try RunningServer(database: "claimtrace.sqlite", in: dir.path)
        #expect(try await closed.post("/api/paths?path=allowed/pier.txt", body: Data()).status == 403)
        closed.stop()

        let server = try RunningServer(database: "claimtrace.sqlite", in: dir.path, extra: ["--allow-path", "allowed"])
        defer { server.stop() }
        let added = try await server.post("/api/paths?path=allowed/pier.txt", body: Data())
        #expect(added.status == 200, "\(String(decoding: added.body, as: UTF8.self))")
        #expect(try object(added.body)["added"] as? Int == 1)
        for escape in ["allowed/../secret/notes.txt", "secret/notes.txt", "allowed/link.txt", dir.path + "/secret", "/etc/passwd"] {
            let answer = try await server.post("/api/paths?path=" + escape.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!, body: Data())
            #expect(answer.status == 403, "\(escape)")
            #expect(!String(decoding: answer.body, as: UTF8.self).contains("secret"), "the refusal repeats the path")
        }
        #expect(try await server.post("/api/paths?path=allowed/none.txt", body: Data()).status == 404)
        // A folder is walked, but a link in it that leads out is not followed.
        let folder = try await server.post("/api/paths?path=allowed", body: Data())
        #expect(try object(folder.body)["unchanged"] as? Int == 1)
        #expect((try object(folder.body)["problems"] as? [String])?.first?.contains("lead outside the allowed folders") == true)
        #expect(try object(try await server.get("/api/documents").body)["total"] as? Int == 2)
        let badFolder = try runClaimTrace(["serve", "--port", "0", "--allow-path", "no-such-folder"], in: dir.path)
        #expect(badFolder.status != 0)
        #expect(badFolder.stderr.contains("no-such-folder: --allow-path needs an existing folder"))
    }

    @Test("With a token, adding documents needs it; beyond loopback, serving needs one")
    func tokens() async throws {
        let dir = try database()
        defer { dir.cleanup() }
        let server = try RunningServer(database: "claimtrace.sqlite", in: dir.path, extra: ["--token", "s3cret"])
        defer { server.stop() }
        let body = Data("Quay notice\n\nThe quay is closed, Elena Petrova said.\n".utf8)
        #expect(try await server.post("/api/documents?name=q.txt", body: body).status == 401)
        #expect(try await server.post("/api/documents?name=q.txt", body: body, headers: ["Authorization": "Bearer wrong"]).status == 401)
        #expect(try await server.post("/api/documents?name=q.txt", body: body, headers: ["Authorization": "Bearer s3cret"]).status == 200)
        #expect(try await server.get("/api/documents").status == 200)

        // Refused before anything is bound.
        let open = try runClaimTrace(["serve", "--host", "0.0.0.0", "--port", "0"], in: dir.path)
        #expect(open.status != 0)
        #expect(open.stderr.contains("needs --token"))
        let missing = try runClaimTrace(["serve", "--db", "none.sqlite", "--port", "0"], in: dir.path)
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("no such database"))
    }
}
