/// What a `/tocsin` slash command asks for, parsed from its text.
///
/// Words are separated by white space; the first is the subcommand (case-insensitive), the rest its arguments.
/// Incidents are named `<namespace>/<name>` or by name alone (the caller resolves it).
public enum SlackCommandRequest: Sendable, Hashable {
    /// `status`: the cluster and incident summary.
    case status
    /// `incidents`: the open incidents.
    case incidents
    /// `ack <incident>` (or `acknowledge <incident>`).
    case acknowledge(incident: String)
    /// `resolve <incident>`.
    case resolve(incident: String)
    /// `escalate <incident>`.
    case escalate(incident: String)
    /// `oncall [schedule]` (or `on-call`): who is on call, in one schedule or all.
    case onCall(schedule: String?)
    /// `override <schedule> <duration>`: the Slack user takes the schedule's on-call from now for the duration.
    case override(schedule: String, duration: String)
    /// `help`, or no text at all.
    case help
    /// Anything else, as typed (trimmed); answer with ``usageMessage(command:)``.
    case unknown(String)

    /// Parses the text after the command.
    public init(text: String) {
        let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        guard let first = words.first else {
            self = .help
            return
        }
        let arguments = Array(words.dropFirst())
        switch (first.lowercased(), arguments.count) {
        case ("status", 0): self = .status
        case ("incidents", 0): self = .incidents
        case ("ack", 1), ("acknowledge", 1): self = .acknowledge(incident: arguments[0])
        case ("resolve", 1): self = .resolve(incident: arguments[0])
        case ("escalate", 1): self = .escalate(incident: arguments[0])
        case ("oncall", 0), ("on-call", 0): self = .onCall(schedule: nil)
        case ("oncall", 1), ("on-call", 1): self = .onCall(schedule: arguments[0])
        case ("override", 2), ("take", 2): self = .override(schedule: arguments[0], duration: arguments[1])
        case ("help", _): self = .help
        default: self = .unknown(words.joined(separator: " "))
        }
    }

    /// The list of subcommands, for `help` (mrkdwn).
    public static func usage(command: String = "/tocsin") -> String {
        let command = SlackText.escaped(command)
        return """
            *Usage*
            `\(command) status` — cluster and incident summary
            `\(command) incidents` — open incidents
            `\(command) ack <namespace/name>` — acknowledge an incident
            `\(command) resolve <namespace/name>` — resolve an incident
            `\(command) escalate <namespace/name>` — escalate an incident now
            `\(command) oncall [schedule]` — who is on call
            `\(command) override <schedule> <duration>` — take the on-call from now, e.g. `override payments 4h`
            `\(command) help` — this list
            """
    }

    /// For ``unknown(_:)``: what was not understood, then ``usage(command:)``; `nil` for the other requests.
    public func usageMessage(command: String = "/tocsin") -> String? {
        guard case .unknown(let text) = self else { return nil }
        let quoted = SlackText.escapedTruncated(text, limit: 100)
        return "Sorry, I did not understand “\(quoted)”.\n" + Self.usage(command: command)
    }
}
