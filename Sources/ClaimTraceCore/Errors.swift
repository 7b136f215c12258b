/// A problem with one input file or record. The run reports it and goes on with the others.
public struct InputError: Error, Sendable, CustomStringConvertible {
    /// The input path, with the record's line or URL inside multi-record files.
    public var source: String
    /// What is wrong, in words a user can act on.
    public var message: String
    public init(source: String, _ message: String) { self.source = source; self.message = message }
    public var description: String { "\(source): \(message)" }
}
