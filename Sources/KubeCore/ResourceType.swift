/// Where a kind of Kubernetes object lives in the REST API: its group, version, plural resource name and scope.
public struct ResourceType: Sendable, Hashable, CustomStringConvertible {
    /// The API group; `""` for the core group.
    public var group: String
    /// The API version, e.g. `v1`.
    public var version: String
    /// The resource name used in URLs, e.g. `pods`.
    public var plural: String
    /// The kind, e.g. `Pod`.
    public var kind: String
    /// Whether objects of this type live in a namespace.
    public var isNamespaced: Bool

    /// Creates a resource type.
    public init(group: String, version: String, plural: String, kind: String, isNamespaced: Bool) {
        self.group = group
        self.version = version
        self.plural = plural
        self.kind = kind
        self.isNamespaced = isNamespaced
    }

    /// The `apiVersion` of objects of this type: `v1` for the core group, else `group/version`.
    public var apiVersion: String {
        group.isEmpty ? version : "\(group)/\(version)"
    }

    /// The kind of list responses, e.g. `PodList`.
    public var listKind: String {
        kind + "List"
    }

    /// `plural.group/version`, e.g. `leases.coordination.k8s.io/v1`, or `pods/v1` for the core group.
    public var description: String {
        group.isEmpty ? "\(plural)/\(version)" : "\(plural).\(group)/\(version)"
    }

    /// The URL path of a collection, an object or an object's subresource.
    ///
    /// `namespace` is ignored for cluster-scoped types; `nil` for a namespaced type addresses all namespaces
    /// (e.g. `/api/v1/pods`). `subresource` is ignored without a `name`. Segments are percent-encoded.
    public func path(namespace: String?, name: String? = nil, subresource: String? = nil) -> String {
        var path = group.isEmpty ? "/api/\(Self.encode(version))" : "/apis/\(Self.encode(group))/\(Self.encode(version))"
        if isNamespaced, let namespace {
            path += "/namespaces/\(Self.encode(namespace))"
        }
        path += "/\(Self.encode(plural))"
        if let name {
            path += "/\(Self.encode(name))"
            if let subresource {
                path += "/\(Self.encode(subresource))"
            }
        }
        return path
    }

    /// Percent-encodes one path segment: everything outside the RFC 3986 unreserved set, `:` and `@`.
    package static func encode(_ segment: String) -> String {
        PercentEncoding.encode(segment, keeping: PercentEncoding.pathSegmentExtras)
    }
}

extension ResourceType {
    /// Core `v1` pods.
    public static let pods = ResourceType(group: "", version: "v1", plural: "pods", kind: "Pod", isNamespaced: true)
    /// Core `v1` nodes (cluster-scoped).
    public static let nodes = ResourceType(group: "", version: "v1", plural: "nodes", kind: "Node", isNamespaced: false)
    /// Core `v1` events.
    public static let events = ResourceType(group: "", version: "v1", plural: "events", kind: "Event", isNamespaced: true)
    /// `events.k8s.io/v1` events.
    public static let eventsV1 = ResourceType(
        group: "events.k8s.io", version: "v1", plural: "events", kind: "Event", isNamespaced: true
    )
    /// Core `v1` namespaces (cluster-scoped).
    public static let namespaces = ResourceType(
        group: "", version: "v1", plural: "namespaces", kind: "Namespace", isNamespaced: false
    )
    /// Core `v1` secrets.
    public static let secrets = ResourceType(group: "", version: "v1", plural: "secrets", kind: "Secret", isNamespaced: true)
    /// Core `v1` config maps.
    public static let configMaps = ResourceType(
        group: "", version: "v1", plural: "configmaps", kind: "ConfigMap", isNamespaced: true
    )
    /// `coordination.k8s.io/v1` leases.
    public static let leases = ResourceType(
        group: "coordination.k8s.io", version: "v1", plural: "leases", kind: "Lease", isNamespaced: true
    )
    /// Core `v1` services.
    public static let services = ResourceType(
        group: "", version: "v1", plural: "services", kind: "Service", isNamespaced: true
    )
}
