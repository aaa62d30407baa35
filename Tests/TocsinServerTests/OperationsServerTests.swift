import Foundation
import Hummingbird
import Metrics
import Prometheus
import Testing
import TocsinServer

@Suite("OperationsServer over HTTP on 127.0.0.1")
struct OperationsServerTests {
    @Test func healthzAnswersOKWhileLivenessChecksPass() async throws {
        let checks = HealthChecks()
        checks.addLivenessCheck(named: "controller-loops") { true }
        try await withOperationsServer(healthChecks: checks) { server in
            let healthz = try await server.get("/healthz")
            #expect(healthz == ProbeResponse(status: 200, contentType: "text/plain; charset=utf-8", body: "ok"))
            let livez = try await server.get("/livez")
            #expect(livez.body == "ok")
        }
    }

    @Test func healthzAnswers500ListingTheFailingLivenessCheck() async throws {
        let checks = HealthChecks()
        checks.addLivenessCheck(named: "ping") { true }
        checks.addLivenessCheck(named: "controller-loops") { false }
        try await withOperationsServer(healthChecks: checks) { server in
            let healthz = try await server.get("/healthz")
            #expect(
                healthz
                    == ProbeResponse(
                        status: 500, contentType: "text/plain; charset=utf-8",
                        body: "[+]ping ok\n[-]controller-loops failed\nhealthz check failed\n"))
        }
    }

    @Test func readyzAnswers503ListingTheFailingCheckThen200OnceItPasses() async throws {
        let checks = HealthChecks()
        let isSynced = Flag(false)
        checks.addReadinessCheck(named: "leader-election") { true }
        checks.addReadinessCheck(named: "informer-sync") { isSynced.isSet }
        try await withOperationsServer(healthChecks: checks) { server in
            let notReady = try await server.get("/readyz")
            #expect(
                notReady
                    == ProbeResponse(
                        status: 503, contentType: "text/plain; charset=utf-8",
                        body: "[+]leader-election ok\n[-]informer-sync failed\nreadyz check failed\n"))

            isSynced.isSet = true
            let ready = try await server.get("/readyz")
            #expect(ready == ProbeResponse(status: 200, contentType: "text/plain; charset=utf-8", body: "ok"))
            let verbose = try await server.get("/readyz?verbose")
            #expect(verbose.body == "[+]leader-election ok\n[+]informer-sync ok\nreadyz check passed\n")
        }
    }

    @Test func metricsServesPrometheusTextAndACounterMovesBetweenScrapes() async throws {
        let metrics = MetricsBootstrap()
        let events = Counter(label: "tocsin_test_events_total", dimensions: [("kind", "Pod")], factory: metrics.factory)
        let depth = Gauge(label: "tocsin_workqueue_depth", dimensions: [("queue", "pods")], factory: metrics.factory)
        let duration = Metrics.Timer(
            label: "tocsin_reconcile_duration_seconds", dimensions: [("controller", "alertrule")],
            factory: metrics.factory)
        events.increment()
        depth.record(4)
        duration.recordMilliseconds(30)

        try await withOperationsServer(version: "1.2.3", registry: metrics.registry) { server in
            let first = try await server.get("/metrics")
            #expect(first.status == 200)
            #expect(first.contentType == "text/plain; version=0.0.4; charset=utf-8")
            let firstScrape = try PrometheusText(parsing: first.body)
            #expect(firstScrape.types["tocsin_build_info"] == "gauge")
            #expect(firstScrape.value("tocsin_build_info", ["version": "1.2.3"]) == 1)
            #expect(firstScrape.types["tocsin_test_events_total"] == "counter")
            #expect(firstScrape.value("tocsin_test_events_total", ["kind": "Pod"]) == 1)
            #expect(firstScrape.value("tocsin_workqueue_depth", ["queue": "pods"]) == 4)
            #expect(firstScrape.types["tocsin_reconcile_duration_seconds"] == "histogram")
            #expect(firstScrape.value("tocsin_reconcile_duration_seconds_count", ["controller": "alertrule"]) == 1)
            #expect(
                firstScrape.value("tocsin_reconcile_duration_seconds_bucket", ["controller": "alertrule", "le": "0.05"])
                    == 1)

            events.increment(by: 2)
            let secondScrape = try PrometheusText(parsing: try await server.get("/metrics").body)
            #expect(secondScrape.value("tocsin_test_events_total", ["kind": "Pod"]) == 3)
        }
    }

    @Test func unknownPathAnswers404() async throws {
        try await withOperationsServer { server in
            let unknown = try await server.get("/nope")
            #expect(unknown.status == 404)
            let belowReadyz = try await server.get("/readyz/extra")
            #expect(belowReadyz.status == 404)
        }
    }

    @Test func routesClosureAddsRouteGroups() async throws {
        try await withOperationsServer(routes: { router in
            router.group("slack").get("ping") { _, _ in "pong" }
        }) { server in
            let response = try await server.get("/slack/ping")
            #expect(response.status == 200)
            #expect(response.body == "pong")
            let healthz = try await server.get("/healthz")
            #expect(healthz.body == "ok")
        }
    }

    @Test func runThrowsWhenThePortIsTaken() async throws {
        try await withOperationsServer { first in
            let second = OperationsServer(
                configuration: .init(host: "127.0.0.1", port: first.port), version: "1.2.3",
                healthChecks: HealthChecks(), registry: PrometheusCollectorRegistry(), logger: quietLogger)
            await #expect(throws: (any Error).self) {
                try await second.run()
            }
        }
    }
}
