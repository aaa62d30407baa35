/// A place in a template's source: a 1-based line and a 1-based column counted in Unicode scalars.
public struct TemplatePosition: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The line, starting at 1.
    public var line: Int
    /// The column, starting at 1, counted in Unicode scalars.
    public var column: Int

    /// Creates a position from a line and a column, both starting at 1.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// `line:column`, as in `1:14`.
    public var description: String { "\(line):\(column)" }

    /// Orders positions as they appear in the source.
    public static func < (left: TemplatePosition, right: TemplatePosition) -> Bool {
        (left.line, left.column) < (right.line, right.column)
    }
}

/// One problem found in a template: a syntax error, a lint finding or a rendering warning.
///
/// Its ``description`` reads `unknown function humanise at 1:14; did you mean humanize?`: what is wrong, where, and
/// when it helps, what to do.
public struct TemplateDiagnostic: Sendable, Hashable, CustomStringConvertible {
    /// Where the problem is in the template's source.
    public var position: TemplatePosition
    /// What is wrong, without the position (`unknown function humanise`).
    public var message: String
    /// What to do about it, when there is a useful suggestion (`did you mean humanize?`).
    public var hint: String?

    /// Creates a diagnostic at a position, with a message and an optional hint.
    public init(at position: TemplatePosition, _ message: String, hint: String? = nil) {
        self.position = position
        self.message = message
        self.hint = hint
    }

    /// The message, the position and the hint: `unknown function humanise at 1:14; did you mean humanize?`.
    public var description: String {
        let located = "\(message) at \(position)"
        guard let hint else { return located }
        return "\(located); \(hint)"
    }
}

/// The error thrown when a template does not parse: every problem found, in source order.
public struct TemplateSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure this is, for callers that branch on it (an AlertRule condition reason, an exit code).
    public struct Code: Sendable, Hashable, RawRepresentable, CustomStringConvertible {
        /// The code's stable name, used as a Kubernetes condition reason.
        public var rawValue: String
        /// Creates a code from its stable name.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The template's source is not valid template syntax.
        public static let invalidTemplate = Code(rawValue: "InvalidTemplate")
        /// The code's stable name.
        public var description: String { rawValue }
    }

    /// Always ``Code/invalidTemplate`` today; a struct so that codes can be added without breaking callers.
    public var code: Code
    /// Every problem found, in source order; never empty.
    public var diagnostics: [TemplateDiagnostic]

    /// Creates the error from the problems found.
    public init(code: Code = .invalidTemplate, diagnostics: [TemplateDiagnostic]) {
        self.code = code
        self.diagnostics = diagnostics
    }

    /// All problems, one per line, as a user reads them in an AlertRule's status or in `tocsin validate`.
    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}

/// Thrown internally by the action parser; callers see diagnostics inside a ``TemplateSyntaxError``.
extension TemplateDiagnostic: Error {}
