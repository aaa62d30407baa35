import Foundation
import TocsinControllers
import TocsinTesting

/// Figure 4: latency from the watch event that makes a rule fire to the request arriving at the fake Slack.
///
/// The whole operator runs (``BenchOperator``) with one `podFailed` AlertRule (`for: 0s`) over `incidents` pods,
/// each the only pod of its own Deployment, so each fires its own incident. Once the operator has synced, the pods
/// turn `Failed` one by one through the fake's store API (as the kubelet's status update would), paced at
/// `perSecond`; the instant before each write is the start, the fake Slack's arrival time of the
/// `chat.postMessage` naming the pod's workload is the end. The path in between is the real one: watch → engine →
/// Incident create and status write → Incident watch → delivery (fresh read of the Incident) → Slack.
///
/// Slack's limit of 1 message per second per channel would dominate (every incident posts to one channel), so the
/// bench raises ``DeliveryConfiguration/slackMessagesPerSecond`` to 10,000 (burst 1,000).
struct SlackLatencyFigure: Sendable {
    var incidents: Int
    var perSecond: Double
    var timeout: Duration

    static let namespace = "bench-latency"

    /// The measured latencies, in milliseconds, sorted.
    struct Result: Sendable {
        var milliseconds: [Double]
        var seconds: Double

        /// The nearest-rank percentile `p` (0–1).
        func percentile(_ p: Double) -> Double {
            guard !milliseconds.isEmpty else { return .nan }
            let rank = Int((p * Double(milliseconds.count)).rounded(.up))
            return milliseconds[min(max(rank, 1), milliseconds.count) - 1]
        }
    }

    static func workload(_ index: Int) -> String {
        "lat-" + String(repeating: "0", count: max(0, 5 - String(index).count)) + String(index)
    }

    func run() async throws -> [Figure] {
        let result = try await measure()
        let count = String(incidents)
        return [
            Figure(
                key: "slackLatencyP50Milliseconds", title: "event to Slack p50 (\(count) incidents, whole operator)",
                value: result.percentile(0.5), unit: "ms", target: nil),
            Figure(
                key: "slackLatencyP99Milliseconds", title: "event to Slack p99",
                value: result.percentile(0.99), unit: "ms", target: .atMost(50)),
            Figure(
                key: "slackLatencyMaxMilliseconds", title: "event to Slack max",
                value: result.milliseconds.last ?? .nan, unit: "ms", target: nil),
        ]
    }

    func measure() async throws -> Result {
        let incidents = self.incidents
        let namespace = Self.namespace
        var delivery = DeliveryConfiguration()
        delivery.slackMessagesPerSecond = 10_000
        delivery.slackBurst = 1_000
        let interval = Duration.seconds(1) / perSecond
        let timeout = self.timeout
        return try await BenchOperator.run(delivery: delivery) { server in
            try BenchObjects.createBase(in: server, namespaces: [namespace], ruleNamespace: namespace)
            try server.create(
                BenchObjects.resource("monitors"),
                BenchObjects.json(BenchObjects.monitor("apps", namespace: namespace, watching: nil)))
            try server.create(
                BenchObjects.resource("alertrules"),
                BenchObjects.json(BenchObjects.rule("pod-failed", namespace: namespace, monitor: "apps")))
            for index in 0..<incidents {
                try server.create(.pods, BenchObjects.pod(index, workload: Self.workload(index), namespace: namespace))
            }
        } _: { bench in
            try await bench.waitUntilReady(rules: 1, timeout: timeout)
            // Let the start-up writes (rule status, Monitor status, Events) settle.
            try await Task.sleep(for: .milliseconds(500))
            var sent: [Date] = []
            sent.reserveCapacity(incidents)
            let start = ContinuousClock.now
            for index in 0..<incidents {
                try await ContinuousClock().sleep(until: start + interval * index)
                let update = BenchObjects.failedStatusUpdate(index, workload: Self.workload(index), namespace: namespace)
                sent.append(Date())
                try bench.cluster.updateStatus(.pods, update)
            }
            let arrivals = try await Self.waitForPosts(bench.slack, count: incidents, timeout: timeout)
            let elapsed = ContinuousClock.now - start
            var latencies: [Double] = []
            for (index, arrival) in arrivals where index < sent.count {
                latencies.append(arrival.timeIntervalSince(sent[index]) * 1000)
            }
            guard latencies.count == incidents else {
                throw BenchError("Slack received messages for \(latencies.count) of \(incidents) incidents")
            }
            return Result(milliseconds: latencies.sorted(), seconds: elapsed.seconds)
        }
    }

    /// Polls the fake Slack every 5 ms until it has a `chat.postMessage` naming each of `count` workloads; returns
    /// the first arrival per workload index.
    static func waitForPosts(_ slack: FakeSlackServer, count: Int, timeout: Duration) async throws -> [Int: Date] {
        let deadline = ContinuousClock.now + timeout
        var arrivals: [Int: Date] = [:]
        var seen = 0
        while true {
            let posts = slack.requests(apiMethod: "chat.postMessage")
            for post in posts.dropFirst(seen) {
                guard let index = workloadIndex(in: post.rawBody) else { continue }
                if arrivals[index] == nil { arrivals[index] = post.receivedAt }
            }
            seen = posts.count
            if arrivals.count >= count { return arrivals }
            guard ContinuousClock.now < deadline else {
                throw BenchError(
                    "Timed out after \(timeout): Slack received messages for \(arrivals.count) of \(count) incidents")
            }
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    /// The index in the first `lat-NNNNN` of a request body.
    static func workloadIndex(in body: Data) -> Int? {
        let text = String(decoding: body, as: UTF8.self)
        guard let range = text.range(of: "lat-") else { return nil }
        let digits = text[range.upperBound...].prefix(5)
        guard digits.count == 5 else { return nil }
        return Int(digits)
    }
}
