import TocsinEngine

/// Inline YAML for the rule-test runner tests: a Monitor, a crash-loop rule (for 15m, keepFiringFor 5m, escalation
/// to `secondary` and critical 30m after opening) and two schedules, all in namespace shop.
enum RuleTestFixtures {
    static let manifests = """
        manifests:
          - apiVersion: tocsin.dev/v1alpha1
            kind: Monitor
            metadata: {name: shop, namespace: shop}
            spec: {kinds: [Pod]}
          - apiVersion: tocsin.dev/v1alpha1
            kind: AlertRule
            metadata: {name: crash, namespace: shop}
            spec:
              monitorRef: {name: shop}
              severity: high
              condition: {podCrashLooping: {lookback: 5m}}
              for: 15m
              keepFiringFor: 5m
              routes:
                - slack: {channel: "#shop", tokenSecretRef: {name: slack, key: token}}
                  onCallScheduleRef: {name: primary}
              escalation:
                - {after: 30m, severity: critical, onCallScheduleRef: {name: secondary}}
          - apiVersion: tocsin.dev/v1alpha1
            kind: OnCallSchedule
            metadata: {name: primary, namespace: shop}
            spec:
              timeZone: UTC
              rotations:
                - {name: daily, shiftLength: 1d, handoffTime: "09:00", start: "2026-03-01T09:00:00Z", participants: [{name: alice}]}
          - apiVersion: tocsin.dev/v1alpha1
            kind: OnCallSchedule
            metadata: {name: secondary, namespace: shop}
            spec:
              timeZone: UTC
              rotations:
                - {name: daily, shiftLength: 1d, handoffTime: "09:00", start: "2026-03-01T09:00:00Z", participants: [{name: carol}]}
        start: 2026-03-01T09:00:00Z

        """

    /// A pod of Deployment/api, crash looping or running.
    static func pod(_ name: String, crashLooping: Bool) -> String {
        let state = crashLooping ? "waiting: {reason: CrashLoopBackOff}" : "running: {}"
        return """
                  - apiVersion: v1
                    kind: Pod
                    metadata:
                      name: \(name)
                      namespace: shop
                      labels: {pod-template-hash: 7d9f8}
                      ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: api-7d9f8, uid: u, controller: true}]
                    status:
                      containerStatuses: [{name: app, restartCount: 3, state: {\(state)}}]

            """
    }

    /// The group of the Deployment's incident.
    static let apiGroup = "groupLabels: {namespace: shop, workload: Deployment/api}"

    /// Runs a test file made of the inline manifests followed by `scenario`.
    static func run(_ scenario: String) throws -> RuleTestResult {
        let test = try RuleTestFile(yaml: manifests + scenario)
        var loaded = RuleTestManifests()
        loaded.add(inlineManifestsOf: test, source: "test.yaml")
        return RuleTestRunner(test: test, manifests: loaded).run()
    }
}
