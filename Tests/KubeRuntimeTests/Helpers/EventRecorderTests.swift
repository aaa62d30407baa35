import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import Logging
import Testing
import TocsinTesting

@Suite("EventRecorder against the fake API server")
struct EventRecorderTests {
    static let pod = GenericObject(
        type: .pods, metadata: ObjectMeta(name: "web-1", namespace: "default", uid: "uid-web-1", resourceVersion: "42"))

    /// Failed writes are expected in some tests: keep the output readable.
    var quietLogger: Logger {
        var logger = Logger(label: "test.events")
        logger.logLevel = .critical
        return logger
    }

    /// Runs a recorder whose clock is `time` while `body` runs, then lets it finish its buffer.
    func withRecorder(
        _ client: KubernetesClient, time: LockedValue<Date>, metrics: QueueMetricsRecorder = QueueMetricsRecorder(),
        _ body: (EventRecorder) async throws -> Void
    ) async throws {
        let recorder = EventRecorder(
            client: client, reportingInstance: "tocsin-7d9f-abcde", now: { time.withLock { $0 } },
            metricsFactory: metrics, logger: quietLogger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await recorder.run() }
            try await body(recorder)
            recorder.finish()
            try await group.waitForAll()
        }
    }

    @Test func repeatedEventIsAggregatedIntoOneEventWithCount() async throws {
        try await withHelpersCluster { server, client in
            let time = LockedValue(helperEpoch)
            try await withRecorder(client, time: time) { recorder in
                for second in 0..<3 {
                    time.withLock { $0 = helperEpoch.addingTimeInterval(Double(second) * 60) }
                    recorder.record(.warning, reason: "SecretNotFound", message: "Secret slack is missing", about: Self.pod, resource: .pods)
                }
            }
            let events = server.objects(.events, namespace: "default")
            try #require(events.count == 1)
            let event = events[0]
            let name = try #require(event[path: ["metadata", "name"]]?.stringValue)
            #expect(name.hasPrefix("web-1."))
            #expect(name.count == "web-1.".count + 16)
            let suffix = name.dropFirst("web-1.".count)
            #expect(suffix.allSatisfy { $0.isHexDigit && !$0.isUppercase })
            #expect(
                event["involvedObject"] == [
                    "kind": "Pod", "namespace": "default", "name": "web-1", "uid": "uid-web-1", "apiVersion": "v1",
                    "resourceVersion": "42",
                ])
            #expect(event["type"] == "Warning")
            #expect(event["reason"] == "SecretNotFound")
            #expect(event["message"] == "Secret slack is missing")
            #expect(event["count"] == 3)
            #expect(event["firstTimestamp"] == "2027-01-15T08:00:00Z")
            #expect(event["lastTimestamp"] == "2027-01-15T08:02:00Z")
            #expect(event["source"] == ["component": "tocsin"])
            #expect(event["reportingComponent"] == "tocsin")
            #expect(event["reportingInstance"] == "tocsin-7d9f-abcde")
            #expect(server.requestCount(method: "POST", pathPrefix: "/api/v1/namespaces/default/events") == 1)
            #expect(server.requestCount(method: "PATCH", pathPrefix: "/api/v1/namespaces/default/events") == 2)
        }
    }

    @Test func differentMessagesGiveDifferentEvents() async throws {
        try await withHelpersCluster { server, client in
            let time = LockedValue(helperEpoch)
            try await withRecorder(client, time: time) { recorder in
                recorder.record(.normal, reason: "Synced", message: "Watching 3 pods", about: Self.pod, resource: .pods)
                recorder.record(.normal, reason: "Synced", message: "Watching 4 pods", about: Self.pod, resource: .pods)
            }
            let events = server.objects(.events, namespace: "default")
            #expect(Set(events.compactMap { $0["message"]?.stringValue }) == ["Watching 3 pods", "Watching 4 pods"])
            #expect(events.map { $0["count"] } == [1, 1])
        }
    }

    @Test func repeatAfterTenMinutesCreatesANewEvent() async throws {
        try await withHelpersCluster { server, client in
            let time = LockedValue(helperEpoch)
            try await withRecorder(client, time: time) { recorder in
                recorder.record(.normal, reason: "Synced", message: "ok", about: Self.pod, resource: .pods)
                time.withLock { $0 = helperEpoch.addingTimeInterval(601) }
                recorder.record(.normal, reason: "Synced", message: "ok", about: Self.pod, resource: .pods)
            }
            #expect(server.objects(.events, namespace: "default").map { $0["count"] } == [1, 1])
        }
    }

    @Test func spamFilterCapsEventsPerObject() async throws {
        try await withHelpersCluster { server, client in
            let time = LockedValue(helperEpoch)
            let metrics = QueueMetricsRecorder()
            try await withRecorder(client, time: time, metrics: metrics) { recorder in
                for index in 0..<30 {
                    recorder.record(.warning, reason: "ProbeFailed", message: "probe \(index) failed", about: Self.pod, resource: .pods)
                }
                // Five minutes later one more token is available.
                time.withLock { $0 = helperEpoch.addingTimeInterval(300) }
                recorder.record(.warning, reason: "ProbeFailed", message: "probe 30 failed", about: Self.pod, resource: .pods)
                recorder.record(.warning, reason: "ProbeFailed", message: "probe 31 failed", about: Self.pod, resource: .pods)
            }
            let messages = Set(server.objects(.events, namespace: "default").compactMap { $0["message"]?.stringValue })
            #expect(messages == Set((0..<25).map { "probe \($0) failed" } + ["probe 30 failed"]))
            #expect(metrics.counter("tocsin_events_dropped_total", [("reason", "spam_filter")]) == 6)
        }
    }

    @Test func longMessageIsCut() async throws {
        try await withHelpersCluster { server, client in
            let time = LockedValue(helperEpoch)
            try await withRecorder(client, time: time) { recorder in
                recorder.record(.normal, reason: "Long", message: String(repeating: "é", count: 600), about: Self.pod, resource: .pods)
            }
            let message = try #require(server.objects(.events, namespace: "default").first?["message"]?.stringValue)
            #expect(message == String(repeating: "é", count: 512))
        }
    }

    @Test func failedWriteIsCountedNotThrown() async throws {
        try await withHelpersCluster { server, client in
            let time = LockedValue(helperEpoch)
            let metrics = QueueMetricsRecorder()
            server.injectFailure(method: "POST", pathPrefix: "/api/v1/namespaces/default/events", status: 403, reason: "Forbidden", message: "events is forbidden", count: 1)
            try await withRecorder(client, time: time, metrics: metrics) { recorder in
                recorder.record(.normal, reason: "Synced", message: "ok", about: Self.pod, resource: .pods)
            }
            #expect(server.objects(.events, namespace: "default").isEmpty)
            #expect(metrics.counter("tocsin_events_dropped_total", [("reason", "write_failed")]) == 1)
        }
    }
}
