import KubeCore
import Testing
import TocsinAPI

@Suite struct DefaultsTests {
    @Test(arguments: [
        (AlertConditionType.podCrashLooping, "15m", ["namespace", "workload"]),
        (.containerWaiting, "1h", ["namespace", "workload"]),
        (.containerOOMKilled, "0s", ["namespace", "workload"]),
        (.podFailed, "0s", ["namespace", "workload"]),
        (.podNotReady, "15m", ["namespace", "workload"]),
        (.podPending, "15m", ["namespace", "workload"]),
        (.podRestarts, "0s", ["namespace", "workload"]),
        (.nodeNotReady, "15m", ["node"]),
        (.nodePressure, "10m", ["node"]),
        (.nodeUnschedulable, "15m", ["node"]),
        (.warningEvent, "0s", ["namespace", "reason"]),
        (.workloadPodsNotReady, "15m", ["namespace", "workload"]),
        (.probeDown, "0s", ["probe"]),
        (.probeSlow, "5m", ["probe"]),
        (.field, "0s", ["kind", "namespace", "name"]),
        (.onCallGap, "0s", ["schedule"]),
    ])
    func conditionTypeDefaults(type: AlertConditionType, forDuration: String, groupBy: [String]) {
        #expect(type.defaultFor.description == forDuration)
        #expect(type.defaultGroupBy == groupBy)
    }

    @Test func alertRuleDefaults() {
        var rule = Fixtures.alertRule
        rule.spec.condition = AlertCondition(.containerWaiting(ContainerWaitingCondition()))
        rule.spec.routes.append(
            Route(
                match: RouteMatch(severities: [.critical]),
                opsgenie: OpsgenieReceiver(apiKeySecretRef: SecretKeySelector(name: "ops", key: "key"))
            )
        )
        let defaulted = rule.withDefaults()
        #expect(defaulted.spec.for == .hours(1))
        #expect(defaulted.spec.groupBy == ["namespace", "workload"])
        #expect(defaulted.spec.keepFiringFor == .zero)
        #expect(defaulted.spec.repeatInterval == .hours(4))
        #expect(defaulted.spec.notifyOnResolve == true)
        #expect(defaulted.spec.incidentRetention == .days(30))
        #expect(defaulted.spec.routes[1].opsgenie?.region == .us)
        #expect(defaulted.spec.condition.containerWaiting?.reasons == [
            "ImagePullBackOff", "ErrImagePull", "CreateContainerConfigError", "CreateContainerError", "InvalidImageName",
        ])
    }

    @Test func explicitValuesWin() {
        var rule = Fixtures.alertRule
        rule.spec.for = .zero
        rule.spec.groupBy = ["pod"]
        rule.spec.notifyOnResolve = false
        rule.spec.repeatInterval = .zero
        let defaulted = rule.withDefaults()
        #expect(defaulted.spec.for == .zero)
        #expect(defaulted.spec.groupBy == ["pod"])
        #expect(defaulted.spec.notifyOnResolve == false)
        #expect(defaulted.spec.repeatInterval == .zero)
        #expect(defaulted.spec.condition.podCrashLooping?.lookback == .minutes(5))
    }

    @Test(arguments: [
        (AlertCondition(.podRestarts(PodRestartsCondition(count: 5))),
         AlertCondition(.podRestarts(PodRestartsCondition(count: 5, window: .hours(1))))),
        (AlertCondition(.nodePressure(NodePressureCondition())),
         AlertCondition(.nodePressure(NodePressureCondition(conditions: [.memoryPressure, .diskPressure, .pidPressure])))),
        (AlertCondition(.warningEvent(WarningEventCondition(reasons: ["BackOff"]))),
         AlertCondition(.warningEvent(WarningEventCondition(reasons: ["BackOff"], minCount: 1, window: .minutes(10))))),
        (AlertCondition(.probeDown(ProbeDownCondition())),
         AlertCondition(.probeDown(ProbeDownCondition(consecutiveFailures: 3)))),
        (AlertCondition(.probeSlow(ProbeSlowCondition(threshold: .seconds(2)))),
         AlertCondition(.probeSlow(ProbeSlowCondition(threshold: .seconds(2))))),
        (AlertCondition(.onCallGap(OnCallGapCondition())),
         AlertCondition(.onCallGap(OnCallGapCondition(within: .hours(24))))),
    ])
    func conditionParameterDefaults(condition: AlertCondition, expected: AlertCondition) {
        #expect(condition.withDefaults() == expected)
    }

    @Test func monitorDefaults() {
        var monitor = Fixtures.monitor
        monitor.spec.ownership = Ownership(namespaceLabel: "team")
        let defaulted = monitor.withDefaults()
        #expect(defaulted.spec.kinds == [.pod, .node, .event])
        #expect(defaulted.spec.ownership == Ownership(namespaceLabel: "team", label: "team"))
        #expect(defaulted.spec.probes == [
            HTTPProbe(
                name: "api", url: "https://api.example.com/healthz", method: .get, interval: .seconds(30),
                timeout: .seconds(5), expectedStatus: [200], tlsInsecureSkipVerify: false
            )
        ])
        #expect(Fixtures.monitor.withDefaults().spec.ownership == nil)
    }

    @Test func scheduleAndIncidentDefaults() {
        #expect(Fixtures.schedule.withDefaults().spec.layering == .precedence)
        #expect(Fixtures.incident.withDefaults() == Fixtures.incident)
    }
}
