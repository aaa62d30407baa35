import KubeCore

extension SchemaProperty {
    /// A ``LocalObjectReference``: an object of a known kind in the same namespace, by name.
    public static func reference(_ description: String) -> SchemaProperty {
        object(
            description,
            properties: ["name": string("The referenced object's name.", minLength: 1, maxLength: 253)],
            required: ["name"]
        )
    }

    /// A ``SecretKeySelector``: a key of a Secret in the same namespace.
    public static func secretKey(_ description: String) -> SchemaProperty {
        object(
            description,
            properties: [
                "name": string("The Secret's name.", minLength: 1, maxLength: 253),
                "key": string("The key in the Secret's data.", minLength: 1, maxLength: 253),
            ],
            required: ["name", "key"]
        )
    }

    /// A ``LabelSelector`` (`metav1.LabelSelector`).
    public static func labelSelector(_ description: String) -> SchemaProperty {
        let requirement = object(
            "One set-based requirement of a label selector.",
            properties: [
                "key": labelKey("The label key."),
                "operator": enumeration(LabelSelectorRequirement.Operator.self, "How the requirement compares the label with its values."),
                "values": array("The values for In and NotIn; empty for Exists and DoesNotExist.", of: string("A label value.", maxLength: 63)),
            ],
            required: ["key", "operator"]
        ).validated(
            by: "self.operator in ['In', 'NotIn'] ? has(self.values) && size(self.values) > 0 : !has(self.values) || size(self.values) == 0",
            message: "values must be non-empty for In and NotIn, and empty for Exists and DoesNotExist"
        )
        return object(
            description,
            properties: [
                "matchLabels": stringMap("Labels that must be present with exactly these values."),
                "matchExpressions": array("Set-based requirements, all of which must hold.", of: requirement),
            ]
        )
    }

    /// A list of `metav1.Condition`s, keyed by `type`.
    public static func conditions(_ description: String) -> SchemaProperty {
        let condition = object(
            "One aspect of the object's state (metav1.Condition).",
            properties: [
                "type": string("The condition type in CamelCase, e.g. Ready.", minLength: 1, maxLength: 316),
                "status": enumeration(Condition.Status.self, "Whether the condition holds."),
                "observedGeneration": int64("The metadata.generation the condition was computed from.", minimum: 0),
                "lastTransitionTime": timestamp("When the status last changed."),
                "reason": string("A machine-readable CamelCase reason, e.g. SecretNotFound.", maxLength: 1024),
                "message": string("A human-readable explanation; may be empty.", maxLength: 32768),
            ],
            required: ["type", "status", "lastTransitionTime", "reason", "message"]
        )
        var node = array(description, of: condition, listType: .map)
        node.listMapKeys = ["type"]
        return node
    }

    /// The `metadata.generation` a status describes.
    static var observedGeneration: SchemaProperty {
        int64("The metadata.generation this status describes.", minimum: 0)
    }

    /// Days of the week (``DayOfWeek``), each at most once.
    static func daysOfWeek(_ description: String) -> SchemaProperty {
        array(description, of: enumeration(DayOfWeek.self, "A day of the week."), minItems: 1, maxItems: 7, listType: .set)
    }

    /// The rule that two `HH:MM` fields differ (a zero-length window).
    static let windowRule = ValidationRule(
        rule: "self.startTime != self.endTime",
        message: "endTime must differ from startTime (use 00:00 to 24:00 for a whole day)",
        fieldPath: ".endTime"
    )

    /// The schema of a named `spec` or `status` of a kind: an object with its own description.
    static func root(spec: SchemaProperty, status: SchemaProperty, kind: String) -> SchemaProperty {
        object(
            "\(kind) of the Tocsin API (tocsin.dev/v1alpha1).",
            properties: [
                "apiVersion": string("The versioned schema of this representation of an object: tocsin.dev/v1alpha1."),
                "kind": string("The kind of the object: \(kind)."),
                // Nothing but the type: the API server refuses a description or anything else here.
                "metadata": SchemaProperty(type: .object),
                "spec": spec,
                "status": status,
            ],
            required: ["spec"]
        )
    }
}
