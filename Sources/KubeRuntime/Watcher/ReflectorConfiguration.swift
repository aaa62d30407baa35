import KubeCore

/// What a ``Reflector`` lists and watches, and how.
public struct ReflectorConfiguration: Sendable {
    /// The resource to list and watch.
    public var resource: ResourceType
    /// The namespace to list and watch; `nil` for all namespaces (and for cluster-scoped resources).
    public var namespace: String?
    /// A server-side label selector.
    public var labelSelector: String?
    /// A server-side field selector.
    public var fieldSelector: String?
    /// Client-side namespace filter: objects outside these namespaces are ignored (used for a cluster-wide
    /// watch of an explicit namespace list). `nil` keeps everything.
    public var namespaceFilter: Set<String>?
    /// Items per list page (`limit`); 500 as client-go.
    public var pageSize: Int
    /// The range from which each watch's `timeoutSeconds` is drawn (5–10 minutes, as client-go), so that many
    /// watches do not all end together.
    public var watchTimeoutSeconds: ClosedRange<Int>
    /// The backoff for failed requests.
    public var backoff: WatcherBackoff

    /// Creates a configuration.
    public init(
        resource: ResourceType, namespace: String? = nil, labelSelector: String? = nil, fieldSelector: String? = nil,
        namespaceFilter: Set<String>? = nil, pageSize: Int = 500, watchTimeoutSeconds: ClosedRange<Int> = 300...600,
        backoff: WatcherBackoff = WatcherBackoff()
    ) {
        self.resource = resource
        self.namespace = namespace
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.namespaceFilter = namespaceFilter
        self.pageSize = pageSize
        self.watchTimeoutSeconds = watchTimeoutSeconds
        self.backoff = backoff
    }

    /// The metric and log name of the resource: `pods`, or `widgets.example.com` for a non-core group.
    public var resourceName: String {
        resource.group.isEmpty ? resource.plural : "\(resource.plural).\(resource.group)"
    }

    /// Whether `object` passes the client-side namespace filter.
    func accepts(_ object: some KubeResource) -> Bool {
        guard let namespaceFilter else { return true }
        return namespaceFilter.contains(object.metadata.namespace ?? "")
    }
}
