import ClaimTraceCore

/// Reads stored documents. Report, search and export code asks for a reader only.
public protocol StoreReader: Sendable {
    /// How many documents are stored.
    func documentCount() throws -> Int
    /// Calls `body` with every stored document in the order they were added, streaming.
    func forEachDocument(_ body: (Document) throws -> Void) throws
    /// Calls `body` with every stored document and its annotations, in the order they were added.
    func forEachAnnotatedDocument(_ body: (AnnotatedDocument) throws -> Void) throws
    /// One stored document with its annotations, or nil.
    func annotatedDocument(_ id: DocumentID) throws -> AnnotatedDocument?
    /// Changes whenever a document is added, replaced or re-annotated: what a cache of anything
    /// computed from the whole store is keyed by.
    func changeStamp() throws -> String
    /// Documents in the order they were added, `limit` of them after the first `offset`.
    func documents(offset: Int, limit: Int) throws -> [Document]
    /// Full-text search over titles, bodies and comments, best matches first.
    func search(_ query: String, limit: Int) throws -> [SearchHit]
    /// Every passage documents share, in the order they were found.
    func reusePassages() throws -> [ReusedPassage]
}

/// Adds documents. Each call is one transaction: its documents are all stored or none is.
public protocol StoreWriter: StoreReader {
    /// Stores documents with their annotations, made by extractor `extractorVersion`.
    func write(_ documents: [AnnotatedDocument], extractorVersion: Int) throws -> [WriteOutcome]
    /// Documents whose annotations were made by an extractor older than `version`.
    func documentsNeedingAnnotation(version: Int) throws -> [DocumentID]
    /// Loads one document.
    func document(_ id: DocumentID) throws -> Document?
    /// Replaces the annotations and entity mentions of stored documents, in one transaction.
    /// Text reuse is then found again for every document: names compare by their annotations.
    func replaceAnnotations(_ documents: [AnnotatedDocument], extractorVersion: Int) throws
    /// Documents not yet compared with the documents stored before them, in the order they were
    /// added.
    func documentsNeedingReuse() throws -> [DocumentID]
    /// Runs `find` for each document, in order, in one transaction, and stores the passages it
    /// returns: the fingerprints `find` adds, the passages and the marks that the documents were
    /// compared are all stored, or none is.
    func recordReuse(of documents: [DocumentID], _ find: (DocumentID, ReuseTransaction) throws -> [ReusedPassage]) throws
}

/// The fingerprint index as a store keeps it, for the document being compared, inside its
/// transaction.
public protocol ReuseTransaction {
    /// For each of the document's fingerprints in order: its earlier places and how many there
    /// are, then this document's place added (so a fingerprint the document repeats counts its
    /// own earlier place). No places when there are more than `maxPostings`: a stock phrase, not
    /// a sign of copying; a count above `maxPostings` means only that: too many.
    func addFindingEarlier(_ fingerprints: [(hash: UInt64, position: Int32)], maxPostings: Int) throws -> [(count: Int, postings: [FingerprintPosting])]
    /// A stored document with its annotations, as of this transaction.
    func annotatedDocument(_ id: DocumentID) throws -> AnnotatedDocument?
    /// What the comparison kept of an earlier document (`order` as in `FingerprintPosting`).
    func comparisonData(order: Int64) throws -> [UInt8]?
    /// Keeps what the comparison needs of the document being compared, for later documents.
    func keepComparisonData(_ data: [UInt8]) throws
}

/// A place a fingerprint occurs: a document, by a number that grows with the order documents were
/// stored in, and a word position.
public struct FingerprintPosting: Sendable, Equatable {
    public var order: Int64
    public var position: Int32
    /// The place is in the document being compared (a phrase it repeats).
    public var own: Bool
    public init(order: Int64, position: Int32, own: Bool) { self.order = order; self.position = position; self.own = own }
}

/// What storing one document did.
public enum WriteOutcome: Sendable, Equatable {
    /// A new document.
    case added(DocumentID)
    /// The same bytes were already stored (under `existing`): nothing changed.
    case unchanged(existing: DocumentID)
    /// A document from the same source with other content was replaced.
    case replaced(old: DocumentID, new: DocumentID)
}

/// One full-text search match.
public struct SearchHit: Sendable, Equatable {
    public var documentID: DocumentID
    public var title: String?
    public var source: String
    /// `body` or `comment`.
    public var part: String
    /// The commenter, for a match in a comment.
    public var commentAuthor: String?
    /// The matching passage, with each matched term between `highlightStart` and `highlightEnd`.
    public var snippet: String
    public static let highlightStart = "\u{1}"
    public static let highlightEnd = "\u{2}"

    public init(documentID: DocumentID, title: String?, source: String, part: String, commentAuthor: String?, snippet: String) {
        self.documentID = documentID; self.title = title; self.source = source; self.part = part
        self.commentAuthor = commentAuthor; self.snippet = snippet
    }
}

/// A problem with the store itself (not with one input).
public struct StoreError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var message: String
    public init(path: String, _ message: String) { self.path = path; self.message = message }
    public var description: String { "\(path): \(message)" }
}
