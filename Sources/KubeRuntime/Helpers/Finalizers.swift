import Foundation
import KubeClient
import KubeCore

/// Adds and removes finalizers, and runs the finalizer flow of a reconcile.
///
/// Every write is a JSON merge patch of `metadata.finalizers` that also carries the object's
/// `metadata.resourceVersion`: the API server applies it only to that exact version, so a concurrent change
/// fails with `409 Conflict` (``KubeAPIError/isConflict``) instead of being overwritten. On a conflict,
/// re-read the object and reconcile again.
public struct Finalizers: Sendable {
    /// The outcome of ``handle(_:on:resource:cleanup:)``.
    public enum Outcome<Object: KubeResource>: Sendable {
        /// The object is not being deleted and carries the finalizer (added now if it was missing): go on
        /// reconciling this object.
        case active(Object)
        /// The object is being deleted: the cleanup ran and the finalizer was removed.
        case finalized
        /// The object is being deleted and does not carry the finalizer: nothing to do.
        case deleting
    }

    /// The client the patches are sent with.
    public let client: KubernetesClient

    /// Creates the helper.
    public init(client: KubernetesClient) {
        self.client = client
    }

    /// Adds finalizer `name` to `object` unless it is already there (then nothing is sent).
    /// - Parameter resource: required for ``GenericObject``.
    /// - Returns: the object as the API server stored it, or `object` when unchanged.
    /// - Throws: ``KubeInvalidRequestError`` without `metadata.name` or `metadata.resourceVersion`;
    ///   ``KubeAPIError`` (`isConflict` when the object changed since it was read), ``KubeTransportError``,
    ///   ``KubeDecodingError``.
    public func ensure<T: KubeResource>(_ name: String, on object: T, resource: ResourceType? = nil) async throws -> T {
        let finalizers = object.metadata.finalizers ?? []
        if finalizers.contains(name) { return object }
        return try await write(finalizers + [name], to: object, resource: resource, action: "add finalizer \(name)")
    }

    /// Removes finalizer `name` from `object` if it is there (else nothing is sent). Once no finalizer is
    /// left on an object being deleted, the API server deletes it.
    /// - Returns: the object as the API server stored it (its last state if it was deleted), or `object`.
    /// - Throws: as ``ensure(_:on:resource:)``.
    public func remove<T: KubeResource>(_ name: String, from object: T, resource: ResourceType? = nil) async throws -> T {
        let finalizers = object.metadata.finalizers ?? []
        guard finalizers.contains(name) else { return object }
        return try await write(
            finalizers.filter { $0 != name }, to: object, resource: resource, action: "remove finalizer \(name)")
    }

    /// The finalizer flow: an object not being deleted gets finalizer `name` (``Outcome/active(_:)``); an
    /// object being deleted (`deletionTimestamp` set) that carries it has `cleanup` run, then the finalizer
    /// removed (``Outcome/finalized``); an object being deleted without it is left alone
    /// (``Outcome/deleting``).
    ///
    /// `cleanup` must be idempotent: when it throws, the finalizer stays and the error is rethrown, so the
    /// reconcile is retried and `cleanup` runs again.
    /// - Throws: what `cleanup` throws, or as ``ensure(_:on:resource:)``.
    public func handle<T: KubeResource>(
        _ name: String, on object: T, resource: ResourceType? = nil, cleanup: (T) async throws -> Void
    ) async throws -> Outcome<T> {
        guard object.metadata.deletionTimestamp != nil else {
            return .active(try await ensure(name, on: object, resource: resource))
        }
        guard object.metadata.finalizers?.contains(name) == true else { return .deleting }
        try await cleanup(object)
        _ = try await remove(name, from: object, resource: resource)
        return .finalized
    }

    private func write<T: KubeResource>(
        _ finalizers: [String], to object: T, resource: ResourceType?, action: String
    ) async throws -> T {
        let resourceType = resource ?? T.resourceType
        guard let objectName = object.metadata.name, !objectName.isEmpty else {
            throw KubeInvalidRequestError(
                message: "cannot \(action) on a \(resourceType.kind) without metadata.name: "
                    + "pass the object as read from the API server")
        }
        guard let resourceVersion = object.metadata.resourceVersion, !resourceVersion.isEmpty else {
            throw KubeInvalidRequestError(
                message: "cannot \(action) on \(resourceType.kind) \(objectName) without metadata.resourceVersion: "
                    + "pass the object as read from the API server")
        }
        let patch: JSONValue = [
            "metadata": [
                "resourceVersion": .string(resourceVersion),
                "finalizers": .array(finalizers.map { .string($0) }),
            ]
        ]
        return try await client.patch(
            T.self, name: objectName, namespace: object.metadata.namespace, patch: .merge(patch),
            resource: resourceType)
    }
}
