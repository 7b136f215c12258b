import ClaimTraceClean
import ClaimTraceCore
import ClaimTraceExtract
import ClaimTraceIngest
import ClaimTraceLink
import ClaimTraceStore
import Foundation

/// Runs the stages in order: ingest → clean → (extract → link, in later stages) → store.
///
/// The one place that knows the whole sequence. Per-record problems are collected, never fatal:
/// a run reports them at the end and its caller decides the exit status.
public struct Pipeline: Sendable {
    public var limits: IngestLimits
    /// Documents written to the store per transaction.
    public var batchSize: Int
    /// Whether to run the extract stage; commands that print only documents turn it off.
    public var annotates = true
    /// The gazetteer and alias table the extract stage uses; the bundled ones unless set.
    public var reference: ReferenceData?

    public init(limits: IngestLimits = IngestLimits(), batchSize: Int = 256) {
        self.limits = limits
        self.batchSize = batchSize
    }

    /// Reads, cleans and annotates every input, calling `handle` with each document in input order.
    ///
    /// Small one-article files are read and cleaned on all cores; multi-record files (JSON Lines,
    /// WARC) and large files stream one record at a time so memory stays bounded.
    /// - Parameters:
    ///   - problem: called for each file or record that could not be read.
    ///   - warning: called for each warning on a document that was read (repaired text, an unreadable date).
    public func documents(from inputs: [String], progress: ProgressReporter? = nil,
                          problem: (InputError) -> Void, warning: (InputError) -> Void = { _ in },
                          handle: (AnnotatedDocument) throws -> Void) throws {
        func deliver(_ annotated: AnnotatedDocument) throws {
            for message in annotated.document.warnings { warning(InputError(source: annotated.document.source, message)) }
            try handle(annotated)
        }
        let (files, walkErrors) = Ingestor.expand(inputs)
        walkErrors.forEach(problem)
        progress?.start(totalFiles: files.count, totalBytes: files.reduce(0) { $0 + ($1.size ?? 0) })
        let ingestor = Ingestor(limits: limits)
        let cleaner = Cleaner()
        let annotates = self.annotates
        let extractor = Extractor(reference: annotates ? (reference ?? ReferenceLoader.bundled) : ReferenceData())
        @Sendable func process(_ raw: RawArticle) -> AnnotatedDocument {
            let document = cleaner.clean(raw)
            guard annotates else { return AnnotatedDocument(document: document, annotations: Annotations()) }
            let (annotations, entities) = extractor.annotateWithEntities(document)
            return AnnotatedDocument(document: document, annotations: annotations, entities: entities)
        }
        var index = 0
        while index < files.count {
            let file = files[index]
            if Self.streams(file) {
                var lastBytes = 0
                do {
                    try ingestor.read(file, progress: { bytes in progress?.advance(bytes: bytes - lastBytes); lastBytes = bytes }) { event in
                        switch event {
                        case .article(let raw): try deliver(process(raw))
                        case .problem(let error): problem(error)
                        }
                    }
                } catch let error as InputError {
                    problem(error)
                }
                progress?.advance(files: 1, bytes: max(0, (file.size ?? 0) - lastBytes))
                index += 1
                continue
            }
            // A run of small files: read and clean them in parallel, then hand them on in order.
            // Bounded by count and bytes, so a run of large-ish files never piles up in memory.
            var group: [InputFile] = []
            var groupBytes = 0
            while index < files.count, group.count < 64, groupBytes < 32 << 20, !Self.streams(files[index]) {
                group.append(files[index])
                groupBytes += files[index].size ?? 0
                index += 1
            }
            let results = ResultSlots<[Result<AnnotatedDocument, InputError>]>(count: group.count)
            let batch = group
            DispatchQueue.concurrentPerform(iterations: batch.count) { i in
                var events: [Result<AnnotatedDocument, InputError>] = []
                do {
                    try ingestor.read(batch[i]) { event in
                        switch event {
                        case .article(let raw): events.append(.success(process(raw)))
                        case .problem(let error): events.append(.failure(error))
                        }
                    }
                } catch let error as InputError {
                    events.append(.failure(error))
                } catch {
                    events.append(.failure(InputError(source: batch[i].path, "\(error)")))
                }
                results.set(i, events)
            }
            for (i, file) in group.enumerated() {
                for event in results.get(i) ?? [] {
                    switch event {
                    case .success(let document): try deliver(document)
                    case .failure(let error): problem(error)
                    }
                }
                progress?.advance(files: 1, bytes: file.size ?? 0)
            }
        }
        progress?.finish()
    }

    /// Reads every input and calls `handle` with each raw article and the cleaner's decision for each
    /// of its blocks, streaming, without making documents. For inspecting why text was kept or removed.
    public func explain(_ inputs: [String], problem: (InputError) -> Void,
                        handle: (RawArticle, [(block: SourceBlock, fate: String)]) throws -> Void) throws {
        let (files, walkErrors) = Ingestor.expand(inputs)
        walkErrors.forEach(problem)
        let ingestor = Ingestor(limits: limits)
        let cleaner = Cleaner()
        for file in files {
            do {
                try ingestor.read(file) { event in
                    switch event {
                    case .article(let raw): try handle(raw, cleaner.explain(raw))
                    case .problem(let error): problem(error)
                    }
                }
            } catch let error as InputError {
                problem(error)
            }
        }
    }

