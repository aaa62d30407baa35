import Foundation

extension FakeAPIServer {
    /// Serves a resource (a custom resource the test needs); replaces one registered with the same
    /// group, version and plural.
    public func register(_ resource: Resource) {
        store.withState { $0.resources[resource.key] = resource }
    }

    /// Creates an object directly (no HTTP), with the same defaults and checks as `POST`.
    /// The namespace comes from `metadata.namespace` (`default` when absent).
    /// - Throws: ``FakeAPIError`` as the API would answer.
    @discardableResult
    public func create(_ resource: Resource, _ object: FakeJSON) throws -> FakeJSON {
        let namespace = object[path: ["metadata", "namespace"]]?.stringValue ?? "default"
        return try store.withState { try $0.create(resource, namespace: namespace, body: object) }
    }

    /// Replaces an object directly, as `PUT` does; an empty resourceVersion updates unconditionally.
    /// - Throws: ``FakeAPIError`` as the API would answer (404, 409).
    @discardableResult
    public func update(_ resource: Resource, _ object: FakeJSON) throws -> FakeJSON {
        try write(resource, object, subresource: nil)
    }

    /// Replaces an object's status directly, as `PUT …/status` does.
    /// - Throws: ``FakeAPIError`` as the API would answer (404, 409).
    @discardableResult
    public func updateStatus(_ resource: Resource, _ object: FakeJSON) throws -> FakeJSON {
        try write(resource, object, subresource: .status)
    }

    private func write(_ resource: Resource, _ object: FakeJSON, subresource: Subresource?) throws -> FakeJSON {
        let name = object[path: ["metadata", "name"]]?.stringValue ?? ""
        let namespace = object[path: ["metadata", "namespace"]]?.stringValue ?? "default"
        return try store.withState {
            try $0.update(
                resource, namespace: namespace, name: name, body: object, subresource: subresource,
                requiresResourceVersion: false)
        }
    }

    /// Deletes an object directly, as `DELETE` does (finalizers, cascading to dependents).
    /// - Returns: the response body `DELETE` would return.
    /// - Throws: ``FakeAPIError`` 404 when there is no such object.
    @discardableResult
    public func delete(_ resource: Resource, namespace: String? = "default", name: String) throws -> FakeJSON {
        try store.withState { try $0.delete(resource, namespace: namespace, name: name, options: nil) }
    }

    /// The stored object, or `nil`.
    public func object(_ resource: Resource, namespace: String? = "default", name: String) -> FakeJSON? {
        store.withState { $0.stored(resource, namespace: namespace, name: name) }
    }

    /// The stored objects of a resource sorted by namespace and name; `namespace: nil` means all namespaces.
    public func objects(_ resource: Resource, namespace: String? = nil) -> [FakeJSON] {
        store.withState { state in
            let stored = state.objects[resource.key] ?? [:]
            let prefix = resource.isNamespaced ? namespace.map { "\($0)/" } ?? "" : ""
            return ClusterState.sortedKeys(stored.keys.filter { $0.hasPrefix(prefix) }).compactMap { stored[$0] }
        }
    }

    /// The current (latest) resourceVersion of the cluster.
    public var resourceVersion: String { store.withState { String($0.revision) } }

    /// Forgets all history: lists, continue tokens and watches from an older resourceVersion answer 410.
    public func compact() {
        store.withState { $0.compact() }
    }

    /// Ends every open watch stream cleanly, as a server-side timeout does.
    public func dropWatches() {
        store.withState { $0.dropWatches() }
    }

    /// Sends a BOOKMARK with the current resourceVersion to every watch that asked for bookmarks.
    public func sendBookmarks() {
        store.withState { $0.sendBookmarks() }
    }

    /// How many watch streams are open.
    public var watchCount: Int { store.withState { $0.watchers.count } }
}
