extension AlertRule {
    /// The `openAPIV3Schema` of the AlertRule CRD.
    public static var openAPIV3Schema: SchemaProperty {
        .root(spec: specSchema, status: statusSchema, kind: "AlertRule")
    }

    /// The rule that escalation steps have strictly increasing `after` (steps written in days or weeks, which CEL's
    /// `duration()` cannot parse, are left to the operator's validation).
    static let escalationOrderRule = SchemaProperty.ValidationRule(
        rule: "self.exists(s, s.after.matches('[dw]')) || (self.map(s, duration(s.after)).isSorted() && self.all(a, self.exists_one(b, duration(b.after) == duration(a.after))))",
        message: "escalation steps must have strictly increasing after"
    )

    static var specSchema: SchemaProperty {
        .object(
            "When to raise an incident, how bad it is, and to whom it goes.",
            properties: [
                "monitorRef": .reference("The Monitor (same namespace) whose objects and probes the condition evaluates."),
                "severity": .enumeration(Severity.self, "The severity of incidents opened by this rule (critical to info map to Opsgenie P1 to P5)."),
                "condition": AlertCondition.schema,
                "for": .duration("How long the condition must hold before the incident fires; at most 24h; the default depends on the condition type (e.g. 15m for podCrashLooping, 0s for containerOOMKilled)."),
                "keepFiringFor": .duration("How long a firing incident stays firing after the condition stops holding, to damp flapping; at most 24h.")
                    .defaulted(to: .duration(AlertRuleSpec.defaultKeepFiringFor)),
                "groupBy": .array(
                    "Alert labels whose values identify one incident (one incident per distinct combination); the default depends on the condition type (e.g. [namespace, workload] for pod conditions).",
                    of: .labelKey("An alert label name."), maxItems: 10, listType: .set
                ),
                "summary": .string("The incident's one-line summary, a template such as {{ .labels.namespace }}; the default is a built-in summary per condition type.", maxLength: maxSummaryLength),
                "description": .string("The incident's longer description, a template.", maxLength: maxDescriptionLength),
                "labels": .stringMap("Labels added to every incident of this rule (usable in groupBy, routes and templates)."),
                "routes": .array(
                    "Where incidents go: the first route whose match matches the incident's current severity and labels is used; a route without match matches everything.",
                    of: routeSchema, minItems: 1, maxItems: maxRoutes
                ),
                "escalation": .array(
                    "What happens while an incident stays firing and unacknowledged, in strictly increasing after order.",
                    of: escalationStepSchema, maxItems: maxEscalationSteps
                ).validated(by: escalationOrderRule),
                "repeatInterval": .duration("How often a firing, unacknowledged incident is announced again; 0s never, else at least 1m.")
                    .defaulted(to: .duration(AlertRuleSpec.defaultRepeatInterval)),
                "notifyOnResolve": .boolean("Whether receivers are told when the incident resolves.").defaulted(to: .boolean(true)),
                "muteWindows": .array(
                    "Recurring windows during which incidents of this rule are not announced (the resolve is still sent).",
                    of: muteWindowSchema, maxItems: 20
                ),
                "inhibitedBy": .array(
                    "Incidents of other rules that, while firing with equal label values, silence this rule's incidents.",
                    of: inhibitionSchema, maxItems: 20
                ),
                "incidentRetention": .duration("How long resolved incidents are kept before they are deleted; 1h to 52w.")
                    .defaulted(to: .duration(AlertRuleSpec.defaultIncidentRetention)),
            ],
            required: ["monitorRef", "severity", "condition", "routes"]
        )
    }

    static var escalationStepSchema: SchemaProperty {
        SchemaProperty.object(
            "A step taken when an incident is still firing and unacknowledged after its firing.",
            properties: [
                "after": .duration("Time since the incident fired; at least 1m and strictly increasing along the steps."),
                "onCallScheduleRef": .reference("Page whoever is on call in this OnCallSchedule (same namespace) now."),
                "severity": .enumeration(Severity.self, "Raise the incident to this severity (not lower than the rule's); routes are chosen again."),
            ],
            required: ["after"]
        ).validated(
            by: "has(self.onCallScheduleRef) || has(self.severity)", message: "must set at least one of onCallScheduleRef, severity"
        )
    }

    static var muteWindowSchema: SchemaProperty {
        SchemaProperty.object(
            "A recurring window in a time zone during which new incident notifications are held back.",
            properties: [
                "timeZone": .timeZone("The IANA time zone of the times, e.g. Europe/Amsterdam."),
                "daysOfWeek": .daysOfWeek("The days on which the window starts; unset means every day."),
                "startTime": .timeOfDay("The start, HH:MM."),
                "endTime": .timeOfDay("The end, HH:MM (24:00 allowed); not after the start means the next day.", allowsEndOfDay: true),
            ],
            required: ["timeZone", "startTime", "endTime"]
        ).validated(by: SchemaProperty.windowRule)
    }

    static var inhibitionSchema: SchemaProperty {
        .object(
            "A rule whose firing incidents silence this rule's incidents that share the equal label values.",
            properties: [
                "alertRuleRef": .reference("The inhibiting AlertRule (same namespace)."),
                "equal": .array(
                    "Labels that must have equal values on both incidents, e.g. [node].",
                    of: .labelKey("An alert label name."), minItems: 1, maxItems: 10, listType: .set
                ),
            ],
            required: ["alertRuleRef", "equal"]
        )
    }

    static var statusSchema: SchemaProperty {
        .object(
            "What the operator observed; written through the status subresource.",
            properties: [
                "observedGeneration": .observedGeneration,
                "conditions": .conditions("Ready (reasons such as MonitorNotFound, SecretNotFound, ScheduleNotFound, InvalidTemplate)."),
                "firing": .integer("How many incidents of this rule are firing (acknowledged included).", minimum: 0),
                "pending": .integer("How many groups are pending (condition holds, for not yet elapsed).", minimum: 0),
                "lastFiredTime": .timestamp("When an incident of this rule last fired."),
                "conditionType": .enumeration(AlertConditionType.self, "The type of the rule's condition, e.g. podCrashLooping."),
            ]
        )
    }
}
