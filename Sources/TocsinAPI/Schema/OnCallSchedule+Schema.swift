extension OnCallSchedule {
    /// The `openAPIV3Schema` of the OnCallSchedule CRD.
    public static var openAPIV3Schema: SchemaProperty {
        .root(spec: specSchema, status: statusSchema, kind: "OnCallSchedule")
    }

    static var specSchema: SchemaProperty {
        .object(
            "Who is on call when: rotations (layers) of participants in an IANA time zone, and time-bounded overrides.",
            properties: [
                "timeZone": .timeZone("The IANA time zone in which handoff times, restrictions and calendar days are read, e.g. Europe/Amsterdam."),
                "layering": .enumeration(OnCallScheduleSpec.Layering.self, "How rotations combine: precedence (the last rotation with someone on call wins) or cumulative (everyone on call in any rotation).")
                    .defaulted(to: .string(OnCallScheduleSpec.Layering.precedence.rawValue)),
                "rotations": .array(
                    "The rotations (layers), lowest precedence first.", of: rotationSchema, minItems: 1,
                    maxItems: maxRotations, listType: .map
                ).with { $0.listMapKeys = ["name"] },
                "overrides": .array(
                    "Time-bounded replacements, which win over every rotation.", of: overrideSchema, maxItems: maxOverrides
                ),
                "notifications": notificationsSchema,
            ],
            required: ["timeZone", "rotations"]
        )
    }

    static func participantSchema(_ description: String) -> SchemaProperty {
        SchemaProperty.object(
            description,
            properties: [
                "name": .string("A name unique in the rotation, shown in Slack, status and incidents.", minLength: 1, maxLength: 63),
                "slackUserID": .string("The Slack user ID (U... or W...), used to mention the person.", pattern: "^[UW][A-Z0-9]+$", maxLength: 32),
                "opsgenieUser": .string("The Opsgenie username (an e-mail address), used as a responder.", pattern: "^[^@\\s]+@[^@\\s]+$", maxLength: 254),
                "timeZone": .timeZone("The person's own IANA time zone, for display only (handoffs follow the schedule's zone)."),
                "effectiveFrom": .timestamp("The person joins the rotation at the first handoff at or after this time, so adding someone does not reshuffle the current and next shifts."),
                "effectiveUntil": .timestamp("The person leaves the rotation at the first handoff at or after this time."),
            ],
            required: ["name"]
        ).validated(
            by: "!has(self.effectiveFrom) || !has(self.effectiveUntil) || self.effectiveUntil > self.effectiveFrom",
            message: "effectiveUntil must be after effectiveFrom", fieldPath: ".effectiveUntil"
        )
    }

    static var rotationSchema: SchemaProperty {
        .object(
            "A layer: participants take shifts of shiftLength in turn, handing off at handoffTime in the schedule's time zone.",
            properties: [
                "name": .dnsLabel("The rotation's name, unique in the schedule."),
                "participants": .array(
                    "The participants, in rotation order.", of: participantSchema("A person who can be on call."),
                    minItems: 1, maxItems: maxParticipants
                ),
                "shiftLength": .duration("The length of one shift: whole hours dividing a day (1h to 12h) or whole days (1d, 1w, 14d), counted as calendar days."),
                "handoffTime": .timeOfDay("The handoff time, HH:MM in the schedule's time zone."),
                "start": .timestamp("When the rotation takes effect."),
                "restrictions": .array(
                    "When set, participants are on call only inside these windows (in the schedule's time zone).",
                    of: SchemaProperty.object(
                        "A recurring wall-clock window: on the given days, from startTime to endTime.",
                        properties: [
                            "daysOfWeek": .daysOfWeek("The days on which the window starts; unset means every day."),
                            "startTime": .timeOfDay("The start, HH:MM, inclusive."),
                            "endTime": .timeOfDay("The end, HH:MM (24:00 allowed), exclusive; not after startTime means the next day.", allowsEndOfDay: true),
                        ],
                        required: ["startTime", "endTime"]
                    ).validated(by: SchemaProperty.windowRule),
                    minItems: 1, maxItems: 20
                ),
            ],
            required: ["name", "participants", "shiftLength", "handoffTime", "start"]
        )
    }

    static var overrideSchema: SchemaProperty {
        SchemaProperty.object(
            "A replacement: participant is on call from start to end instead of whoever the rotations say.",
            properties: [
                "start": .timestamp("When the override begins."),
                "end": .timestamp("When it ends; after start."),
                "participant": participantSchema("Who is on call instead (effectiveFrom and effectiveUntil not allowed).")
                    .validated(
                        by: "!has(self.effectiveFrom) && !has(self.effectiveUntil)",
                        message: "effectiveFrom and effectiveUntil must not be set in an override"
                    ),
                "rotation": .dnsLabel("The rotation whose participant is replaced; unset replaces the whole schedule's result."),
                "reason": .string("Why, for the record (e.g. swap with bob).", maxLength: 256),
            ],
            required: ["start", "end", "participant"]
        ).validated(by: "self.end > self.start", message: "end must be after start", fieldPath: ".end")
    }

    static var statusSchema: SchemaProperty {
        let shift = SchemaProperty.object(
            "One participant's time on call.",
            properties: [
                "participant": .string("The participant's name."),
                "slackUserID": .string("The participant's Slack user ID."),
                "opsgenieUser": .string("The participant's Opsgenie username."),
                "rotation": .string("The rotation the shift comes from; unset for an override."),
                "override": .boolean("Whether the shift comes from an override."),
                "start": .timestamp("When the shift starts."),
                "end": .timestamp("When the shift ends."),
            ],
            required: ["participant", "start", "end"]
        )
        return .object(
            "Who is on call now and next, as computed by the operator; written through the status subresource.",
            properties: [
                "observedGeneration": .observedGeneration,
                "conditions": .conditions("Ready (reasons such as Invalid, NobodyOnCall), with observedGeneration."),
                "onCallNow": .array("Everyone on call now (one entry with precedence layering, unless nobody is).", of: shift),
                "nextHandoff": .timestamp("The next instant at which who is on call changes."),
                "upcomingShifts": .array("The next shifts (at most 10).", of: shift, maxItems: 10),
                "gaps": .array(
                    "Periods within the next 14 days with nobody on call (at most 20).",
                    of: .object(
                        "A period of time, start inclusive, end exclusive.",
                        properties: ["start": .timestamp("The start."), "end": .timestamp("The end.")],
                        required: ["start", "end"]
                    ),
                    maxItems: 20
                ),
                "lastHandoff": lastHandoffSchema,
                "lastScheduledPost": .timestamp(
                    "The set time (spec.notifications.slack.postAt) whose on-call summary was last posted."),
            ]
        )
    }
}

