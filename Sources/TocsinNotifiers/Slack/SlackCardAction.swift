/// The buttons of an incident card, by their Block Kit `action_id`.
public enum SlackCardAction: String, Sendable, Hashable, CaseIterable {
    /// Acknowledge the incident as the Slack user who clicked.
    case acknowledge = "tocsin_acknowledge"
    /// Resolve the incident by hand.
    case resolve = "tocsin_resolve"
    /// Take the next escalation step now.
    case escalate = "tocsin_escalate"

    /// The button's label.
    public var title: String {
        switch self {
        case .acknowledge: "Acknowledge"
        case .resolve: "Resolve"
        case .escalate: "Escalate"
        }
    }

    /// The button's colour: Acknowledge is the expected action, Escalate the alarming one.
    var style: SlackButton.Style? {
        switch self {
        case .acknowledge: .primary
        case .resolve: nil
        case .escalate: .danger
        }
    }
}

/// The namespace and name of an Incident, as carried in a button's `value` (`"<namespace>/<name>"`) and typed in
/// slash commands.
public struct SlackIncidentKey: Sendable, Hashable, CustomStringConvertible {
    /// The Incident's namespace.
    public var namespace: String
    /// The Incident's name.
    public var name: String

    /// Creates a key.
    public init(namespace: String, name: String) {
        self.namespace = namespace
        self.name = name
    }

    /// Parses `"<namespace>/<name>"`; `nil` unless both parts are non-empty and there is exactly one `/`.
    public init?(value: String) {
        let parts = value.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        namespace = String(parts[0])
        name = String(parts[1])
    }

    /// `"<namespace>/<name>"`.
    public var value: String { "\(namespace)/\(name)" }

    /// ``value``.
    public var description: String { value }
}
