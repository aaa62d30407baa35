import Foundation

/// A core `v1` Event (`ResourceType.events`).
///
/// The API server expires events after about an hour; a repeated event is updated in place (its `count`
/// or `series` grows), so a MODIFIED watch event is a repeat.
public struct Event: KubeResource, Hashable {
    /// Core `v1` events.
    public static var resourceType: ResourceType { .events }

    /// `v1` when set.
    public var apiVersion: String?
    /// `Event` when set.
    public var kind: String?
    /// The event's metadata.
    public var metadata: ObjectMeta
    /// The object the event is about.
    public var involvedObject: ObjectReference
    /// A machine-readable reason, e.g. `BackOff`.
    public var reason: String?
    /// A human-readable description.
    public var message: String?
    /// `Normal` or `Warning`.
    public var type: String?
    /// How many times the event occurred (older clients).
    public var count: Int32?
    /// When the event was first recorded (older clients).
    public var firstTimestamp: Date?
    /// When the event was last recorded (older clients).
    public var lastTimestamp: Date?
    /// When the event was first observed (newer clients).
    public var eventTime: MicroTime?
    /// The repetition of the event (newer clients).
    public var series: EventSeries?
    /// The component that reported the event (older clients).
    public var source: EventSource?
    /// The controller that reported the event, e.g. `kubelet`.
    public var reportingComponent: String?
    /// The instance of the reporting controller, e.g. the node name.
    public var reportingInstance: String?
    /// What was done, e.g. `Binding`.
    public var action: String?
    /// A second object involved.
    public var related: ObjectReference?

    /// Creates an event.
    public init(
        apiVersion: String? = nil, kind: String? = nil, metadata: ObjectMeta = ObjectMeta(),
        involvedObject: ObjectReference = ObjectReference(), reason: String? = nil, message: String? = nil,
        type: String? = nil, count: Int32? = nil, firstTimestamp: Date? = nil, lastTimestamp: Date? = nil,
        eventTime: MicroTime? = nil, series: EventSeries? = nil, source: EventSource? = nil,
        reportingComponent: String? = nil, reportingInstance: String? = nil, action: String? = nil,
        related: ObjectReference? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.involvedObject = involvedObject
        self.reason = reason
        self.message = message
        self.type = type
        self.count = count
        self.firstTimestamp = firstTimestamp
        self.lastTimestamp = lastTimestamp
        self.eventTime = eventTime
        self.series = series
        self.source = source
        self.reportingComponent = reportingComponent
        self.reportingInstance = reportingInstance
        self.action = action
        self.related = related
    }

    enum CodingKeys: String, TypeMetaCodingKey {
        case apiVersion, kind, metadata, involvedObject, reason, message, type, count, firstTimestamp, lastTimestamp
        case eventTime, series, source, reportingComponent, reportingInstance, action, related
    }

    /// Decodes an event; a missing `involvedObject` decodes as an empty reference.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            apiVersion: try container.decodeIfPresent(String.self, forKey: .apiVersion),
            kind: try container.decodeIfPresent(String.self, forKey: .kind),
            metadata: try container.decodeIfPresent(ObjectMeta.self, forKey: .metadata) ?? ObjectMeta(),
            involvedObject: try container.decodeIfPresent(ObjectReference.self, forKey: .involvedObject)
                ?? ObjectReference(),
            reason: try container.decodeIfPresent(String.self, forKey: .reason),
            message: try container.decodeIfPresent(String.self, forKey: .message),
            type: try container.decodeIfPresent(String.self, forKey: .type),
            count: try container.decodeIfPresent(Int32.self, forKey: .count),
            firstTimestamp: try container.decodeIfPresent(Date.self, forKey: .firstTimestamp),
            lastTimestamp: try container.decodeIfPresent(Date.self, forKey: .lastTimestamp),
            eventTime: try container.decodeIfPresent(MicroTime.self, forKey: .eventTime),
            series: try container.decodeIfPresent(EventSeries.self, forKey: .series),
            source: try container.decodeIfPresent(EventSource.self, forKey: .source),
            reportingComponent: try container.decodeIfPresent(String.self, forKey: .reportingComponent),
            reportingInstance: try container.decodeIfPresent(String.self, forKey: .reportingInstance),
            action: try container.decodeIfPresent(String.self, forKey: .action),
            related: try container.decodeIfPresent(ObjectReference.self, forKey: .related)
        )
    }

    /// Encodes the event, writing `apiVersion` and `kind` from ``resourceType`` when `nil`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeTypeMeta(apiVersion: apiVersion, kind: kind, of: Self.resourceType)
        try container.encode(metadata, forKey: .metadata)
        try container.encode(involvedObject, forKey: .involvedObject)
        try container.encodeIfPresent(reason, forKey: .reason)
        try container.encodeIfPresent(message, forKey: .message)
        try container.encodeIfPresent(type, forKey: .type)
        try container.encodeIfPresent(count, forKey: .count)
        try container.encodeIfPresent(firstTimestamp, forKey: .firstTimestamp)
        try container.encodeIfPresent(lastTimestamp, forKey: .lastTimestamp)
        try container.encodeIfPresent(eventTime, forKey: .eventTime)
        try container.encodeIfPresent(series, forKey: .series)
        try container.encodeIfPresent(source, forKey: .source)
        try container.encodeIfPresent(reportingComponent, forKey: .reportingComponent)
        try container.encodeIfPresent(reportingInstance, forKey: .reportingInstance)
        try container.encodeIfPresent(action, forKey: .action)
        try container.encodeIfPresent(related, forKey: .related)
    }

    /// The fields common to both event APIs.
    public var summary: EventSummary {
        EventSummary(
            involvedObject: involvedObject,
            reason: reason,
            message: message,
            type: type,
            count: series?.count ?? count ?? 1,
            firstSeen: firstTimestamp ?? eventTime?.date ?? metadata.creationTimestamp,
            lastSeen: series?.lastObservedTime?.date ?? lastTimestamp ?? eventTime?.date ?? metadata.creationTimestamp
        )
    }
}

/// The repetition of an event: how many times and when it was last observed.
public struct EventSeries: Codable, Sendable, Hashable {
    /// How many times the event occurred in this series.
    public var count: Int32?
    /// When the event was last observed.
    public var lastObservedTime: MicroTime?

    /// Creates a series.
    public init(count: Int32? = nil, lastObservedTime: MicroTime? = nil) {
        self.count = count
        self.lastObservedTime = lastObservedTime
    }
}

/// The component that reported a core event.
public struct EventSource: Codable, Sendable, Hashable {
    /// The component, e.g. `kubelet`.
    public var component: String?
    /// The node name.
    public var host: String?

    /// Creates a source.
    public init(component: String? = nil, host: String? = nil) {
        self.component = component
        self.host = host
    }
}
