extension AlertRule {
    static var routeSchema: SchemaProperty {
        SchemaProperty.object(
            "Where incidents go: Slack and/or Opsgenie, optionally addressed to whoever is on call.",
            properties: [
                "match": .object(
                    "Which incidents take this route (every set field must match); unset matches every incident.",
                    properties: [
                        "severities": .array(
                            "The incident's current severity (after escalation) is one of these.",
                            of: .enumeration(Severity.self, "A severity."), minItems: 1,
                            maxItems: Severity.allCases.count, listType: .set
                        ),
                        "labels": .stringMap("The incident has these labels with these values (e.g. team: payments)."),
                    ]
                ).validated(
                    by: "has(self.severities) || has(self.labels)",
                    message: "must set at least one of severities, labels (omit match to take every incident)"
                ),
                "slack": slackSchema,
                "opsgenie": opsgenieSchema,
                "onCallScheduleRef": .reference("Mention (Slack) and add as responder (Opsgenie) whoever is on call in this OnCallSchedule (same namespace)."),
            ]
        ).validated(by: "has(self.slack) || has(self.opsgenie)", message: "must set at least one of slack, opsgenie")
    }

    static var slackSchema: SchemaProperty {
        SchemaProperty.object(
            "A Slack channel, reached with a bot token (one message per incident, updated in place, with buttons) or an incoming webhook (a new message per change).",
            properties: [
                "channel": .string(
                    "The channel: a name such as #alerts or an ID such as C0123456789 (ignored by webhooks).",
                    minLength: 1, maxLength: 80
                ),
                "tokenSecretRef": .secretKey("The Secret key holding the bot token (xoxb-..., scopes chat:write, chat:write.public)."),
                "webhookSecretRef": .secretKey("The Secret key holding an incoming-webhook URL."),
            ],
            required: ["channel"]
        ).validated(
            by: "has(self.tokenSecretRef) != has(self.webhookSecretRef)",
            message: "must set exactly one of tokenSecretRef, webhookSecretRef"
        )
    }

    static var opsgenieSchema: SchemaProperty {
        SchemaProperty.object(
            "Opsgenie's Alert API v2 (or Jira Service Management's compatible API through baseURL).",
            properties: [
                "apiKeySecretRef": .secretKey("The Secret key holding the API key (sent as Authorization: GenieKey ...)."),
                "region": .enumeration(OpsgenieReceiver.Region.self, "The region; us when neither region nor baseURL is set."),
                "baseURL": .string(
                    "An https base URL replacing the region's, e.g. for Jira Service Management (plain http only to a loopback address).",
                    pattern: OpsgenieReceiver.baseURLPattern, maxLength: 2048
                ),
                "responders": .array(
                    "Responders added to every alert (the on-call participant is added too when the route has a schedule).",
                    of: .object(
                        "An Opsgenie responder.",
                        properties: [
                            "type": .enumeration(OpsgenieResponder.ResponderType.self, "The kind of responder, as Opsgenie spells it."),
                            "name": .string("The team, escalation or schedule name, or the user's username.", minLength: 1, maxLength: 512),
                        ],
                        required: ["type", "name"]
                    ),
                    maxItems: 50
                ),
                "tags": .array(
                    "Tags added to every alert.", of: .string("A tag.", minLength: 1, maxLength: 50), maxItems: 20
                ),
            ],
            required: ["apiKeySecretRef"]
        ).validated(
            by: "!(has(self.region) && has(self.baseURL))", message: "baseURL must not be set together with region",
            fieldPath: ".baseURL"
        )
    }
}
