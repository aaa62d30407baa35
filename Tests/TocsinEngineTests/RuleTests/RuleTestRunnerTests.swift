import Testing
import TocsinEngine

@Suite("Rule test runner")
struct RuleTestRunnerTests {
    typealias F = RuleTestFixtures

    @Test("A crash loop with for: 15m is pending at 14m59s and fires at 15m, paging the primary")
    func firesAfterFor() throws {
        let result = try F.run("""
            steps:
              - at: 0m
                objects:
            \(F.pod("api-1", crashLooping: true))
            expect:
              - at: 14m59s
                incidents: []
              - at: 15m
                incidents:
                  - {rule: crash, \(F.apiGroup), phase: Firing, severity: high, paged: [alice], affectedObjectCount: 1}
            """)
        #expect(result.failures == [])
    }

    @Test("It resolves the crash-loop lookback plus keepFiringFor after the pod recovers, and a deleted pod leaves the group")
    func resolves() throws {
        let result = try F.run("""
            steps:
              - at: 0m
                objects:
            \(F.pod("api-1", crashLooping: true))
            \(F.pod("api-2", crashLooping: true))
              - at: 20m
                objects:
            \(F.pod("api-1", crashLooping: false))
                delete:
                  - {kind: Pod, namespace: shop, name: api-2}
            expect:
              - at: 19m
                incidents: [{rule: crash, \(F.apiGroup), affectedObjectCount: 2}]
              - at: 29m59s
                incidents: [{rule: crash, \(F.apiGroup), affectedObjectCount: 1}]
              - at: 30m
                incidents: []
            """)
        #expect(result.failures == [])
    }

    @Test("Escalation 30m after opening raises the severity and pages the secondary")
    func escalationPages() throws {
        let result = try F.run("""
            steps:
              - at: 0m
                objects:
            \(F.pod("api-1", crashLooping: true))
            expect:
              - at: 44m
                incidents: [{rule: crash, \(F.apiGroup), escalationLevel: 0, severity: high, paged: [alice]}]
              - at: 45m
                incidents: [{rule: crash, \(F.apiGroup), escalationLevel: 1, severity: critical, paged: [alice, carol]}]
            """)
        #expect(result.failures == [])
    }

    @Test("An acknowledged incident does not escalate; a resolved one stays resolved while the pod crashes")
    func operations() throws {
        let result = try F.run("""
            steps:
              - at: 0m
                objects:
            \(F.pod("api-1", crashLooping: true))
              - at: 20m
                acknowledge: [{rule: crash, \(F.apiGroup), by: alice}]
              - at: 50m
                resolve: [{rule: crash, \(F.apiGroup)}]
            expect:
              - at: 46m
                incidents: [{rule: crash, \(F.apiGroup), phase: Acknowledged, escalationLevel: 0, severity: high}]
              - at: 51m
                incidents: []
            """)
        #expect(result.failures == [])
    }

    @Test("Failing expectations produce the exact differences")
    func differences() throws {
        let result = try F.run("""
            steps:
              - at: 0m
                objects:
            \(F.pod("api-1", crashLooping: true))
              - at: 30m
                acknowledge: [{rule: crash, groupLabels: {namespace: shop, workload: Deployment/web}}]
            expect:
              - at: 10m
                incidents: [{rule: crash, \(F.apiGroup)}]
              - at: 16m
                incidents:
                  - {rule: crash, \(F.apiGroup), severity: critical, summary: "api down", paged: [bob]}
                  - {rule: crash, groupLabels: {namespace: shop, workload: Deployment/web}}
              - at: 17m
                incidents: []
            """)
        #expect(result.failures == [
            "at 10m: missing incident crash {namespace=shop, workload=Deployment/api}",
            "at 16m: incident crash {namespace=shop, workload=Deployment/api}: severity: expected critical, got high",
            "at 16m: incident crash {namespace=shop, workload=Deployment/api}: summary: expected \"api down\", got \"Deployment/api is crash looping\"",
            "at 16m: incident crash {namespace=shop, workload=Deployment/api}: paged: expected [bob], got [alice]",
            "at 16m: missing incident crash {namespace=shop, workload=Deployment/web}",
            "at 17m: unexpected incident crash {namespace=shop, workload=Deployment/api}",
            "at 30m: acknowledge: no open incident crash {namespace=shop, workload=Deployment/web}",
        ])
    }

    @Test("A rule whose Monitor is missing is reported, and nothing runs")
    func missingMonitor() throws {
        let test = try RuleTestFile(yaml: """
            manifests:
              - apiVersion: tocsin.dev/v1alpha1
                kind: AlertRule
                metadata: {name: crash, namespace: shop}
                spec:
                  monitorRef: {name: nowhere}
                  severity: high
                  condition: {podCrashLooping: {}}
                  routes: [{slack: {channel: "#shop", tokenSecretRef: {name: slack, key: token}}}]
            start: 2026-03-01T09:00:00Z
            expect: [{at: 0s, incidents: []}]
            """)
        var manifests = RuleTestManifests()
        manifests.add(inlineManifestsOf: test, source: "t.yaml")
        #expect(RuleTestRunner(test: test, manifests: manifests).run().failures == [
            "AlertRule shop/crash: spec.monitorRef: Monitor shop/nowhere is not among the test's manifests: add it to rules or manifests"
        ])
    }
}
