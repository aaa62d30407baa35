/// A Tocsin object decoded from a manifest.
public enum TocsinObject: Sendable, Hashable {
    /// A Monitor.
    case monitor(Monitor)
    /// An AlertRule.
    case alertRule(AlertRule)
    /// An OnCallSchedule.
    case onCallSchedule(OnCallSchedule)
    /// An OnCallOverride.
    case onCallOverride(OnCallOverride)
    /// An Incident.
    case incident(Incident)

    /// Every problem of the object, each with its field path.
    public func validate() -> [ValidationError] {
        switch self {
        case .monitor(let object): object.validate()
        case .alertRule(let object): object.validate()
        case .onCallSchedule(let object): object.validate()
        case .onCallOverride(let object): object.validate()
        case .incident(let object): object.validate()
        }
    }
}

/// One document of a multi-document YAML manifest.
public struct ManifestDocument: Sendable, Hashable, CustomStringConvertible {
    /// The document's position in the stream, from 0 (empty documents are skipped but counted).
    public var index: Int
    /// The line (from 1) on which the document's content starts.
    public var line: Int
    /// The document's `apiVersion`, when it has one.
    public var apiVersion: String?
    /// The document's `kind`, when it has one.
    public var kind: String?
    /// The document's `metadata.name`, when it has one.
    public var name: String?
    /// The decoded object; `nil` when the document is not a Tocsin kind or did not decode.
    public var object: TocsinObject?
    /// Whether the document's `apiVersion` is in the `tocsin.dev` group.
    public var isTocsin: Bool
    /// Decoding errors, then (when validating) validation errors; empty when the document is fine.
    public var errors: [ValidationError]

    /// Creates a document result.
    public init(
        index: Int, line: Int, apiVersion: String?, kind: String?, name: String?, object: TocsinObject?, isTocsin: Bool,
        errors: [ValidationError]
    ) {
        self.index = index
        self.line = line
        self.apiVersion = apiVersion
        self.kind = kind
        self.name = name
        self.object = object
        self.isTocsin = isTocsin
        self.errors = errors
    }

    /// `document 2 (line 14) AlertRule crash-looping`.
    public var description: String {
        var text = "document \(index) (line \(line))"
        if let kind { text += " \(kind)" }
        if let name { text += " \(name)" }
        return text
    }
}

/// A manifest that is not well-formed YAML.
public struct ManifestSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The line (from 1) of the problem, when known.
    public var line: Int?
    /// The parser's explanation.
    public var message: String

    /// Creates a syntax error.
    public init(line: Int?, message: String) {
        self.line = line
        self.message = message
    }

    /// `invalid YAML at line 3: …`.
    public var description: String {
        if let line { return "invalid YAML at line \(line): \(message)" }
        return "invalid YAML: \(message)"
    }
}
