import Foundation
import KubeClient
import KubeCore
import Logging
import ServiceLifecycle

/// Writing buffered events: aggregation, the spam filter, and the API calls.
extension EventRecorder: Service {
    /// Writes recorded events in order until the task is cancelled, or, on graceful shutdown, until the
    /// events recorded so far are written. Run exactly one per recorder.
    public func run() async throws {
        var correlator = EventCorrelator()
        await withGracefulShutdownHandler {
            for await event in stream {
                await publish(event, correlator: &correlator)
            }
        } onGracefulShutdown: {
            self.continuation.finish()
        }
    }

    /// Stops accepting events; ``run()`` returns once the buffered ones are written.
    public func finish() {
        continuation.finish()
    }

    func publish(_ event: PendingEvent, correlator: inout EventCorrelator) async {
        let objectKey = event.object.uid ?? "\(event.object.kind ?? "")/\(event.object.namespace ?? "")/\(event.object.name ?? "")"
        var metadata: Logger.Metadata = [
            "event.reason": "\(event.reason)",
            "object": "\(event.object.kind ?? "") \(event.object.namespace.map { "\($0)/" } ?? "")\(event.object.name ?? "")",
        ]
        guard correlator.spamFilter.allow(objectKey, at: event.time) else {
            metrics.spamFilter.increment()
            logger.debug("Dropped event: too many events about this object", metadata: metadata)
            return
        }
        let key = EventAggregator.Key(
            object: objectKey, type: event.type.rawValue, reason: event.reason, message: event.message)
        if let existing = correlator.aggregator.existing(key, at: event.time) {
            do {
                try await patch(existing, at: event.time)
                var updated = existing
                updated.count += 1
                updated.lastSeen = event.time
                correlator.aggregator.remember(updated, for: key)
                return
            } catch let error as KubeAPIError where error.isNotFound {
                // The Event expired (the API server keeps them about an hour): create a new one.
                correlator.aggregator.forget(key)
            } catch {
                metrics.writeFailed.increment()
                metadata["error"] = "\(error)"
                logger.warning("Could not update event", metadata: metadata)
                return
            }
        }
        let name = correlator.makeName(for: event.object.name ?? "object", at: event.time)
        let namespace = event.object.namespace ?? "default"
        do {
            _ = try await client.create(makeEvent(event, name: name, namespace: namespace), namespace: namespace)
            correlator.aggregator.remember(
                EventAggregator.Entry(
                    name: name, namespace: namespace, count: 1, firstTimestamp: event.time, lastSeen: event.time),
                for: key)
        } catch {
            metrics.writeFailed.increment()
            metadata["error"] = "\(error)"
            logger.warning("Could not create event", metadata: metadata)
        }
    }

    private func patch(_ existing: EventAggregator.Entry, at time: Date) async throws {
        let patch: JSONValue = [
            "count": .integer(Int64(existing.count) + 1),
            "lastTimestamp": try JSONValue(encoding: time),
        ]
        _ = try await client.patch(
            Event.self, name: existing.name, namespace: existing.namespace, patch: .merge(patch))
    }

    private func makeEvent(_ event: PendingEvent, name: String, namespace: String) -> Event {
        Event(
            metadata: ObjectMeta(name: name, namespace: namespace),
            involvedObject: event.object,
            reason: event.reason,
            message: event.message,
            type: event.type.rawValue,
            count: 1,
            firstTimestamp: event.time,
            lastTimestamp: event.time,
            source: EventSource(component: component),
            reportingComponent: component,
            reportingInstance: reportingInstance)
    }
}

/// The state of the writing loop: aggregation, spam filter, and unique names.
struct EventCorrelator: Sendable {
    var aggregator = EventAggregator()
    var spamFilter = EventSpamFilter()
    private var lastNanoseconds: Int64 = 0

    /// `<object name>.<16 hex digits of a nanosecond timestamp>`, unique within this recorder.
    mutating func makeName(for objectName: String, at time: Date) -> String {
        let seconds = time.timeIntervalSince1970
        var nanoseconds = seconds.isFinite && seconds > 0 ? Int64(min(seconds * 1e9, 9.2e18)) : 0
        if nanoseconds <= lastNanoseconds { nanoseconds = lastNanoseconds + 1 }
        lastNanoseconds = nanoseconds
        let hex = String(nanoseconds, radix: 16)
        return "\(objectName).\(String(repeating: "0", count: max(0, 16 - hex.count)))\(hex)"
    }
}
