/// A passage two documents share, verbatim or nearly, with its place in each.
///
/// `a` is the side the passage most likely came from when the publication dates say so (then
/// `origin` names it); without two different dates the sides are in document id order and
/// `origin` is nil: direction is never guessed.
public struct ReusedPassage: Sendable, Hashable, Codable {
    public var a: DocumentID
    public var aSpan: TextSpan
    public var b: DocumentID
    public var bSpan: TextSpan
    /// Words aligned alike over the words of both sides: 1 for a verbatim copy.
    public var similarity: Double
    public var kind: ReuseKind
    /// The earlier-published side, when both dates are known and differ.
    public var origin: DocumentID?

    public init(a: DocumentID, aSpan: TextSpan, b: DocumentID, bSpan: TextSpan, similarity: Double, kind: ReuseKind, origin: DocumentID?) {
        self.a = a; self.aSpan = aSpan; self.b = b; self.bSpan = bSpan
        self.similarity = similarity; self.kind = kind; self.origin = origin
    }
}

/// Whether one document copied the other's own prose, or both quote the same outside speaker.
public enum ReuseKind: String, Sendable, Hashable, Codable {
    /// The shared words are the writer's prose on at least one side.
    case copy
    /// The shared words lie inside quotation marks on both sides: two reports of one speaker's
    /// words, which says nothing about one copying the other.
    case sharedQuotation = "shared-quotation"
}
