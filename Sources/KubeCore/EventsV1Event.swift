import Foundation

/// An `events.k8s.io/v1` Event (`ResourceType.eventsV1`).
public struct EventsV1Event: KubeResource, Hashable {
    /// `events.k8s.io/v1` events.
    public static var resourceType: ResourceType { .eventsV1 }

    /// `events.k8s.io/v1` when set.
    public var apiVersion: String?
    /// `Event` when set.
    public var kind: String?
    /// The event's metadata.
    public var metadata: ObjectMeta
    /// The object the event is about.
    public var regarding: ObjectReference?
    /// A second object involved.
    public var related: ObjectReference?
    /// A human-readable description.
    public var note: String?
    /// A machine-readable reason, e.g. `BackOff`.
    public var reason: String?
    /// `Normal` or `Warning`.
    public var type: String?
    /// What was done, e.g. `Binding`.
    public var action: String?
    /// When the event was first observed.
    public var eventTime: MicroTime?
    /// The repetition of the event.
    public var series: EventSeries?
    /// The controller that reported the event.
    public var reportingController: String?
    /// The instance of the reporting controller.
    public var reportingInstance: String?
    /// The count copied from a core event.
    public var deprecatedCount: Int32?
    /// The first timestamp copied from a core event.
    public var deprecatedFirstTimestamp: Date?
    /// The last timestamp copied from a core event.
    public var deprecatedLastTimestamp: Date?

    /// Creates an event.
    public init(
        apiVersion: String? = nil, kind: String? = nil, metadata: ObjectMeta = ObjectMeta(),
        regarding: ObjectReference? = nil, related: ObjectReference? = nil, note: String? = nil,
        reason: String? = nil, type: String? = nil, action: String? = nil, eventTime: MicroTime? = nil,
        series: EventSeries? = nil, reportingController: String? = nil, reportingInstance: String? = nil,
        deprecatedCount: Int32? = nil, deprecatedFirstTimestamp: Date? = nil, deprecatedLastTimestamp: Date? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.regarding = regarding
        self.related = related
        self.note = note
        self.reason = reason
        self.type = type
        self.action = action
        self.eventTime = eventTime
        self.series = series
        self.reportingController = reportingController
        self.reportingInstance = reportingInstance
        self.deprecatedCount = deprecatedCount
        self.deprecatedFirstTimestamp = deprecatedFirstTimestamp
        self.deprecatedLastTimestamp = deprecatedLastTimestamp
    }

    enum CodingKeys: String, TypeMetaCodingKey {
        case apiVersion, kind, metadata, regarding, related, note, reason, type, action, eventTime, series
        case reportingController, reportingInstance, deprecatedCount, deprecatedFirstTimestamp
        case deprecatedLastTimestamp
    }

    /// Encodes the event, writing `apiVersion` and `kind` from ``resourceType`` when `nil`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeTypeMeta(apiVersion: apiVersion, kind: kind, of: Self.resourceType)
        try container.encode(metadata, forKey: .metadata)
        try container.encodeIfPresent(regarding, forKey: .regarding)
        try container.encodeIfPresent(related, forKey: .related)
        try container.encodeIfPresent(note, forKey: .note)
        try container.encodeIfPresent(reason, forKey: .reason)
        try container.encodeIfPresent(type, forKey: .type)
        try container.encodeIfPresent(action, forKey: .action)
        try container.encodeIfPresent(eventTime, forKey: .eventTime)
        try container.encodeIfPresent(series, forKey: .series)
        try container.encodeIfPresent(reportingController, forKey: .reportingController)
        try container.encodeIfPresent(reportingInstance, forKey: .reportingInstance)
        try container.encodeIfPresent(deprecatedCount, forKey: .deprecatedCount)
        try container.encodeIfPresent(deprecatedFirstTimestamp, forKey: .deprecatedFirstTimestamp)
        try container.encodeIfPresent(deprecatedLastTimestamp, forKey: .deprecatedLastTimestamp)
    }

    /// The fields common to both event APIs (`note` becomes the message).
    public var summary: EventSummary {
        EventSummary(
            involvedObject: regarding ?? ObjectReference(),
            reason: reason,
            message: note,
            type: type,
            count: series?.count ?? deprecatedCount ?? 1,
            firstSeen: deprecatedFirstTimestamp ?? eventTime?.date ?? metadata.creationTimestamp,
            lastSeen: series?.lastObservedTime?.date ?? deprecatedLastTimestamp ?? eventTime?.date
                ?? metadata.creationTimestamp
        )
    }
}
