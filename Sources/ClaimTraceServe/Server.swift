import ClaimTraceCore
import ClaimTraceIngest
import ClaimTraceLink
import ClaimTracePipeline
import ClaimTraceReport
import ClaimTraceStore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import NIOPosix

/// The local web UI and JSON API over a database (`claimtrace serve`), described in
/// docs/openapi.yaml.
///
/// - `GET /`: the HTML report of the database, made again when the database changes, with a
///   search form; `GET /search?q=` lists the matches, `GET /documents/{id}` shows one text.
/// - `GET /api/documents`, `GET /api/documents/{id}`, `GET /api/search?q=`, `GET /api/entities`,
///   `GET /api/claims` (`status`, `entity`, `all`, `offset`, `limit`), `GET /api/claims/{id}`.
/// - `POST /api/documents?name=FILE`: adds the request's body as a document file;
///   `POST /api/paths?path=PATH` adds a file or folder inside a folder allowed at start.
///
/// It listens on loopback unless told otherwise; bound anywhere else it needs a token, sent as
/// `Authorization: Bearer TOKEN`, for every request that changes data. Every response carries a
/// Content-Security-Policy and the other standard protective headers, and error messages are
/// JSON-encoded, never echoed into markup.
public struct ClaimTraceServer: Sendable {
    public struct Options: Sendable {
        public var host: String
        public var port: Int
        /// Needed for requests that change data; required when `host` is not loopback.
        public var token: String?
        /// The largest upload accepted, in bytes.
        public var maxUploadBytes: Int
        /// Folders whose files and subfolders may be added by path; none, and adding by path is off.
        public var allowedFolders: [String]

        public init(host: String = "127.0.0.1", port: Int = 8080, token: String? = nil, maxUploadBytes: Int = 64 << 20,
                    allowedFolders: [String] = []) {
            self.host = host; self.port = port; self.token = token; self.maxUploadBytes = maxUploadBytes
            self.allowedFolders = allowedFolders.map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().standardizedFileURL.path }
        }

