import Foundation
import TocsinAPI
import TocsinTesting

/// Figure 6: the list and watch requests the operator makes to the API server for `rules` AlertRules over
/// `monitors` Monitors that all watch the same namespaces, counted on the fake after the operator has synced and
/// configured every rule. Measured twice, with `rules` and with `comparisonRules`: the counts must be equal, and
/// every collection path must have been listed once and watched once.
struct APIRequestsFigure: Sendable {
    var rules: Int
    var comparisonRules: Int
    var monitors: Int
    var podsPerNamespace: Int
    /// How long the operator runs after it is ready, so that late watches would be counted.
    var settle: Duration
    var timeout: Duration

    /// The namespaces every Monitor watches.
    static let watchedNamespaces = ["shop-a", "shop-b", "shop-c"]
    /// The conditions the rules cycle through (pod ones: the Monitors watch pods and events).
    static let conditions: [AlertCondition.Typed] = [
        .podFailed(PodFailedCondition()), .podNotReady(PodNotReadyCondition()), .podPending(PodPendingCondition()),
        .podRestarts(PodRestartsCondition(count: 5)),
    ]

    /// List and watch requests per collection path.
    struct Counts: Sendable, Equatable {
        var lists: [String: Int] = [:]
        var watches: [String: Int] = [:]

        var totalLists: Int { lists.values.reduce(0, +) }
        var totalWatches: Int { watches.values.reduce(0, +) }
        /// Paths listed or watched other than exactly once each.
        var irregularPaths: [String] {
            Set(lists.keys).union(watches.keys).sorted().filter { lists[$0] != 1 || watches[$0] != 1 }
        }

        /// One line per path: `/api/v1/namespaces/shop-a/pods list 1 watch 1`.
        var lines: [String] {
            Set(lists.keys).union(watches.keys).sorted().map {
                "\($0) list \(lists[$0] ?? 0) watch \(watches[$0] ?? 0)"
            }
        }
    }

    /// The outcome of both runs.
    struct Result: Sendable {
        var counts: Counts
        var comparison: Counts
        var otherRequests: Int
    }

    func run() async throws -> (figures: [Figure], result: Result) {
        let counts = try await measure(rules: rules)
        let comparison = try await measure(rules: comparisonRules)
        let result = Result(counts: counts.counts, comparison: comparison.counts, otherRequests: counts.other)
        let extra = (counts.counts.totalLists + counts.counts.totalWatches)
            - (comparison.counts.totalLists + comparison.counts.totalWatches)
        let figures = [
            Figure(
                key: "apiListRequests", title: "API list requests, \(rules) rules over \(monitors) Monitors",
                value: Double(counts.counts.totalLists), unit: "requests", target: nil),
            Figure(
                key: "apiWatchRequests", title: "API watch requests, \(rules) rules over \(monitors) Monitors",
                value: Double(counts.counts.totalWatches), unit: "requests", target: nil),
            Figure(
                key: "apiIrregularPaths", title: "collection paths not listed once + watched once",
                value: Double(counts.counts.irregularPaths.count + comparison.counts.irregularPaths.count),
                unit: "paths", target: .atMost(0)),
            Figure(
                key: "apiExtraRequestsForMoreRules",
                title: "extra list+watch requests, \(rules) vs \(comparisonRules) rules",
                value: Double(extra), unit: "requests", target: .atMost(0)),
        ]
        return (figures, result)
    }

    private func measure(rules: Int) async throws -> (counts: Counts, other: Int) {
        let monitors = self.monitors
        let pods = podsPerNamespace
        let settle = self.settle
        let timeout = self.timeout
        let namespace = BenchObjects.operatorNamespace
        return try await BenchOperator.run { server in
            try BenchObjects.createBase(in: server, namespaces: Self.watchedNamespaces, ruleNamespace: namespace)
            for (offset, watched) in Self.watchedNamespaces.enumerated() {
                for index in 0..<pods {
                    let number = offset * pods + index
                    try server.create(.pods, BenchObjects.pod(number, workload: "app-\(number % 7)", namespace: watched))
                }
            }
            for index in 0..<monitors {
                try server.create(
                    BenchObjects.resource("monitors"),
                    BenchObjects.json(BenchObjects.monitor(
                        "shop-\(index)", namespace: namespace, watching: Self.watchedNamespaces, kinds: [.pod, .event])))
            }
            for index in 0..<rules {
                try server.create(
                    BenchObjects.resource("alertrules"),
                    BenchObjects.json(BenchObjects.rule(
                        "rule-\(index)", namespace: namespace, monitor: "shop-\(index % monitors)",
                        condition: Self.conditions[index % Self.conditions.count])))
            }
        } _: { bench in
            try await bench.waitUntilReady(rules: rules, timeout: timeout)
            try await Task.sleep(for: settle)
            return Self.count(bench.cluster.requests)
        }
    }

    /// Sorts the requests into lists and watches of collection paths; the rest are counted together.
    static func count(_ requests: [FakeAPIServer.RecordedRequest]) -> (counts: Counts, other: Int) {
        var counts = Counts()
        var other = 0
        for request in requests {
            guard request.method == "GET", isCollection(request.path) else {
                other += 1
                continue
            }
            if request.query["watch"] == "true" || request.query["watch"] == "1" {
                counts.watches[request.path, default: 0] += 1
            } else {
                counts.lists[request.path, default: 0] += 1
            }
        }
        return (counts, other)
    }

    /// Whether `path` names a collection: `/api/v1/pods`, `/api/v1/namespaces`, `/api/v1/namespaces/x/pods`,
    /// `/apis/tocsin.dev/v1alpha1/namespaces/x/alertrules`, … (not one object, not a subresource).
    static func isCollection(_ path: String) -> Bool {
        var segments = path.split(separator: "/").map(String.init)
        if segments.first == "api", segments.count >= 2 {
            segments.removeFirst(2)
        } else if segments.first == "apis", segments.count >= 3 {
            segments.removeFirst(3)
        } else {
            return false
        }
        if segments.count == 1 { return true }
        return segments.count == 3 && segments[0] == "namespaces"
    }
}
