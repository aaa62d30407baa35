extension AlertCondition {
    /// Adds every problem of the condition to `validator`: exactly one member set, and each member's parameters.
    func validate(at path: FieldPath, into validator: inout Validator) {
        let types = setTypes
        if types.isEmpty {
            validator.add(.required, at: path, "must set exactly one condition type: \(AlertConditionType.supportedValues)")
        } else if types.count > 1 {
            validator.add(
                .forbidden, at: path,
                "must set exactly one condition type, found \(types.count): \(types.map(\.rawValue).joined(separator: ", "))"
            )
        }
        if let podCrashLooping {
            validator.checkDuration(podCrashLooping.lookback, at: path.child("podCrashLooping").child("lookback"), minimum: .minutes(1), maximum: .hours(1))
        }
        if let containerOOMKilled {
            validator.checkDuration(
                containerOOMKilled.window, at: path.child("containerOOMKilled").child("window"), minimum: .milliseconds(1),
                maximum: .hours(24))
        }
        if let containerWaiting {
            validator.checkNames(containerWaiting.reasons, at: path.child("containerWaiting").child("reasons"))
        }
        if let podRestarts {
            let item = path.child("podRestarts")
            validator.checkMinimum(podRestarts.count, 1, at: item.child("count"))
            validator.checkDuration(podRestarts.window, at: item.child("window"), minimum: .minutes(1), maximum: .hours(24))
        }
        if let nodePressure, let conditions = nodePressure.conditions {
            let item = path.child("nodePressure").child("conditions")
            validator.requireNonEmpty(conditions, at: item)
            validator.checkUniqueNames(conditions.map(\.rawValue), at: item, field: "")
        }
        if let warningEvent {
            validate(warningEvent, at: path.child("warningEvent"), into: &validator)
        }
        if let workloadPodsNotReady {
            validator.checkRange(workloadPodsNotReady.percent, 1...100, at: path.child("workloadPodsNotReady").child("percent"))
        }
        if let probeDown {
            let item = path.child("probeDown")
            if let probe = probeDown.probe { validator.checkDNSLabel(probe, at: item.child("probe")) }
            validator.checkRange(probeDown.consecutiveFailures, 1...100, at: item.child("consecutiveFailures"))
        }
        if let probeSlow {
            let item = path.child("probeSlow")
            if let probe = probeSlow.probe { validator.checkDNSLabel(probe, at: item.child("probe")) }
            validator.checkDuration(probeSlow.threshold, at: item.child("threshold"), minimum: .milliseconds(1))
        }
        if let field {
            validate(field, at: path.child("field"), into: &validator)
        }
        if let onCallGap {
            let item = path.child("onCallGap")
            if let schedule = onCallGap.schedule { validator.checkObjectName(schedule, at: item.child("schedule")) }
            validator.checkDuration(
                onCallGap.within, at: item.child("within"), minimum: OnCallGapCondition.withinRange.lowerBound,
                maximum: OnCallGapCondition.withinRange.upperBound)
        }
    }

    private func validate(_ condition: WarningEventCondition, at path: FieldPath, into validator: inout Validator) {
        validator.checkNames(condition.reasons, at: path.child("reasons"))
        if condition.reasons != nil, condition.reasonPattern != nil {
            validator.add(.forbidden, at: path.child("reasonPattern"), "must not be set together with reasons")
        }
        validator.checkPattern(condition.reasonPattern, at: path.child("reasonPattern"))
        validator.checkPattern(condition.messagePattern, at: path.child("messagePattern"))
        validator.checkNames(condition.involvedKinds, at: path.child("involvedKinds"))
        if let minCount = condition.minCount { validator.checkMinimum(minCount, 1, at: path.child("minCount")) }
        validator.checkDuration(condition.window, at: path.child("window"), minimum: .minutes(1), maximum: .hours(1))
    }

    private func validate(_ condition: FieldCondition, at path: FieldPath, into validator: inout Validator) {
        if validator.requireNonEmpty(condition.path, at: path.child("path")), condition.pathSegments == nil {
            validator.add(
                .invalid, at: path.child("path"),
                "must be a field path such as status.phase, status.containerStatuses[*].restartCount or metadata.labels[\"app.kubernetes.io/name\"]"
            )
        }
        let symbol = condition.operator.rawValue
        if condition.operator == .in {
            validator.requireNonEmpty(condition.values, at: path.child("values"))
            if condition.value != nil {
                validator.add(.forbidden, at: path.child("value"), "must not be set for operator in (use values)")
            }
            return
        }
        if condition.values != nil {
            validator.add(.forbidden, at: path.child("values"), "must not be set for operator \(symbol) (use value)")
        }
        guard let value = condition.value else {
            validator.add(.required, at: path.child("value"), "is required for operator \(symbol)")
            return
        }
        if condition.operator.isOrdering, Double(value) == nil {
            validator.add(.invalid, at: path.child("value"), "must be a number for operator \(symbol)")
        }
        if condition.operator == .matches {
            validator.checkPattern(value, at: path.child("value"))
        }
    }
}

extension Validator {
    /// Requires `value` ≥ `minimum`.
    package mutating func checkMinimum(_ value: Int, _ minimum: Int, at path: FieldPath) {
        if value < minimum { add(.invalid, at: path, "must be at least \(minimum)") }
    }

    /// Requires a list, when set, to be non-empty, with non-empty unique items.
    package mutating func checkNames(_ names: [String]?, at path: FieldPath) {
        guard let names else { return }
        requireNonEmpty(names, at: path)
        for (index, name) in names.enumerated() {
            requireNonEmpty(name, at: path.index(index))
        }
        checkUniqueNames(names, at: path, field: "")
    }
}
