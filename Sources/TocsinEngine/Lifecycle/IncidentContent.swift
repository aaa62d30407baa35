import TocsinAPI

/// What an incident says about its group at one instant: rendered texts, labels, value and the affected objects.
/// Refreshed while the incident fires; a change is announced as an update.
public struct IncidentContent: Sendable, Hashable {
    /// The group's main object in words, e.g. `Deployment/api` or `node-a`.
    public var subject: String
    /// The rendered summary.
    public var summary: String
    /// The rendered description, if the rule has one.
    public var description: String?
    /// The incident's labels: the group's labels, the Monitor's and the rule's.
    public var labels: [String: String]
    /// The group's value (see ``GroupActivation``), as text.
    public var value: String
    /// The affected objects, at most ``Incident/maxAffectedObjects``, sorted.
    public var affectedObjects: [AffectedObject]
    /// How many objects are affected in all.
    public var affectedObjectCount: Int

    /// Creates content.
    public init(
        subject: String, summary: String, description: String? = nil, labels: [String: String] = [:],
        value: String = "", affectedObjects: [AffectedObject] = [], affectedObjectCount: Int = 0
    ) {
        self.subject = subject
        self.summary = summary
        self.description = description
        self.labels = labels
        self.value = value
        self.affectedObjects = affectedObjects
        self.affectedObjectCount = affectedObjectCount
    }
}

extension IncidentContent {
    /// Whether going from `old` to this content is worth announcing: the affected objects (by identity), their
    /// number, the subject or the texts changed. A detail or the value alone (a restart count creeping up) is
    /// not: it rides along with the next announced change, so a crash-looping pod does not edit the Slack
    /// message at every restart.
    public func isAnnounceableChange(from old: IncidentContent) -> Bool {
        func identities(_ objects: [AffectedObject]) -> [String] {
            objects.map { "\($0.kind)/\($0.namespace ?? "")/\($0.name)" }
        }
        return subject != old.subject || summary != old.summary || description != old.description
            || affectedObjectCount != old.affectedObjectCount
            || identities(affectedObjects) != identities(old.affectedObjects)
    }
}
