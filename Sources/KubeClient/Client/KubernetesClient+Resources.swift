import Foundation
import KubeCore

/// Typed operations. Every call takes the Swift type of the object; `resource` overrides the type's own
/// ``ResourceType`` and is required for ``GenericObject`` (custom resources, anything not modelled).
///
/// Namespaces: for get, create, update, patch and delete of a namespaced resource, a nil namespace means the
/// client's default namespace (the context's, or the pod's own in-cluster); for list and watch, nil means all
/// namespaces. Cluster-scoped resources ignore the namespace.
extension KubernetesClient {
    /// Reads one object (or one of its subresources such as `status`).
    /// - Throws: ``KubeAPIError`` (`isNotFound` when it does not exist), ``KubeTransportError``, ``KubeDecodingError``.
    public func get<T: KubeResource>(
        _ type: T.Type, name: String, namespace: String? = nil, subresource: String? = nil,
        resource: ResourceType? = nil
    ) async throws -> T {
        let resource = resource ?? T.resourceType
        let request = KubeRequest.get(
            resource, name: name, namespace: scoped(resource, namespace), subresource: subresource)
        return try decode(T.self, from: try await perform(request))
    }

    /// Reads one page of objects; pass the returned `metadata.continueToken` in `options` for the next page.
    /// - Throws: ``KubeAPIError`` (`isGone` when a continue token expired), ``KubeTransportError``, ``KubeDecodingError``.
    public func list<T: KubeResource>(
        _ type: T.Type, namespace: String? = nil, options: ListOptions = ListOptions(),
        resource: ResourceType? = nil
    ) async throws -> ObjectList<T> {
        let resource = resource ?? T.resourceType
        let request = KubeRequest.list(resource, namespace: listScope(resource, namespace), options: options)
        return try decode(ObjectList<T>.self, from: try await perform(request))
    }

    /// Reads every object by following `continue` tokens page by page (`pageSize` per request).
    ///
    /// The result carries the items of all pages and the list's `resourceVersion` (a consistent snapshot,
    /// as the API server serves all pages of one list at the first page's resourceVersion), which is where
    /// a watch should start.
    /// - Throws: as ``list(_:namespace:options:resource:)``.
    public func listAll<T: KubeResource>(
        _ type: T.Type, namespace: String? = nil, options: ListOptions = ListOptions(), pageSize: Int = 500,
        resource: ResourceType? = nil
    ) async throws -> ObjectList<T> {
        var options = options
        options.limit = pageSize
        var page = try await list(T.self, namespace: namespace, options: options, resource: resource)
        var items = page.items
        let resourceVersion = page.metadata.resourceVersion
        while let token = page.metadata.continueToken, !token.isEmpty {
            options.continueToken = token
            // A continued list must not also name a resourceVersion: the token carries it.
            options.resourceVersion = nil
            options.resourceVersionMatch = nil
            page = try await list(T.self, namespace: namespace, options: options, resource: resource)
            items.append(contentsOf: page.items)
        }
        var result = page
        result.items = items
        result.metadata = ListMeta(resourceVersion: resourceVersion, continueToken: nil, remainingItemCount: nil)
        return result
    }

    /// Creates `object`; its namespace comes from `namespace`, else its metadata, else the default namespace.
    /// - Throws: ``KubeAPIError`` (`isAlreadyExists`, `isInvalid`), ``KubeTransportError``, ``KubeDecodingError``.
    public func create<T: KubeResource>(
        _ object: T, namespace: String? = nil, resource: ResourceType? = nil
    ) async throws -> T {
        let resource = resource ?? T.resourceType
        let request = KubeRequest.create(
            resource, namespace: scoped(resource, namespace ?? object.metadata.namespace),
            body: try encode(object))
        return try decode(T.self, from: try await perform(request))
    }

    /// Replaces `object` (PUT). Its `metadata.resourceVersion` makes the write conditional: a stale one
    /// fails with a conflict, as it should, and the caller re-reads and retries.
    /// - Throws: ``KubeAPIError`` (`isConflict` on a stale resourceVersion), ``KubeTransportError``, ``KubeDecodingError``.
    public func update<T: KubeResource>(_ object: T, resource: ResourceType? = nil) async throws -> T {
        try await replace(object, subresource: nil, resource: resource)
    }

    /// Replaces the `status` of `object` through the status subresource; the server ignores spec changes.
    /// - Throws: as ``update(_:resource:)``.
    public func updateStatus<T: KubeResource>(_ object: T, resource: ResourceType? = nil) async throws -> T {
        try await replace(object, subresource: "status", resource: resource)
    }

    /// Patches one object (or its `status` with `subresource: "status"`) with a merge, JSON, strategic-merge
    /// or server-side-apply patch.
    /// - Throws: ``KubeAPIError``, ``KubeTransportError``, ``KubeDecodingError``.
    public func patch<T: KubeResource>(
        _ type: T.Type, name: String, namespace: String? = nil, patch: Patch,
        options: PatchOptions = PatchOptions(), subresource: String? = nil, resource: ResourceType? = nil
    ) async throws -> T {
        let resource = resource ?? T.resourceType
        let request = try KubeRequest.patch(
            resource, name: name, namespace: scoped(resource, namespace), subresource: subresource,
            patch: patch, options: options)
        return try decode(T.self, from: try await perform(request))
    }

    /// Deletes one object. With finalizers the object stays, marked with a `deletionTimestamp`, until they
    /// are removed. `options` carries preconditions (uid, resourceVersion) and the propagation policy.
    /// - Throws: ``KubeAPIError`` (`isNotFound`, `isConflict` on a failed precondition), ``KubeTransportError``.
    public func delete<T: KubeResource>(
        _ type: T.Type, name: String, namespace: String? = nil, options: DeleteOptions? = nil,
        resource: ResourceType? = nil
    ) async throws {
        let resource = resource ?? T.resourceType
        let request = try KubeRequest.delete(
            resource, name: name, namespace: scoped(resource, namespace), options: options)
        _ = try await perform(request)
    }

    private func replace<T: KubeResource>(
        _ object: T, subresource: String?, resource: ResourceType?
    ) async throws -> T {
        let resource = resource ?? T.resourceType
        guard let name = object.metadata.name, !name.isEmpty else {
            throw KubeInvalidRequestError(message: "cannot update a \(resource.kind) without metadata.name")
        }
        let request = KubeRequest.update(
            resource, name: name, namespace: scoped(resource, object.metadata.namespace),
            subresource: subresource, body: try encode(object))
        return try decode(T.self, from: try await perform(request))
    }

    /// The namespace of a single-object call: nil for cluster-scoped resources, else the given or default one.
    func scoped(_ resource: ResourceType, _ namespace: String?) -> String? {
        guard resource.isNamespaced else { return nil }
        return namespace ?? defaultNamespace
    }

    /// The namespace of a list or watch: nil (all namespaces) stays nil.
    func listScope(_ resource: ResourceType, _ namespace: String?) -> String? {
        resource.isNamespaced ? namespace : nil
    }

    private func encode<T: Encodable>(_ object: T) throws -> Data {
        try KubeJSON.makeEncoder().encode(object)
    }
}
