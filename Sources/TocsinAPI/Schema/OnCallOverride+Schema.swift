import KubeCore

extension OnCallOverride {
    /// The `openAPIV3Schema` of the OnCallOverride CRD.
    public static var openAPIV3Schema: SchemaProperty {
        .root(spec: specSchema, status: statusSchema, kind: "OnCallOverride")
    }

    static var specSchema: SchemaProperty {
        .object(
            "A swap made outside git: participant is on call on the referenced OnCallSchedule from start to end, winning over the schedule's own overrides.",
            properties: [
                "scheduleRef": .reference("The OnCallSchedule (same namespace) whose on-call person is replaced."),
                "start": .timestamp("When the override begins."),
                "end": .timestamp("When it ends; after start and at most 90 days later. The operator deletes the override 7 days after it ends."),
                "participant": OnCallSchedule.participantSchema("Who is on call instead (effectiveFrom and effectiveUntil not allowed).")
                    .validated(
                        by: "!has(self.effectiveFrom) && !has(self.effectiveUntil)",
                        message: "effectiveFrom and effectiveUntil must not be set in an override"
                    ),
                "rotation": .dnsLabel("The rotation whose participant is replaced; unset replaces the whole schedule's result."),
                "reason": .string("Why, for the record (e.g. swap with bob).", maxLength: 256),
            ],
            required: ["scheduleRef", "start", "end", "participant"]
        )
        .validated(by: "self.end > self.start", message: "end must be after start", fieldPath: ".end")
        .validated(
            by: "self.end - self.start <= duration('2160h')",
            message: "end must be at most 90 days after start", fieldPath: ".end"
        )
    }

    static var statusSchema: SchemaProperty {
        .object(
            "Whether the override applies, as computed by the operator; written through the status subresource.",
            properties: [
                "observedGeneration": .observedGeneration,
                "conditions": .conditions("Ready (reasons Scheduled, Active, Expired, ScheduleNotFound, InvalidSpec), with observedGeneration."),
            ]
        )
    }
}

extension CustomResourceDefinition {
    /// The OnCallOverride CRD.
    public static let onCallOverride = CustomResourceDefinition(
        for: OnCallOverride.self, schema: OnCallOverride.openAPIV3Schema,
        printerColumns: [
            PrinterColumn(name: "Schedule", type: "string", jsonPath: ".spec.scheduleRef.name", description: "The OnCallSchedule overridden."),
            PrinterColumn(name: "Participant", type: "string", jsonPath: ".spec.participant.name", description: "Who is on call instead."),
            PrinterColumn(name: "Start", type: "string", jsonPath: ".spec.start", description: "When the override begins."),
            PrinterColumn(name: "End", type: "string", jsonPath: ".spec.end", description: "When the override ends."),
            PrinterColumn(name: "Reason", type: "string", jsonPath: ".spec.reason", description: "Why.", priority: 1),
            .ready, .age,
        ]
    )
}
