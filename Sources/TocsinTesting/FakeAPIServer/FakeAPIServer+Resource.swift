extension FakeAPIServer {
    /// A resource type the fake serves: where it lives in the URL space and how it behaves.
    public struct Resource: Sendable, Hashable, CustomStringConvertible {
        /// The API group; empty for the core (`/api/v1`) group.
        public var group: String
        /// The API version, e.g. `v1` or `v1alpha1`.
        public var version: String
        /// The plural lower-case name used in URLs, e.g. `pods`.
        public var plural: String
        /// The kind, e.g. `Pod`.
        public var kind: String
        /// Whether objects live in a namespace.
        public var isNamespaced: Bool
        /// Whether `/status` is a subresource (the main resource then ignores status changes).
        public var hasStatusSubresource: Bool
        /// Whether this is a custom resource (CRD): list items carry kind/apiVersion, status is dropped on
        /// create when there is a status subresource, an update needs a resourceVersion.
        public var isCustomResource: Bool
        /// Whether DELETE answers with the object (like pods) instead of a `Status` of `Success`.
        public var returnsDeletedObject: Bool

        /// Creates a resource description; by default a namespaced custom resource.
        public init(
            group: String, version: String, plural: String, kind: String, isNamespaced: Bool = true,
            hasStatusSubresource: Bool = false, isCustomResource: Bool = true, returnsDeletedObject: Bool = false
        ) {
            self.group = group
            self.version = version
            self.plural = plural
            self.kind = kind
            self.isNamespaced = isNamespaced
            self.hasStatusSubresource = hasStatusSubresource
            self.isCustomResource = isCustomResource
            self.returnsDeletedObject = returnsDeletedObject
        }

        /// `v1` for the core group, else `group/version`.
        public var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }

        /// `plural` or `plural.group` as error messages name the resource.
        public var qualifiedPlural: String { group.isEmpty ? plural : "\(plural).\(group)" }

        /// The kind of the list, e.g. `PodList`.
        public var listKind: String { "\(kind)List" }

        /// `group/version/plural`.
        public var description: String { "\(apiVersion)/\(plural)" }

        var key: String { "\(group)/\(version)/\(plural)" }

        static func builtIn(
            _ group: String, _ version: String, _ plural: String, _ kind: String, namespaced: Bool = true,
            status: Bool = false, returnsDeletedObject: Bool = false
        ) -> Resource {
            Resource(
                group: group, version: version, plural: plural, kind: kind, isNamespaced: namespaced,
                hasStatusSubresource: status, isCustomResource: false, returnsDeletedObject: returnsDeletedObject)
        }

        /// Core `v1` pods (status subresource).
        public static let pods = builtIn("", "v1", "pods", "Pod", status: true, returnsDeletedObject: true)
        /// Core `v1` nodes (cluster-scoped, status subresource).
        public static let nodes = builtIn("", "v1", "nodes", "Node", namespaced: false, status: true)
        /// Core `v1` namespaces (cluster-scoped, status subresource).
        public static let namespaces = builtIn(
            "", "v1", "namespaces", "Namespace", namespaced: false, status: true, returnsDeletedObject: true)
        /// Core `v1` events.
        public static let events = builtIn("", "v1", "events", "Event")
        /// Core `v1` secrets.
        public static let secrets = builtIn("", "v1", "secrets", "Secret")
        /// Core `v1` configmaps.
        public static let configMaps = builtIn("", "v1", "configmaps", "ConfigMap")
        /// Core `v1` services (status subresource).
        public static let services = builtIn("", "v1", "services", "Service", status: true)
        /// `events.k8s.io/v1` events.
        public static let eventsV1 = builtIn("events.k8s.io", "v1", "events", "Event")
        /// `coordination.k8s.io/v1` leases.
        public static let leases = builtIn("coordination.k8s.io", "v1", "leases", "Lease")

        /// The resources every fake server serves from the start.
        public static let builtIns: [Resource] = [
            pods, nodes, namespaces, events, secrets, configMaps, services, eventsV1, leases,
        ]
    }
}
