/// A malformed test file: where (line and field path) and what to write instead.
public struct RuleTestError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The line (from 1) of the problem, when known.
    public var line: Int?
    /// The field path, e.g. `steps[1].objects[0]`; empty for the whole file.
    public var field: String
    /// What is wrong and what to do.
    public var message: String

    /// Creates an error.
    public init(line: Int?, field: String, message: String) {
        self.line = line
        self.field = field
        self.message = message
    }

    /// `steps[1].at: "20x" is not a duration: …`.
    public var description: String {
        field.isEmpty ? message : "\(field): \(message)"
    }
}
