extension AlertCondition {
    /// The schema of an AlertRule's `condition`: one member per ``AlertConditionType``, exactly one set.
    public static var schema: SchemaProperty {
        let members = AlertConditionType.allCases.map { "has(self.\($0.rawValue))" }.joined(separator: ", ")
        return SchemaProperty.object(
            "The condition: exactly one type from the catalogue, with its parameters.",
            properties: Dictionary(uniqueKeysWithValues: AlertConditionType.allCases.map { ($0.rawValue, memberSchema($0)) })
        ).validated(
            by: "[\(members)].filter(x, x).size() == 1",
            message: "must set exactly one condition type: \(AlertConditionType.supportedValues)"
        )
    }

    /// The parameters of one condition type.
    static func memberSchema(_ type: AlertConditionType) -> SchemaProperty {
        switch type {
        case .podCrashLooping:
            .object(
                "A container of a pod is in CrashLoopBackOff at any time within lookback.",
                properties: [
                    "lookback": .duration("A container counts as crash looping if it was in CrashLoopBackOff at any time within this lookback, so the condition does not flap between restarts.")
                        .defaulted(to: .duration(KubeDuration.minutes(5)))
                ]
            )
        case .containerWaiting:
            .object(
                "A container is waiting with one of the given reasons (ImagePullBackOff, ...).",
                properties: [
                    "reasons": .array(
                        "The waiting reasons that count.", of: .string("A waiting reason.", minLength: 1, maxLength: 128),
                        minItems: 1, maxItems: 50, listType: .set
                    ).defaulted(to: .array(defaultWaitingReasons.map { .string($0) }))
                ]
            )
        case .containerOOMKilled:
            .object(
                "A container was killed for running out of memory (OOMKilled in state or lastState) within window.",
                properties: [
                    "window": .duration("How long after the kill (finishedAt) the container still counts; positive, at most 24h.")
                        .defaulted(to: .duration(KubeDuration.minutes(10)))
                ]
            )
        case .podFailed:
            .object("A pod is in phase Failed.", properties: [:])
        case .podNotReady:
            .object("A running pod is not ready (pods of Jobs, completed and scheduling-gated pods excluded).", properties: [:])
        case .podPending:
            .object("A pod is Pending (e.g. unschedulable).", properties: [:])
        case .podRestarts:
            .object(
                "A pod's containers restarted at least count times within window.",
                properties: [
                    "count": .integer("The number of restarts (all containers of the pod together) that fires.", minimum: 1),
                    "window": .duration("The sliding window the restarts are counted in; 1m to 24h.")
                        .defaulted(to: .duration(KubeDuration.hours(1))),
                ],
                required: ["count"]
            )
        case .nodeNotReady:
            .object("A node's Ready condition is not True.", properties: [:])
        case .nodePressure:
            .object(
                "A node reports one of the given pressure conditions.",
                properties: [
                    "conditions": .array(
                        "The pressure conditions that count when True.",
                        of: .enumeration(NodePressureCondition.Pressure.self, "A node pressure condition type."),
                        minItems: 1, maxItems: NodePressureCondition.Pressure.allCases.count, listType: .set
                    ).defaulted(to: .array(NodePressureCondition.Pressure.allCases.map { .string($0.rawValue) }))
                ]
            )
        case .nodeUnschedulable:
            .object("A node is cordoned (spec.unschedulable).", properties: [:])
        case .warningEvent:
            warningEventSchema
        case .workloadPodsNotReady:
            .object(
                "At least percent % of a workload's pods are not ready.",
                properties: [
                    "percent": .integer("Fires when at least this percentage of a workload's pods are not ready; pods are grouped by their controller.", minimum: 1, maximum: 100)
                ],
                required: ["percent"]
            )
        case .probeDown:
            .object(
                "A probe failed consecutiveFailures times in a row.",
                properties: [
                    "probe": .dnsLabel("The Monitor probe to evaluate; unset means every probe of the Monitor (one incident per probe by default)."),
                    "consecutiveFailures": .integer("Failed checks in a row that fire.", minimum: 1, maximum: 100)
                        .defaulted(to: .integer(3)),
                ]
            )
        case .probeSlow:
            .object(
                "A probe answered slower than threshold.",
                properties: [
                    "probe": .dnsLabel("The Monitor probe to evaluate; unset means every probe of the Monitor."),
                    "threshold": .duration("A successful check slower than this counts; positive."),
                ],
                required: ["threshold"]
            )
        case .field:
            fieldSchema
        case .onCallGap:
            .object(
                "An OnCallSchedule of the rule's namespace has nobody on call now, or a gap starting within within.",
                properties: [
                    "schedule": .string("The OnCallSchedule to watch (same namespace); unset means every schedule of the namespace.", minLength: 1, maxLength: 253),
                    "within": .duration("How far ahead a gap counts: the condition holds while a gap starts at or before now + within; 1h to 14d.")
                        .defaulted(to: .duration(OnCallGapCondition.defaultWithin)),
                ]
            )
        }
    }

    static var warningEventSchema: SchemaProperty {
        SchemaProperty.object(
            "Warning events matching reasons or patterns occurred at least minCount times within window; repeats of an event count.",
            properties: [
                "reasons": .array(
                    "Event reasons that count, e.g. FailedMount; when neither reasons nor reasonPattern is set every Warning event counts.",
                    of: .string("An event reason.", minLength: 1, maxLength: 128), minItems: 1, maxItems: 50, listType: .set
                ),
                "reasonPattern": .string("A regular expression (ICU syntax, unanchored) the reason must match.", minLength: 1, maxLength: 1024),
                "messagePattern": .string("A regular expression (ICU syntax, unanchored) the message must match.", minLength: 1, maxLength: 1024),
                "involvedKinds": .array(
                    "Kinds of the involved object that count, e.g. Pod; unset means every kind.",
                    of: .string("A kind.", minLength: 1, maxLength: 63), minItems: 1, maxItems: 50, listType: .set
                ),
                "minCount": .integer("How many occurrences within window fire.", minimum: 1).defaulted(to: .integer(1)),
                "window": .duration("The sliding window occurrences are counted in; 1m to 1h (events expire after about an hour).")
                    .defaulted(to: .duration(KubeDuration.minutes(10))),
            ]
        ).validated(
            by: "!(has(self.reasons) && has(self.reasonPattern))",
            message: "reasonPattern must not be set together with reasons", fieldPath: ".reasonPattern"
        )
    }

    static var fieldSchema: SchemaProperty {
        SchemaProperty.object(
            "A field of each object of kind compared with a value: path operator value.",
            properties: [
                "kind": .enumeration(WatchedKind.self, "The kind of object the path is evaluated on."),
                "path": .string(
                    "The field path from the object's root: dot-separated names, [*] or [N] after a list, [\"key\"] for a map key, e.g. status.containerStatuses[*].restartCount.",
                    minLength: 1, maxLength: 512
                ),
                "operator": .enumeration(FieldCondition.Operator.self, "The comparison."),
                "value": .string("The value to compare with (every operator but in).", maxLength: 1024),
                "values": .array("The values for the in operator.", of: .string("A value.", maxLength: 1024), minItems: 1, maxItems: 100),
            ],
            required: ["kind", "path", "operator"]
        ).validated(
            by: "self.operator == 'in' ? has(self.values) && !has(self.value) : has(self.value) && !has(self.values)",
            message: "operator in takes values (not value); every other operator takes value (not values)"
        )
    }
}
