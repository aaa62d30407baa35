/// The regular expressions used by the schemas (RE2 syntax, as the API server runs them).
public enum SchemaPattern {
    /// A ``KubeDuration``: `0`, or `<integer><unit>` terms with units `w`, `d`, `h`, `m`, `s`, `ms` in decreasing
    /// order, each at most once (empty strings are refused by `minLength`).
    public static let duration = "^(0|([0-9]+w)?([0-9]+d)?([0-9]+h)?([0-9]+m)?([0-9]+s)?([0-9]+ms)?)$"
    /// `HH:MM`, `00:00` to `23:59`.
    public static let timeOfDay = "^([01][0-9]|2[0-3]):[0-5][0-9]$"
    /// `HH:MM`, `00:00` to `23:59`, or `24:00` (the end of the day).
    public static let timeOfDayOrEndOfDay = "^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$"
    /// A DNS-1123 label: lowercase alphanumerics and `-`, alphanumeric at both ends.
    public static let dnsLabel = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"
    /// A Kubernetes label key: an optional DNS-subdomain prefix and `/`, then a qualified name.
    public static let labelKey =
        "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$"
}

extension SchemaProperty {
    /// A string.
    public static func string(
        _ description: String, pattern: String? = nil, minLength: Int? = nil, maxLength: Int? = nil
    ) -> SchemaProperty {
        var node = SchemaProperty(type: .string, description: description)
        node.pattern = pattern
        node.minLength = minLength
        node.maxLength = maxLength
        return node
    }

    /// A whole number within optional bounds.
    public static func integer(_ description: String, minimum: Int64? = nil, maximum: Int64? = nil) -> SchemaProperty {
        var node = SchemaProperty(type: .integer, description: description)
        node.minimum = minimum
        node.maximum = maximum
        return node
    }

    /// A 64-bit whole number (`format: int64`) within optional bounds.
    public static func int64(_ description: String, minimum: Int64? = nil) -> SchemaProperty {
        var node = integer(description, minimum: minimum)
        node.format = "int64"
        return node
    }

    /// A boolean.
    public static func boolean(_ description: String) -> SchemaProperty {
        SchemaProperty(type: .boolean, description: description)
    }

    /// An RFC 3339 timestamp (`format: date-time`; a CEL `timestamp`).
    public static func timestamp(_ description: String) -> SchemaProperty {
        var node = SchemaProperty(type: .string, description: description)
        node.format = "date-time"
        return node
    }

    /// A ``KubeDuration`` string such as `30s` or `1h30m`.
    public static func duration(_ description: String) -> SchemaProperty {
        string(description, pattern: SchemaPattern.duration, minLength: 1, maxLength: 32)
    }

    /// An `HH:MM` time of day; `24:00` too when `allowsEndOfDay`.
    public static func timeOfDay(_ description: String, allowsEndOfDay: Bool = false) -> SchemaProperty {
        string(description, pattern: allowsEndOfDay ? SchemaPattern.timeOfDayOrEndOfDay : SchemaPattern.timeOfDay, maxLength: 5)
    }

    /// A DNS-1123 label (names of probes and rotations).
    public static func dnsLabel(_ description: String) -> SchemaProperty {
        string(description, pattern: SchemaPattern.dnsLabel, minLength: 1, maxLength: 63)
    }

    /// A Kubernetes label key.
    public static func labelKey(_ description: String) -> SchemaProperty {
        string(description, pattern: SchemaPattern.labelKey, minLength: 1, maxLength: 317)
    }

    /// An IANA time-zone name (whether the zone exists is checked by the operator).
    public static func timeZone(_ description: String) -> SchemaProperty {
        string(description, minLength: 1, maxLength: 64)
    }

    /// A string restricted to the raw values of `type`, in declaration order, so the schema cannot drift from
    /// the Swift enum; `maxLength` is the longest value's (it bounds the estimated cost of CEL rules).
    public static func enumeration<Value: RawRepresentable & CaseIterable>(
        _ type: Value.Type, _ description: String
    ) -> SchemaProperty where Value.RawValue == String {
        var node = SchemaProperty(type: .string, description: description)
        node.enumValues = Value.allCases.map(\.rawValue)
        node.maxLength = node.enumValues?.map(\.count).max()
        return node
    }

    /// A list of `items`.
    public static func array(
        _ description: String, of items: SchemaProperty, minItems: Int? = nil, maxItems: Int? = nil,
        listType: ListType? = nil
    ) -> SchemaProperty {
        var node = SchemaProperty(type: .array, description: description)
        node.items = items
        node.minItems = minItems
        node.maxItems = maxItems
        node.listType = listType
        return node
    }

    /// An object with declared `properties`, of which `required` must be present.
    public static func object(
        _ description: String, properties: [String: SchemaProperty], required: [String] = []
    ) -> SchemaProperty {
        var node = SchemaProperty(type: .object, description: description)
        node.properties = properties
        node.required = required.isEmpty ? nil : required
        return node
    }

    /// A map of strings to strings (labels).
    public static func stringMap(_ description: String) -> SchemaProperty {
        var node = SchemaProperty(type: .object, description: description)
        node.additionalProperties = SchemaProperty(type: .string)
        return node
    }
}
