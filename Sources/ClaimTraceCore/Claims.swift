/// A checkable statement as the corpus tells it: every mention of it across documents, who each
/// mention credits, and the independent sources the credits lead back to.
public struct Claim: Sendable, Hashable {
    /// Stable while the claim's canonical mention stays the same: `C` + 12 hex digits.
    public var id: String
    /// The words of the canonical mention (the earliest published, then the fullest).
    public var text: String
    public var status: ClaimStatus
    /// The root sources the credits lead to, each counted once: the independent sources.
    public var roots: [RootSource]
    public var mentions: [ClaimMention]
    /// Where the same words are credited to different sources.
    public var conflicts: [CreditConflict]
    /// Every step from a mention or an outlet to what it credits: the provenance graph.
    public var steps: [ProvenanceStep]
    /// Outlets that credit one another for this claim and reach no source beyond themselves.
    public var cycles: [[String]]

    public var independentSources: Int { roots.count }

    public init(id: String, text: String, status: ClaimStatus, roots: [RootSource], mentions: [ClaimMention],
                conflicts: [CreditConflict], steps: [ProvenanceStep], cycles: [[String]]) {
        self.id = id; self.text = text; self.status = status; self.roots = roots; self.mentions = mentions
        self.conflicts = conflicts; self.steps = steps; self.cycles = cycles
    }
}

/// How far a claim is sourced. ClaimTrace reports sourcing; it never rules on truth.
public enum ClaimStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// Two or more independent root sources.
    case corroborated
    /// One root source, however many outlets repeat it.
    case singleSource = "single-source"
    /// No source anywhere: nobody named, nobody reporting it on their own authority.
    case unattributed
    /// Outlets credit one another and, beyond that circle, the claim has one root source or none.
    case circular
}

/// How a document or an outlet comes to credit a source with what it says.
public enum CreditKind: String, Sendable, Hashable, Codable {
    /// Inside quotation marks, said by the source.
    case quoted
    /// "according to X", "X said that …".
    case attributed
    /// An outlet named as where the report comes from.
    case cited
    /// A link to another document of the corpus.
    case linked
    /// The words were copied from an earlier document.
    case copied
    /// Stated by the outlet itself, crediting no one: the outlet is the source.
    case ownReporting = "own-reporting"
    /// An anonymous source ("a source familiar with …", "people close to …").
    case anonymous
    /// A source described but not named ("a lorry driver", "officials").
    case unnamed
    /// A description pointing back to a source the text names elsewhere ("the authority", "the
    /// company") that could not be tied to the name: not counted as a source of its own.
    case unresolved
}

/// A source a mention names in its own words.
public struct Credit: Sendable, Hashable, Codable {
    public var source: String
    public var kind: CreditKind
    /// Where the document names the source, when it does.
    public var span: TextSpan?
    public init(source: String, kind: CreditKind, span: TextSpan?) {
        self.source = source; self.kind = kind; self.span = span
    }
}

/// One place a claim is told.
public struct ClaimMention: Sendable, Hashable {
    public var document: DocumentID
    public var span: TextSpan
    public var text: String
    /// The sources these words credit.
    public var credits: [Credit]
    /// The earlier document these words were copied from, when a dated copy says so.
    public var copiedFrom: DocumentID?
    /// Passed on with "reportedly", "allegedly" and the like.
    public var hedged: Bool

    public init(document: DocumentID, span: TextSpan, text: String, credits: [Credit], copiedFrom: DocumentID?, hedged: Bool) {
        self.document = document; self.span = span; self.text = text; self.credits = credits
        self.copiedFrom = copiedFrom; self.hedged = hedged
    }
}

/// A source nothing further is credited for: a person, a body, an outlet reporting on its own
/// authority, or one group for all anonymous (or all unnamed) sources of a claim.
public struct RootSource: Sendable, Hashable {
    public var name: String
    public var kind: CreditKind
    public init(name: String, kind: CreditKind) { self.name = name; self.kind = kind }
}

/// One step of a claim's provenance: a mention, told by an outlet (`from`), credits `to`.
public struct ProvenanceStep: Sendable, Hashable {
    /// The outlet telling the mention (its original outlet for a republication), or the document
    /// id when it names none.
    public var from: String
    public var to: String
    public var kind: CreditKind
    /// Whether `to` is a root source; otherwise it is another outlet of the corpus.
    public var toRoot: Bool
    /// The mention whose words make the step.
    public var document: DocumentID
    public var span: TextSpan
    public var text: String

    public init(from: String, to: String, kind: CreditKind, toRoot: Bool, document: DocumentID, span: TextSpan, text: String) {
        self.from = from; self.to = to; self.kind = kind; self.toRoot = toRoot
        self.document = document; self.span = span; self.text = text
    }
}

/// The same quoted words credited to different sources in different documents.
public struct CreditConflict: Sendable, Hashable {
    public var text: String
    public var credits: [(source: String, document: DocumentID, span: TextSpan)]

    public init(text: String, credits: [(source: String, document: DocumentID, span: TextSpan)]) {
        self.text = text; self.credits = credits
    }

    public static func == (a: CreditConflict, b: CreditConflict) -> Bool {
        a.text == b.text && a.credits.elementsEqual(b.credits) { $0.source == $1.source && $0.document == $1.document && $0.span == $1.span }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(text)
        for c in credits { hasher.combine(c.source); hasher.combine(c.document); hasher.combine(c.span) }
    }
}
