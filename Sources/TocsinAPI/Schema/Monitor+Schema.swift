extension Monitor {
    /// The `openAPIV3Schema` of the Monitor CRD.
    public static var openAPIV3Schema: SchemaProperty {
        .root(spec: specSchema, status: statusSchema, kind: "Monitor")
    }

    static var specSchema: SchemaProperty {
        .object(
            "What to watch: namespaces, kinds, pod and node selectors, HTTP probes, and the labels and owning team stamped on every alert raised from it.",
            properties: [
                "namespaces": namespacesSchema,
                "kinds": .array(
                    "The kinds watched; Tocsin opens only the watches that the AlertRules using this Monitor need, so this is a restriction, not a cost.",
                    of: .enumeration(WatchedKind.self, "A kind of Kubernetes object a Monitor can watch."),
                    minItems: 1, maxItems: WatchedKind.allCases.count, listType: .set
                ).defaulted(to: .array(WatchedKind.allCases.map { .string($0.rawValue) })),
                "podSelector": .labelSelector("Only pods with matching labels are considered; unset means every pod in the selected namespaces."),
                "nodeSelector": .labelSelector("Only nodes with matching labels are considered; unset means every node."),
                "probes": .array(
                    "HTTP probes run by the operator (on the leader), whose results the probe conditions evaluate.",
                    of: probeSchema, maxItems: maxProbes, listType: .map
                ).with { $0.listMapKeys = ["name"] },
                "labels": .stringMap("Labels stamped on every alert raised from this Monitor (usable in groupBy, routes and templates)."),
                "ownership": ownershipSchema,
            ]
        )
    }

    static var namespacesSchema: SchemaProperty {
        .object(
            "The namespaces watched, as a list of names or a label selector (exactly one); unset means the Monitor's own namespace, and other namespaces only where the operator's configuration allows it.",
            properties: [
                "names": .array(
                    "Namespace names.", of: .dnsLabel("A namespace name."), minItems: 1, listType: .set
                ),
                "selector": .labelSelector("A label selector on namespaces; {} selects every namespace."),
            ]
        ).validated(
            by: "has(self.names) != has(self.selector)", message: "must set exactly one of names, selector"
        )
    }

    static var ownershipSchema: SchemaProperty {
        .object(
            "How the team that owns an alerting object is found, for routing by ownership: the first source with a non-empty value wins (pod annotation, pod label, namespace label).",
            properties: [
                "podAnnotation": .labelKey("A pod annotation holding the team, e.g. tocsin.dev/team."),
                "podLabel": .labelKey("A pod label holding the team, e.g. app.kubernetes.io/part-of."),
                "namespaceLabel": .labelKey("A namespace label holding the team, e.g. team."),
                "label": .labelKey("The alert label the team is written to.").defaulted(to: .string(Ownership.defaultLabel)),
            ]
        ).validated(
            by: "has(self.podAnnotation) || has(self.podLabel) || has(self.namespaceLabel)",
            message: "must set at least one of podAnnotation, podLabel, namespaceLabel"
        )
    }

    static var probeSchema: SchemaProperty {
        .object(
            "An HTTP check run by the operator at a fixed interval.",
            properties: [
                "name": .dnsLabel("The probe's name, unique in the Monitor; alerts carry it as the probe label."),
                "url": .string("The absolute http or https URL to request.", pattern: "^https?://", maxLength: 2048),
                "method": .enumeration(HTTPProbe.Method.self, "The HTTP method.")
                    .defaulted(to: .string(HTTPProbe.Method.get.rawValue)),
                "interval": .duration("Time between checks; at least 5s.")
                    .defaulted(to: .duration(HTTPProbe.defaultInterval)),
                "timeout": .duration("How long a check may take before it counts as failed; positive and at most the interval.")
                    .defaulted(to: .duration(HTTPProbe.defaultTimeout)),
                "expectedStatus": .array(
                    "The status codes that count as up.",
                    of: .integer("An HTTP status code.", minimum: 100, maximum: 599), minItems: 1, maxItems: 50,
                    listType: .set
                ).defaulted(to: .array(HTTPProbe.defaultExpectedStatus.map { .integer(Int64($0)) })),
                "bodyContains": .string("When set, the body must contain this text to count as up (only the first 64 KiB are read).", minLength: 1, maxLength: 1024),
                "tlsInsecureSkipVerify": .boolean("Skip TLS certificate verification; only for endpoints with self-signed certificates.")
                    .defaulted(to: .boolean(false)),
            ],
            required: ["name", "url"]
        )
    }

    static var statusSchema: SchemaProperty {
        let probe = SchemaProperty.object(
            "The latest result of one HTTP probe.",
            properties: [
                "name": .string("The probe's name."),
                "up": .boolean("Whether the last check succeeded."),
                "statusCode": .integer("The status code of the last response, if any."),
                "latency": .duration("How long the last check took."),
                "consecutiveFailures": .integer("Failed checks in a row (0 when up).", minimum: 0),
                "lastCheckTime": .timestamp("When the last check finished."),
                "lastTransitionTime": .timestamp("When up last changed."),
                "lastError": .string("Why the last check failed (never contains credentials)."),
            ],
            required: ["name", "up"]
        )
        return .object(
            "What the operator observed; written through the status subresource.",
            properties: [
                "observedGeneration": .observedGeneration,
                "conditions": .conditions("Ready (reasons such as NamespaceNotAllowed), with observedGeneration."),
                "namespaces": .array("The namespaces currently watched (at most 100 listed; see namespaceCount).", of: .string("A namespace name.")),
                "namespaceCount": .integer("How many namespaces are watched.", minimum: 0),
                "watchedObjects": .object(
                    "How many objects of each kind are currently watched.",
                    properties: [
                        "pods": .integer("Pods matching the Monitor.", minimum: 0),
                        "nodes": .integer("Nodes matching the Monitor.", minimum: 0),
                        "events": .integer("Events currently cached for the Monitor's namespaces.", minimum: 0),
                    ]
                ),
                "probes": .array("The latest result of each probe.", of: probe),
            ]
        )
    }
}
