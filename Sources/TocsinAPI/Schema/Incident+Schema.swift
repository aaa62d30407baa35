extension Incident {
    /// The `openAPIV3Schema` of the Incident CRD.
    public static var openAPIV3Schema: SchemaProperty {
        .root(spec: specSchema, status: statusSchema, kind: "Incident")
    }

    static var specSchema: SchemaProperty {
        .object(
            "The incident's identity, set at creation and never changed.",
            properties: [
                "alertRuleRef": .reference("The AlertRule (same namespace) that opened the incident."),
                "fingerprint": .string("The group's fingerprint: a stable hash of the rule and the groupBy label values.", minLength: 1, maxLength: 256),
                "groupLabels": .stringMap("The groupBy labels and their values, e.g. namespace: shop, workload: Deployment/api."),
            ],
            required: ["alertRuleRef", "fingerprint"]
        ).validated(by: "self == oldSelf", message: "spec is immutable")
    }

    static var statusSchema: SchemaProperty {
        .object(
            "The incident's lifecycle and delivery state, the operator's memory across restarts; written through the status subresource.",
            properties: [
                "phase": .enumeration(IncidentPhase.self, "Where the incident is in its lifecycle."),
                "severity": .enumeration(Severity.self, "The current severity (the rule's, or higher after escalation)."),
                "escalationLevel": .integer("How many escalation steps were taken (0 at firing).", minimum: 0),
                "subject": .string("A short description of what is affected, e.g. Deployment shop/api."),
                "summary": .string("The rendered summary."),
                "description": .string("The rendered description."),
                "labels": .stringMap("Every label of the incident (group labels, Monitor and rule labels, team)."),
                "value": .string("The value that made the condition hold, as text, for templates."),
                "affectedObjects": .array(
                    "The affected objects (see affectedObjectCount for the total).", of: affectedObjectSchema,
                    maxItems: maxAffectedObjects
                ),
                "affectedObjectCount": .integer("How many objects are affected in total.", minimum: 0),
                "startTime": .timestamp("When the incident fired."),
                "acknowledgedTime": .timestamp("When it was acknowledged."),
                "acknowledgedBy": .string("Who acknowledged it, e.g. slack:U0123456789 (alice)."),
                "resolvedTime": .timestamp("When it resolved."),
                "resolvedBy": .string("Who resolved it by hand; unset when the condition cleared."),
                "lastNotifiedTime": .timestamp("When receivers were last notified (drives repeatInterval)."),
                "paged": .array("Everyone paged, at firing and at each escalation.", of: pagedSchema),
                "deliveries": .array("The delivery state per receiver.", of: deliverySchema, listType: .map)
                    .with { $0.listMapKeys = ["receiver"] },
                "timeline": .array("What happened, oldest first (the oldest entries are dropped).", of: timelineSchema, maxItems: maxTimelineEntries),
            ],
            required: ["phase", "severity", "startTime"]
        )
    }

    static var affectedObjectSchema: SchemaProperty {
        .object(
            "An object affected by an incident.",
            properties: [
                "kind": .string("The object's kind, e.g. Pod."),
                "namespace": .string("The object's namespace; unset for nodes."),
                "name": .string("The object's name."),
                "detail": .string("A short detail, e.g. CrashLoopBackOff."),
            ],
            required: ["kind", "name"]
        )
    }

    static var pagedSchema: SchemaProperty {
        .object(
            "Someone paged for an incident.",
            properties: [
                "name": .string("The participant's name."),
                "slackUserID": .string("The participant's Slack user ID."),
                "opsgenieUser": .string("The participant's Opsgenie username."),
                "schedule": .string("The OnCallSchedule the participant was on call in."),
                "escalationLevel": .integer("The escalation level at which they were paged (0 at firing).", minimum: 0),
                "pagedTime": .timestamp("When they were paged."),
            ],
            required: ["name", "escalationLevel", "pagedTime"]
        )
    }

    static var timelineSchema: SchemaProperty {
        .object(
            "One entry of an incident's timeline.",
            properties: [
                "time": .timestamp("When it happened."),
                "type": .enumeration(TimelineEntry.EventType.self, "What happened."),
                "actor": .string("Who did it, when a person did."),
                "message": .string("Details.", maxLength: 1024),
            ],
            required: ["time", "type"]
        )
    }

    static var deliverySchema: SchemaProperty {
        .object(
            "The delivery state of an incident at one receiver, with its outbox of pending work.",
            properties: [
                "receiver": .string("A stable key of the receiver in the incident, e.g. slack:#alerts or opsgenie.", minLength: 1),
                "type": .enumeration(ReceiverDelivery.ReceiverType.self, "The kind of receiver."),
                "slack": .object(
                    "Slack's identifiers of the incident's message.",
                    properties: [
                        "channel": .string("The channel as configured (#alerts)."),
                        "channelID": .string("The channel ID Slack answered with (needed by chat.update)."),
                        "ts": .string("The message timestamp ts, once posted."),
                    ],
                    required: ["channel"]
                ),
                "opsgenie": .object(
                    "Opsgenie's identifiers of the incident's alert.",
                    properties: [
                        "alias": .string("The alert alias (Opsgenie de-duplicates on it)."),
                        "requestID": .string("The requestId of the last accepted request, to check its outcome."),
                    ],
                    required: ["alias"]
                ),
                "attempts": .integer("Attempts made for the current outbox head (reset on success).", minimum: 0),
                "lastAttemptTime": .timestamp("When the last attempt was made."),
                "lastSuccessTime": .timestamp("When the last attempt succeeded."),
                "lastError": .string("Why the last attempt failed (never contains credentials)."),
                "pending": .array(
                    "Work not yet delivered, oldest first.",
                    of: .object(
                        "A delivery not yet done.",
                        properties: [
                            "id": .string("A unique key of the entry in the incident, for idempotency."),
                            "action": .enumeration(OutboxEntry.Action.self, "What to deliver."),
                            "enqueuedTime": .timestamp("When the entry was queued."),
                            "notBefore": .timestamp("Not before this time (backoff, Retry-After)."),
                            "message": .string("The text of a note."),
                        ],
                        required: ["id", "action", "enqueuedTime"]
                    ),
                    maxItems: maxPendingDeliveries, listType: .map
                ).with { $0.listMapKeys = ["id"] },
            ],
            required: ["receiver", "type"]
        )
    }
}
