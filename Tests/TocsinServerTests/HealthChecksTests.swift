import Testing
import TocsinServer

@Suite("HealthChecks and HealthReport")
struct HealthChecksTests {
    @Test func noChecksMeansPassing() async {
        let checks = HealthChecks()
        #expect(await checks.readiness() == HealthReport(results: []))
        #expect(await checks.readiness().text(endpoint: "readyz", isVerbose: false) == "ok")
        #expect(await checks.liveness().text(endpoint: "healthz", isVerbose: true) == "healthz check passed\n")
    }

    @Test func reportsEveryCheckInRegistrationOrder() async {
        let checks = HealthChecks()
        checks.addReadinessCheck(named: "b-informer-sync") { false }
        checks.addReadinessCheck(named: "a-leader-election") { true }
        checks.addReadinessCheck(named: "c-webhook") { false }
        let report = await checks.readiness()
        #expect(
            report
                == HealthReport(results: [
                    .init(name: "b-informer-sync", isPassing: false),
                    .init(name: "a-leader-election", isPassing: true),
                    .init(name: "c-webhook", isPassing: false),
                ]))
        #expect(!report.isPassing)
        #expect(report.failingCheckNames == ["b-informer-sync", "c-webhook"])
    }

    @Test func registeringTheSameNameReplacesTheCheckInPlace() async {
        let checks = HealthChecks()
        checks.addReadinessCheck(named: "informer-sync") { false }
        checks.addReadinessCheck(named: "leader-election") { true }
        checks.addReadinessCheck(named: "informer-sync") { true }
        #expect(
            await checks.readiness()
                == HealthReport(results: [
                    .init(name: "informer-sync", isPassing: true), .init(name: "leader-election", isPassing: true),
                ]))
    }

    @Test func removedChecksNoLongerCount() async {
        let checks = HealthChecks()
        checks.addLivenessCheck(named: "stuck") { false }
        checks.removeLivenessCheck(named: "stuck")
        checks.addReadinessCheck(named: "informer-sync") { false }
        checks.removeReadinessCheck(named: "informer-sync")
        #expect(await checks.liveness().isPassing)
        #expect(await checks.readiness().isPassing)
    }

    @Test func acceptsSynchronousCheckFunctions() async {
        let checks = HealthChecks()
        let isCacheSynced: @Sendable () -> Bool = { false }
        checks.addReadinessCheck(named: "informer-sync", isCacheSynced)
        #expect(await checks.readiness().failingCheckNames == ["informer-sync"])
    }

    @Test func livenessAndReadinessAreSeparate() async {
        let checks = HealthChecks()
        checks.addReadinessCheck(named: "informer-sync") { false }
        #expect(await checks.liveness().isPassing)
        #expect(await checks.readiness().failingCheckNames == ["informer-sync"])
    }
}