extension OnCallSchedule {
    static var notificationsSchema: SchemaProperty {
        .object(
            "Where each change of who is on call (a handoff, an override starting or ending) is announced.",
            properties: [
                "slack": .object(
                    "Messages to a Slack channel at each change and at set times, and optionally a Slack user group kept equal to whoever is on call.",
                    properties: [
                        "channel": .string(
                            "The channel: a name such as #sre or an ID such as C0123456789.", minLength: 1, maxLength: 80),
                        "tokenSecretRef": .secretKey("The Secret key holding the bot token (xoxb-..., scopes chat:write, chat:write.public, and usergroups:write for userGroupID)."),
                        "userGroupID": .string(
                            "The Slack user group (S...) whose members are replaced by the Slack users on call at each change.",
                            pattern: "^S[A-Z0-9]+$", maxLength: 32),
                        "onChange": .boolean("Whether each change of who is on call is posted. Default true."),
                        "postAt": .object(
                            "Set times, in the schedule's timeZone, at which who is on call now and next is posted, changed or not.",
                            properties: [
                                "times": .array(
                                    "The times of day, HH:MM.", of: .timeOfDay("A time of day, HH:MM."), maxItems: 24),
                                "daysOfWeek": .daysOfWeek("The days to post on; unset means every day."),
                            ],
                            required: ["times"]
                        ),
                    ],
                    required: ["channel", "tokenSecretRef"]
                )
            ],
            required: ["slack"]
        )
    }

    static var lastHandoffSchema: SchemaProperty {
        .object(
            "What the operator last announced: each change of who is on call is announced once.",
            properties: [
                "time": .timestamp("When the announced stretch of on-call began."),
                "participants": .array("Who is on call in it (empty during a gap).", of: .string("A participant's name.")),
                "notifiedTime": .timestamp("When the message was posted; unset until it was."),
                "userGroupSynced": .boolean("Whether the Slack user group holds the people on call; unset without a user group."),
                "error": .string("Why the last attempt failed or what was skipped."),
            ],
            required: ["time", "participants"]
        )
    }
}
