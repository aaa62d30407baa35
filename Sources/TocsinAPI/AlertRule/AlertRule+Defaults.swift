extension AlertRuleSpec {
    /// The default `keepFiringFor`: 0 s.
    public static let defaultKeepFiringFor = KubeDuration.zero
    /// The default `repeatInterval`: 4 h (Alertmanager's).
    public static let defaultRepeatInterval = KubeDuration.hours(4)
    /// The default `incidentRetention`: 30 days.
    public static let defaultIncidentRetention = KubeDuration.days(30)
}

extension AlertRule {
    /// The rule with defaults filled in: `for` and `groupBy` per condition type (``AlertConditionType``),
    /// `keepFiringFor: 0s`, `repeatInterval: 4h`, `notifyOnResolve: true`, `incidentRetention: 30d`,
    /// `opsgenie.region: us` (unless `baseURL` is set), and the condition's parameter defaults.
    ///
    /// `for` and `groupBy` depend on the condition type, which a CRD `default` cannot express: the operator applies
    /// them when it reads the rule; every other default is also a CRD `default`.
    public func withDefaults() -> AlertRule {
        var copy = self
        let type = spec.condition.type
        copy.spec.for = spec.for ?? type?.defaultFor
        copy.spec.groupBy = spec.groupBy ?? type?.defaultGroupBy
        copy.spec.keepFiringFor = spec.keepFiringFor ?? AlertRuleSpec.defaultKeepFiringFor
        copy.spec.repeatInterval = spec.repeatInterval ?? AlertRuleSpec.defaultRepeatInterval
        copy.spec.notifyOnResolve = spec.notifyOnResolve ?? true
        copy.spec.incidentRetention = spec.incidentRetention ?? AlertRuleSpec.defaultIncidentRetention
        copy.spec.condition = spec.condition.withDefaults()
        copy.spec.routes = spec.routes.map { route in
            var route = route
            if var opsgenie = route.opsgenie, opsgenie.baseURL == nil {
                opsgenie.region = opsgenie.region ?? .us
                route.opsgenie = opsgenie
            }
            return route
        }
        return copy
    }
}

extension AlertCondition {
    /// The default waiting reasons of containerWaiting.
    public static let defaultWaitingReasons = [
        "ImagePullBackOff", "ErrImagePull", "CreateContainerConfigError", "CreateContainerError", "InvalidImageName",
    ]

    /// The condition with its parameter defaults filled in: podCrashLooping `lookback: 5m`; containerWaiting
    /// ``defaultWaitingReasons``; podRestarts `window: 1h`; nodePressure all three conditions; warningEvent
    /// `minCount: 1`, `window: 10m`; probeDown `consecutiveFailures: 3`; onCallGap `within: 24h`.
    public func withDefaults() -> AlertCondition {
        var copy = self
        copy.podCrashLooping?.lookback = podCrashLooping?.lookback ?? .minutes(5)
        copy.containerWaiting?.reasons = containerWaiting?.reasons ?? Self.defaultWaitingReasons
        copy.podRestarts?.window = podRestarts?.window ?? .hours(1)
        copy.containerOOMKilled?.window = containerOOMKilled?.window ?? .minutes(10)
        copy.nodePressure?.conditions = nodePressure?.conditions ?? NodePressureCondition.Pressure.allCases
        copy.warningEvent?.minCount = warningEvent?.minCount ?? 1
        copy.warningEvent?.window = warningEvent?.window ?? .minutes(10)
        copy.probeDown?.consecutiveFailures = probeDown?.consecutiveFailures ?? 3
        copy.onCallGap?.within = onCallGap?.within ?? OnCallGapCondition.defaultWithin
        return copy
    }
}
