import KubeCore

/// An `apiextensions.k8s.io/v1` CustomResourceDefinition of one Tocsin kind, generated from the Swift types: one
/// version (served, storage), namespaced, with the status subresource, short names, the `tocsin` category and
/// printer columns.
public struct CustomResourceDefinition: Sendable, Hashable {
    /// A column of `kubectl get` (`additionalPrinterColumns`).
    public struct PrinterColumn: Sendable, Hashable {
        /// The column header.
        public var name: String
        /// The OpenAPI type of the value: `string`, `integer`, `number`, `boolean` or `date`.
        public var type: String
        /// The JSONPath of the value in the object.
        public var jsonPath: String
        /// What the column shows.
        public var description: String
        /// `0` for the default table, `1` for `-o wide` only.
        public var priority: Int

        /// Creates a column.
        public init(name: String, type: String, jsonPath: String, description: String, priority: Int = 0) {
            self.name = name
            self.type = type
            self.jsonPath = jsonPath
            self.description = description
            self.priority = priority
        }

        /// The `Age` column every kind shows last.
        public static let age = PrinterColumn(
            name: "Age", type: "date", jsonPath: ".metadata.creationTimestamp", description: "When the object was created."
        )

        /// The `Ready` column, from the `Ready` condition.
        public static let ready = PrinterColumn(
            name: "Ready", type: "string", jsonPath: ".status.conditions[?(@.type==\"Ready\")].status",
            description: "Whether the object is ready (the Ready condition's status)."
        )
    }

    /// The API group, version, plural and kind.
    public var resourceType: ResourceType
    /// Short names for `kubectl get`.
    public var shortNames: [String]
    /// Categories for `kubectl get <category>`.
    public var categories: [String]
    /// The schema of the one version.
    public var schema: SchemaProperty
    /// The columns of `kubectl get`.
    public var printerColumns: [PrinterColumn]

    /// Creates the definition of `Resource` with its schema and columns.
    public init<Resource: TocsinResource>(
        for resource: Resource.Type, schema: SchemaProperty, printerColumns: [PrinterColumn]
    ) {
        self.resourceType = Resource.resourceType
        self.shortNames = Resource.shortNames
        self.categories = ["tocsin"]
        self.schema = schema
        self.printerColumns = printerColumns
    }

    /// The object's name: `<plural>.<group>`.
    public var name: String { "\(resourceType.plural).\(resourceType.group)" }
    /// The singular name: the lowercased kind.
    public var singular: String { resourceType.kind.lowercased() }
    /// The list kind: `<Kind>List`.
    public var listKind: String { "\(resourceType.kind)List" }
    /// The file the definition is committed as under `crds/`: `<plural>.<group>.yaml`.
    public var fileName: String { "\(name).yaml" }
}

extension CustomResourceDefinition {
    /// The Monitor CRD.
    public static let monitor = CustomResourceDefinition(
        for: Monitor.self, schema: Monitor.openAPIV3Schema,
        printerColumns: [
            PrinterColumn(name: "Namespaces", type: "integer", jsonPath: ".status.namespaceCount", description: "How many namespaces are watched."),
            PrinterColumn(name: "Watched", type: "integer", jsonPath: ".status.watchedObjects.pods", description: "How many pods are watched."),
            PrinterColumn(name: "Nodes", type: "integer", jsonPath: ".status.watchedObjects.nodes", description: "How many nodes are watched.", priority: 1),
            PrinterColumn(name: "Events", type: "integer", jsonPath: ".status.watchedObjects.events", description: "How many events are cached.", priority: 1),
            .ready, .age,
        ]
    )

    /// The AlertRule CRD.
    public static let alertRule = CustomResourceDefinition(
        for: AlertRule.self, schema: AlertRule.openAPIV3Schema,
        printerColumns: [
            PrinterColumn(name: "Severity", type: "string", jsonPath: ".spec.severity", description: "The severity of the rule's incidents."),
            PrinterColumn(name: "Condition", type: "string", jsonPath: ".status.conditionType", description: "The type of the rule's condition."),
            PrinterColumn(name: "Firing", type: "integer", jsonPath: ".status.firing", description: "How many incidents of the rule are firing."),
            .ready, .age,
        ]
    )

    /// The OnCallSchedule CRD.
    public static let onCallSchedule = CustomResourceDefinition(
        for: OnCallSchedule.self, schema: OnCallSchedule.openAPIV3Schema,
        printerColumns: [
            PrinterColumn(name: "On Call Now", type: "string", jsonPath: ".status.onCallNow[*].participant", description: "Everyone on call now."),
            PrinterColumn(name: "Next Handoff", type: "string", jsonPath: ".status.nextHandoff", description: "When who is on call next changes."),
            PrinterColumn(name: "Time Zone", type: "string", jsonPath: ".spec.timeZone", description: "The schedule's time zone.", priority: 1),
            .ready, .age,
        ]
    )

    /// The Incident CRD.
    public static let incident = CustomResourceDefinition(
        for: Incident.self, schema: Incident.openAPIV3Schema,
        printerColumns: [
            PrinterColumn(name: "Phase", type: "string", jsonPath: ".status.phase", description: "Firing, Acknowledged or Resolved."),
            PrinterColumn(name: "Severity", type: "string", jsonPath: ".status.severity", description: "The current severity."),
            PrinterColumn(name: "Subject", type: "string", jsonPath: ".status.subject", description: "What is affected."),
            PrinterColumn(name: "On Call", type: "string", jsonPath: ".status.paged[-1:].name", description: "Who was paged last."),
            PrinterColumn(name: "Rule", type: "string", jsonPath: ".spec.alertRuleRef.name", description: "The AlertRule that opened the incident.", priority: 1),
            .age,
        ]
    )

    /// Every Tocsin CRD, in the order `tocsin crds` prints them.
    public static let all: [CustomResourceDefinition] = [monitor, alertRule, onCallSchedule, onCallOverride, incident]
}
