import Foundation
import KubeClient
import KubeCore
import Logging
import Metrics
import ServiceLifecycle

/// Records core `v1` Events about objects ("Ready condition changed", "Secret not found"), the way
/// `kubectl describe` shows them.
///
/// ``record(_:reason:message:about:resource:)`` is synchronous and never fails: it buffers the event, and
/// ``run()`` (a `Service`; run exactly one) writes it. Writes are aggregated as client-go does: a repeat of
/// the same (object uid, type, reason, message) within 10 minutes PATCHes the existing Event (`count` + 1,
/// `lastTimestamp`); a per-object token bucket (burst 25, then one per 5 minutes) drops the excess. Failed
/// writes are logged and counted (`tocsin_events_dropped_total{reason}`), never thrown.
///
/// - Important: messages are stored in the cluster and readable by anyone who may list Events: never pass
///   secret values (tokens, passwords, webhook URLs) in a message or reason.
public final class EventRecorder: Sendable {
    /// The type of an Event.
    public enum EventType: String, Sendable, Hashable {
        /// Something expected happened.
        case normal = "Normal"
        /// Something needs attention.
        case warning = "Warning"
    }

    /// The longest message written, in UTF-8 bytes; longer ones are cut.
    public static let maximumMessageLength = 1024

    /// `source.component` and `reportingComponent` of every Event.
    public let component: String
    /// `reportingInstance` of every Event, e.g. the operator's pod name.
    public let reportingInstance: String

    let client: KubernetesClient
    let now: @Sendable () -> Date
    let logger: Logger
    let metrics: EventRecorderMetrics
    let stream: AsyncStream<PendingEvent>
    let continuation: AsyncStream<PendingEvent>.Continuation

    /// Creates a recorder.
    /// - Parameters:
    ///   - client: the client the Events are written with.
    ///   - reportingInstance: who reports, e.g. the pod name (`POD_NAME` from the downward API).
    ///   - component: the reporting component.
    ///   - bufferSize: the most events waiting to be written; beyond it new events are dropped.
    ///   - now: the wall clock, for timestamps, aggregation and the spam filter.
    ///   - metricsFactory: where `tocsin_events_dropped_total` is created.
    ///   - logger: logs failed writes (warning) and dropped events (debug).
    public init(
        client: KubernetesClient,
        reportingInstance: String,
        component: String = "tocsin",
        bufferSize: Int = 1000,
        now: @escaping @Sendable () -> Date = { Date() },
        metricsFactory: any MetricsFactory = MetricsSystem.factory,
        logger: Logger = Logger(label: "tocsin.events")
    ) {
        self.client = client
        self.reportingInstance = reportingInstance
        self.component = component
        self.now = now
        self.logger = logger
        self.metrics = EventRecorderMetrics(factory: metricsFactory)
        (stream, continuation) = AsyncStream.makeStream(of: PendingEvent.self, bufferingPolicy: .bufferingOldest(max(bufferSize, 1)))
    }

    /// Records an Event about `object`; returns at once. The Event is written by ``run()``.
    /// - Parameters:
    ///   - type: `Normal` or `Warning`.
    ///   - reason: a CamelCase reason, e.g. `SecretNotFound`.
    ///   - message: what happened, for humans; cut to ``maximumMessageLength`` bytes. Never a secret.
    ///   - object: the object the Event is about, as read from the API server (its uid and
    ///     resourceVersion are referenced).
    ///   - resource: the object's resource type; required for ``GenericObject``.
    public func record<T: KubeResource>(
        _ type: EventType, reason: String, message: String, about object: T, resource: ResourceType? = nil
    ) {
        let resourceType = resource ?? T.resourceType
        let metadata = object.metadata
        let reference = ObjectReference(
            kind: resourceType.kind, namespace: resourceType.isNamespaced ? metadata.namespace : nil,
            name: metadata.name, uid: metadata.uid, apiVersion: resourceType.apiVersion,
            resourceVersion: metadata.resourceVersion)
        let event = PendingEvent(
            type: type, reason: reason, message: Self.truncate(message), object: reference, time: now())
        if case .dropped = continuation.yield(event) {
            metrics.bufferFull.increment()
            logger.debug(
                "Dropped event: the event buffer is full",
                metadata: ["event.reason": "\(reason)", "object": "\(reference.namespace ?? "")/\(reference.name ?? "")"])
        }
    }

    /// `message` cut to at most ``maximumMessageLength`` UTF-8 bytes, on a character boundary.
    static func truncate(_ message: String) -> String {
        guard message.utf8.count > maximumMessageLength else { return message }
        var length = 0
        var result = ""
        for character in message {
            length += character.utf8.count
            if length > maximumMessageLength { break }
            result.append(character)
        }
        return result
    }
}

/// An event waiting to be written.
struct PendingEvent: Sendable {
    var type: EventRecorder.EventType
    var reason: String
    var message: String
    var object: ObjectReference
    var time: Date
}

/// The recorder's metrics.
struct EventRecorderMetrics: Sendable {
    /// `tocsin_events_dropped_total{reason="buffer_full"}`.
    let bufferFull: Counter
    /// `tocsin_events_dropped_total{reason="spam_filter"}`.
    let spamFilter: Counter
    /// `tocsin_events_dropped_total{reason="write_failed"}`.
    let writeFailed: Counter

    init(factory: any MetricsFactory) {
        func counter(_ reason: String) -> Counter {
            Counter(label: "tocsin_events_dropped_total", dimensions: [("reason", reason)], factory: factory)
        }
        bufferFull = counter("buffer_full")
        spamFilter = counter("spam_filter")
        writeFailed = counter("write_failed")
    }
}