    /// Standard input, multi-record containers and large files are streamed one record at a time.
    static func streams(_ file: InputFile) -> Bool {
        if file.path == "-" { return true }
        if (file.size ?? 0) > 8 << 20 { return true }
        let name = file.path.lowercased()
        return [".jsonl", ".ndjson", ".warc", ".warc.gz", ".jsonl.gz", ".ndjson.gz", ".arc.gz"].contains { name.hasSuffix($0) }
    }

    /// Reads, cleans and stores every input. Documents are committed in batches, each batch one
    /// transaction, so an interrupted run leaves whole documents only, and a rerun completes it.
    /// Batches are written on their own thread while the next ones are read and cleaned.
    public func ingest(_ inputs: [String], into store: StoreWriter, progress: ProgressReporter? = nil,
                       problem: (InputError) -> Void, warning: (InputError) -> Void = { _ in }) throws -> IngestSummary {
        let writer = BatchWriter(store: store)
        var problems = 0
        var warnings = 0
        var batch: [AnnotatedDocument] = []
        try documents(from: inputs, progress: progress, problem: { error in
            problems += 1
            problem(error)
        }, warning: warning) { annotated in
            warnings += annotated.document.warnings.count
            batch.append(annotated)
            if batch.count >= batchSize {
                try writer.submit(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        try writer.submit(batch)
        var summary = try writer.finish()
        summary.problems = problems
        summary.warnings = warnings
        summary.reannotated = try reannotate(store)
        (summary.reuseCompared, summary.sharedPassages) = try updateReuse(store, progress: progress)
        return summary
    }

    /// Reads, cleans, annotates and stores one upload: its bytes and the name it came under (the
    /// name chooses the reader, as a file's does, and becomes each document's source). One
    /// transaction: the upload's documents are all stored or none is.
    public func ingest(bytes: [UInt8], name: String, into store: StoreWriter) throws -> (summary: IngestSummary, problems: [InputError]) {
        let cleaner = Cleaner()
        let extractor = Extractor(reference: reference ?? ReferenceLoader.bundled)
        var documents: [AnnotatedDocument] = []
        var problems: [InputError] = []
        do {
            try Ingestor(limits: limits).read(bytes: bytes, name: name) { event in
                switch event {
                case .article(let raw):
                    let document = cleaner.clean(raw)
                    let (annotations, entities) = extractor.annotateWithEntities(document)
                    documents.append(AnnotatedDocument(document: document, annotations: annotations, entities: entities))
                case .problem(let error): problems.append(error)
                }
            }
        } catch let error as InputError {
            problems.append(error)
        }
        var summary = IngestSummary()
        for outcome in try store.write(documents, extractorVersion: Extractor.version) {
            switch outcome {
            case .added: summary.added += 1
            case .unchanged: summary.unchanged += 1
            case .replaced: summary.replaced += 1
            }
        }
        summary.problems = problems.count
        summary.warnings = documents.reduce(0) { $0 + $1.document.warnings.count }
        (summary.reuseCompared, summary.sharedPassages) = try updateReuse(store)
        return (summary, problems)
    }

    /// Compares each stored document not yet compared with the documents stored before it, in
    /// the order they were stored, and stores the passages they share: adding documents finds
    /// what a run over all of them in that order finds, without comparing the others again.
    /// Returns how many documents were compared and how many passages they share with earlier
    /// ones.
    @discardableResult
    public func updateReuse(_ store: StoreWriter, progress: ProgressReporter? = nil) throws -> (compared: Int, passages: Int) {
        let pending = try store.documentsNeedingReuse()
        guard !pending.isEmpty else { return (0, 0) }
        var passages = 0
        progress?.start(totalFiles: pending.count, totalBytes: 0, unit: "documents compared for text reuse")
        defer { progress?.finish() }
        let comparison = ReuseComparison(options: ReuseFinder.Options())
        let options = comparison.options
        // A few dozen documents a transaction: each commit writes the log.
        for start in stride(from: 0, to: pending.count, by: 64) {
            let chunk = Array(pending[start..<min(pending.count, start + 64)])
            try store.recordReuse(of: chunk) { id, transaction in
                guard let annotated = try transaction.annotatedDocument(id) else { return [] }
                let entry = ReuseEntry(annotated, keepsText: false)
                let found = try comparison.passages(of: entry, exchange: { fingerprints in
                    try transaction.addFindingEarlier(fingerprints.map { ($0.hash, $0.position) }, maxPostings: options.maxPostings).map { answer in
                        (answer.count, answer.postings.map { ReuseComparison.Place(order: $0.order, position: $0.position, own: $0.own) })
                    }
                }, earlier: { order in try transaction.comparisonData(order: order).flatMap(ReuseEntry.init(encoded:)) })
                try transaction.keepComparisonData(entry.encoded())
                passages += found.count
                return found
            }
            progress?.advance(files: chunk.count, bytes: 0)
        }
        return (pending.count, passages)
    }

    /// Annotates again the stored documents that an older extractor annotated, so a database
    /// keeps up with improved rules without re-reading its inputs.
    public func reannotate(_ store: StoreWriter) throws -> Int {
        let stale = try store.documentsNeedingAnnotation(version: Extractor.version)
        guard !stale.isEmpty else { return 0 }
        let extractor = Extractor(reference: reference ?? ReferenceLoader.bundled)
        var done = 0
        for start in stride(from: 0, to: stale.count, by: batchSize) {
            let ids = stale[start..<min(stale.count, start + batchSize)]
            let batch = try ids.compactMap { id in
                try store.document(id).map { document -> AnnotatedDocument in
                    let (annotations, entities) = extractor.annotateWithEntities(document)
                    return AnnotatedDocument(document: document, annotations: annotations, entities: entities)
                }
            }
            try store.replaceAnnotations(batch, extractorVersion: Extractor.version)
            done += batch.count
        }
        return done
    }
}

/// Writes batches of documents to a store on a serial queue, at most two batches ahead of the
/// reader, and remembers the first failure so the reader stops at its next batch.
private final class BatchWriter: @unchecked Sendable {
    private let store: StoreWriter
    private let queue = DispatchQueue(label: "claimtrace.store-writer")
    private let slots = DispatchSemaphore(value: 2)
    private let lock = NSLock()
    private var summary = IngestSummary()
    private var failure: Error?

    init(store: StoreWriter) { self.store = store }

    func submit(_ batch: [AnnotatedDocument]) throws {
        if let failure = lock.withLock({ failure }) { throw failure }
        guard !batch.isEmpty else { return }
        slots.wait()
        queue.async {
            defer { self.slots.signal() }
            guard self.lock.withLock({ self.failure == nil }) else { return }
            do {
                let outcomes = try self.store.write(batch, extractorVersion: Extractor.version)
                self.lock.withLock {
                    for outcome in outcomes {
                        switch outcome {
                        case .added: self.summary.added += 1
                        case .unchanged: self.summary.unchanged += 1
                        case .replaced: self.summary.replaced += 1
                        }
                    }
                }
            } catch {
                self.lock.withLock { self.failure = error }
            }
        }
    }

    /// Waits for every submitted batch; throws the first write failure.
    func finish() throws -> IngestSummary {
        queue.sync {}
        return try lock.withLock {
            if let failure { throw failure }
            return summary
        }
    }
}

/// Counts from one ingest run.
public struct IngestSummary: Sendable, Equatable {
    public var added = 0
    public var unchanged = 0
    public var replaced = 0
    /// Files or records that could not be read.
    public var problems = 0
    /// Documents stored with a warning (repaired text, an unreadable date).
    public var warnings = 0
    /// Stored documents annotated again because the extractor changed since they were stored.
    public var reannotated = 0
    /// Documents compared for text reuse with the documents stored before them.
    public var reuseCompared = 0
    /// Passages those documents were found to share with earlier ones.
    public var sharedPassages = 0
    public init() {}
}

/// Per-index result storage written from `concurrentPerform` workers.
final class ResultSlots<Value>: @unchecked Sendable {
    private var slots: [Value?]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ value: Value) { lock.lock(); slots[i] = value; lock.unlock() }
    func get(_ i: Int) -> Value? { lock.lock(); defer { lock.unlock() }; return slots[i] }
}

/// The claims of a stored corpus, with the corpus entities their sources and mentions resolve to.
public struct CorpusClaims: Sendable {
    public var claims: [Claim]
    public var entities: [CorpusEntity]

    /// Drafts every stored document's claim mentions and links them, with the text reuse the
    /// store found as the documents were added.
    public init(_ store: StoreReader) throws {
        var finder = ClaimFinder()
        var index = EntityIndex()
        try store.forEachAnnotatedDocument { annotated in
            finder.add(annotated)
            index.add(annotated)
        }
        entities = index.entities()
        claims = finder.claims(reuse: try store.reusePassages(), entities: EntityLookup(entities))
    }
}

extension CorpusClaims {
    /// The corpus entity going by `name`, or one of whose aliases is `name`.
    public func entity(named name: String) -> CorpusEntity? {
        let key = NameKey.strict(name)
        return entities.first { NameKey.strict($0.name) == key } ?? entities.first { $0.aliases.contains { NameKey.strict($0) == key } }
    }

    /// Whether a mention of `claim` contains a mention of `entity`.
    public func claim(_ claim: Claim, mentions entity: CorpusEntity) -> Bool {
        claim.mentions.contains { m in
            entity.mentions.contains { $0.document == m.document && $0.mention.span.start >= m.span.start && $0.mention.span.end <= m.span.end }
        }
    }
}