        public var isLoopback: Bool { ["127.0.0.1", "::1", "localhost"].contains(host) }
    }

    public struct ConfigurationError: Error, CustomStringConvertible {
        public var description: String
    }

    let store: any StoreWriter
    let pipeline: Pipeline
    let options: Options
    let cache = ComputedCache()
    let claimsCache = ClaimsCache()

    public init(store: any StoreWriter, pipeline: Pipeline = Pipeline(), options: Options = Options()) throws {
        if !options.isLoopback, (options.token ?? "").isEmpty {
            throw ConfigurationError(description: "serving on \(options.host), beyond this machine, needs --token: every request that changes data must carry it")
        }
        self.store = store
        self.pipeline = pipeline
        self.options = options
    }

    /// Runs until the process is interrupted; `onListening` gets the address once requests are taken.
    public func run(onListening: @escaping @Sendable (String) -> Void) async throws {
        let app = Application(router: router(), configuration: .init(address: .hostname(options.host, port: options.port), serverName: nil),
                              onServerRunning: { channel in
                                  let port = channel.localAddress?.port ?? options.port
                                  let host = options.host.contains(":") ? "[\(options.host)]" : options.host
                                  onListening("http://\(host):\(port)")
                              })
        try await app.runService()
    }

    func router() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: ProtectiveHeaders())
        router.get("/") { _, _ in try await report() }
        router.get("/search") { request, _ in try await Self.offload { try searchPage(request) } }
        router.get("/documents/:id") { _, context in
            let id = try context.parameters.require("id")
            return try await Self.offload { try documentPage(id) }
        }
        router.get("/api/documents") { request, _ in try await Self.offload { try documentList(request) } }
        router.get("/api/documents/:id") { _, context in
            let id = try context.parameters.require("id")
            return try await Self.offload { try document(id) }
        }
        router.get("/api/search") { request, _ in try await Self.offload { try search(request) } }
        router.get("/api/entities") { _, _ in try await entities() }
        router.get("/api/claims") { request, _ in try await claimList(request) }
        router.get("/api/claims/:id") { _, context in
            let id = try context.parameters.require("id")
            return try await claim(id)
        }
        router.post("/api/documents") { request, _ in try await upload(request) }
        router.post("/api/paths") { request, _ in try await addPath(request) }
        return router
    }

    // MARK: - Handlers

    /// Runs blocking work on a thread pool, so the few threads that answer requests are never
    /// held by it: quick reads (a page of documents, a search) on NIO's shared pool, and whole-store
    /// work (building the report or the entity list, reading and extracting uploads) one job at a
    /// time on a pool of its own, so a large report being built never makes a search wait.
    static func offload<T: Sendable>(heavy: Bool = false, _ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await (heavy ? heavyPool : NIOThreadPool.singleton).runIfActive(body)
    }

    private static let heavyPool: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: 1)
        pool.start()
        return pool
    }()

    private func report() async throws -> Response {
        let store = self.store
        let stamp = try await Self.offload { try store.changeStamp() }
        let page = try await cache.value(for: "report|" + stamp) {
            try await Self.offload(heavy: true) {
                let output = OutputFile.memory()
                try HTMLReport.write(store, to: output, options: HTMLReport.Options(searchAction: "/search"))
                return output.contents
            }
        }
        return Self.page(page, allowingLoader: true)
    }

    private func searchPage(_ request: Request) throws -> Response {
        let query = request.uri.queryParameters.get("q") ?? ""
        let hits = query.trimmingCharacters(in: .whitespaces).isEmpty ? [] : try store.search(query, limit: 50)
        let page = HTMLReport.searchPage(query: query, hits: hits, action: "/search", home: "/") { Self.documentPath($0) }
        return Self.page(Array(page.utf8), allowingLoader: false)
    }

    private func documentPage(_ id: String) throws -> Response {
        guard let annotated = try store.annotatedDocument(DocumentID(id)) else {
            var response = Self.page(Array(HTMLReport.searchPage(query: "", hits: [], action: "/search", home: "/") { _ in "/" }.utf8), allowingLoader: false)
            response.status = .notFound
            return response
        }
        let page = HTMLReport.documentPage(annotated, searchAction: "/search", home: "/") { _ in nil }
        return Self.page(Array(page.utf8), allowingLoader: false)
    }

    /// A document's page, its id percent-encoded.
    static func documentPath(_ id: DocumentID) -> String {
        "/documents/" + (id.rawValue.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? "")
    }

    /// An HTML answer with the policy its page states, plus no framing.
    static func page(_ bytes: [UInt8], allowingLoader: Bool) -> Response {
        var response = response(bytes, contentType: "text/html; charset=utf-8")
        response.headers[.contentSecurityPolicy] = HTMLReport.contentSecurityPolicy(allowingLoader: allowingLoader, formsToSelf: true) + "; frame-ancestors 'none'"
        return response
    }

    private func documentList(_ request: Request) throws -> Response {
        let offset = max(0, request.uri.queryParameters.get("offset", as: Int.self) ?? 0)
        let limit = min(1000, max(1, request.uri.queryParameters.get("limit", as: Int.self) ?? 100))
        let documents = try store.documents(offset: offset, limit: limit).map(DocumentSummary.init)
        return try Self.json(DocumentPage(total: try store.documentCount(), offset: offset, documents: documents))
    }

    private func document(_ id: String) throws -> Response {
        guard let annotated = try store.annotatedDocument(DocumentID(id)) else {
            return try Self.problem(.notFound, "no document with that id")
        }
        return try Self.json(DocumentDetail(annotated))
    }

    private func search(_ request: Request) throws -> Response {
        guard let query = request.uri.queryParameters.get("q"), !query.trimmingCharacters(in: .whitespaces).isEmpty else {
            return try Self.problem(.badRequest, "give the words to look for as q")
        }
        let limit = min(200, max(1, request.uri.queryParameters.get("limit", as: Int.self) ?? 20))
        return try Self.json(try store.search(query, limit: limit).map(SearchResult.init))
    }

    private func entities() async throws -> Response {
        let store = self.store
        let stamp = try await Self.offload { try store.changeStamp() }
        let body = try await cache.value(for: "entities|" + stamp) {
            try await Self.offload(heavy: true) {
                var index = EntityIndex()
                try store.forEachAnnotatedDocument { index.add($0) }
                return Array(try Self.encoder.encode(index.entities().map(EntitySummary.init)))
            }
        }
        return Self.response(body, contentType: "application/json")
    }

    /// The corpus's claims, worked out again when the store changes.
    private func corpusClaims() async throws -> CorpusClaims {
        let store = self.store
        let stamp = try await Self.offload { try store.changeStamp() }
        return try await claimsCache.value(for: stamp) {
            try await Self.offload(heavy: true) { try CorpusClaims(store) }
        }
    }

    /// Claims told in two documents or more (every claim with `all=1`), most widely told first,
    /// optionally of one status or naming one entity.
    private func claimList(_ request: Request) async throws -> Response {
        let query = request.uri.queryParameters
        var status: ClaimStatus?
        if let raw = query.get("status") {
            guard let known = ClaimStatus(rawValue: raw) else {
                return try Self.problem(.badRequest, "status is one of " + ClaimStatus.allCases.map(\.rawValue).joined(separator: ", "))
            }
            status = known
        }
        let corpus = try await corpusClaims()
        var claims = corpus.claims
        if query.get("all") != "1" { claims = claims.filter { Set($0.mentions.map(\.document)).count > 1 } }
        if let status { claims = claims.filter { $0.status == status } }
        if let name = query.get("entity") {
            guard let entity = corpus.entity(named: name) else { return try Self.problem(.notFound, "no entity goes by that name") }
            claims = claims.filter { corpus.claim($0, mentions: entity) }
        }
        let offset = max(0, query.get("offset", as: Int.self) ?? 0)
        let limit = min(1000, max(1, query.get("limit", as: Int.self) ?? 100))
        let page = claims.dropFirst(offset).prefix(limit).map(ExportContract.ExportedClaim.init)
        return try Self.json(ClaimPage(total: claims.count, offset: offset, claims: Array(page)))
    }

    private func claim(_ id: String) async throws -> Response {
        let corpus = try await corpusClaims()
        guard let claim = corpus.claims.first(where: { $0.id == id }) else { return try Self.problem(.notFound, "no claim has that id") }
        return try Self.json(ExportContract.ExportedClaim(claim))
    }

    /// Nil when the request may change data; the refusal otherwise.
    private func refusal(_ request: Request) throws -> Response? {
        guard let token = options.token, !token.isEmpty, request.headers[.authorization] != "Bearer " + token else { return nil }
        return try Self.problem(.unauthorized, "adding documents needs the server's token: Authorization: Bearer TOKEN")
    }

    /// Adds a file or folder on the server's machine, inside a folder given with --allow-path.
    private func addPath(_ request: Request) async throws -> Response {
        if let refusal = try refusal(request) { return refusal }
        guard !options.allowedFolders.isEmpty else {
            return try Self.problem(.forbidden, "adding by path is off: start the server with --allow-path FOLDER")
        }
        guard let raw = request.uri.queryParameters.get("path"), !raw.isEmpty else {
            return try Self.problem(.badRequest, "give the file or folder to add as path")
        }
        // The path as the file system resolves it, links and ".." included, must lie in an allowed
        // folder; so must every file a folder holds, or a link inside would lead out of it.
        func allowed(_ path: String) -> Bool {
            let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
            return options.allowedFolders.contains { resolved == $0 || resolved.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }
        }
        guard allowed(raw) else { return try Self.problem(.forbidden, "that path is outside the folders this server may read") }
        guard FileManager.default.fileExists(atPath: raw) else { return try Self.problem(.notFound, "no such file or folder") }
        let files = Ingestor.expand([raw]).files.map(\.path)
        let inside = files.filter(allowed)
        let skipped = files.count > inside.count ? ["\(files.count - inside.count) file(s) lead outside the allowed folders and were skipped"] : []
        let (pipeline, store) = (self.pipeline, self.store)
        let (summary, read) = try await Self.offload(heavy: true) {
            var problems: [String] = []
            let summary = try pipeline.ingest(inside, into: store, problem: { problems.append($0.message) })
            return (summary, problems)
        }
        let problems = skipped + read
        await cache.clear()
        return try Self.json(UploadResult(added: summary.added, replaced: summary.replaced, unchanged: summary.unchanged, problems: problems))
    }

    private func upload(_ request: Request) async throws -> Response {
        if let refusal = try refusal(request) { return refusal }
        guard let name = Self.uploadName(request.uri.queryParameters.get("name")) else {
            return try Self.problem(.badRequest, "give the file's name as name, e.g. ?name=article.html: it says how to read the file")
        }
        let body: ByteBuffer
        do { body = try await request.body.collect(upTo: options.maxUploadBytes) } catch {
            return try Self.problem(.contentTooLarge, "the upload is over \(options.maxUploadBytes >> 20) MB")
        }
        guard body.readableBytes > 0 else { return try Self.problem(.badRequest, "the upload is empty") }
        // Two different files uploaded under one name are two documents: the source carries the
        // content's hash, so neither replaces the other (the same bytes again change nothing).
        let bytes = Array(buffer: body)
        let source = "upload:" + ContentHash.sha256Hex(bytes).prefix(12) + "/" + name
        let (pipeline, store) = (self.pipeline, self.store)
        let (summary, problems) = try await Self.offload(heavy: true) { try pipeline.ingest(bytes: bytes, name: source, into: store) }
        await cache.clear()
        let status: HTTPResponse.Status = summary.added + summary.replaced + summary.unchanged > 0 ? .ok : .unprocessableContent
        return try Self.json(UploadResult(added: summary.added, replaced: summary.replaced, unchanged: summary.unchanged,
                                          problems: problems.map(\.message)), status: status)
    }

    // MARK: - Helpers

    /// The base name of an uploaded file, letters, digits, dots, hyphens and underscores only:
    /// a name never reaches the file system, and never says where a file came from beyond itself.
    static func uploadName(_ raw: String?) -> String? {
        guard let raw else { return nil }
        let base = raw.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let cleaned = String(base.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0)) })
        let trimmed = cleaned.drop { $0 == "." }
        return trimmed.isEmpty ? nil : String(trimmed.prefix(120))
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        var response = response(Array(try encoder.encode(value)), contentType: "application/json")
        response.status = status
        return response
    }

    static func problem(_ status: HTTPResponse.Status, _ message: String) throws -> Response {
        try json(["error": message], status: status)
    }

    static func response(_ bytes: [UInt8], contentType: String) -> Response {
        Response(status: .ok, headers: [.contentType: contentType], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

/// Headers every response carries: a Content-Security-Policy that forbids everything an API
/// response or an error page could be made to do (the report's own is set where it is made),
/// no content sniffing, no referrer, no framing.
struct ProtectiveHeaders<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as HTTPError {
            // The router's own answers (no such route, wrong method) without their text.
            response = try ClaimTraceServer.problem(error.status, error.status == .notFound ? "no such page" : error.status.reasonPhrase)
        } catch {
            // What went wrong stays in the server's log; the client learns only that it did.
            FileHandle.standardError.write(Data("claimtrace: \(request.method) \(request.uri.path): \(error)\n".utf8))
            response = try ClaimTraceServer.problem(.internalServerError, "the server could not answer; its log says why")
        }
        if response.headers[.contentSecurityPolicy] == nil {
            response.headers[.contentSecurityPolicy] = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
        }
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        response.headers[.cacheControl] = "no-store"
        return response
    }
}

/// The claims of the store as it last was.
actor ClaimsCache {
    private var entry: (stamp: String, claims: CorpusClaims)?

    func value(for stamp: String, make: @Sendable () async throws -> CorpusClaims) async throws -> CorpusClaims {
        if let entry, entry.stamp == stamp { return entry.claims }
        let claims = try await make()
        entry = (stamp, claims)
        return claims
    }
}

/// Pages and lists computed from the whole store, kept until the store changes.
actor ComputedCache {
    private var entries: [String: [UInt8]] = [:]

    func value(for key: String, make: @Sendable () async throws -> [UInt8]) async throws -> [UInt8] {
        if let cached = entries[key] { return cached }
        // (Two requests arriving together may both make it; the second simply replaces the first.)
        let value = try await make()
        // Only the newest of each kind is worth keeping.
        let kind = key.prefix { $0 != "|" }
        entries = entries.filter { !$0.key.hasPrefix(kind + "|") }
        entries[key] = value
        return value
    }

    func clear() { entries.removeAll() }
}
