import Foundation
import KubeClient
import KubeCore

/// Writes an object's `status` through the status subresource with a JSON merge patch: the conditions,
/// `status.observedGeneration` and any other status fields, never the spec. When the patch would change
/// nothing, no request is sent. A patch that writes the conditions carries the object's `resourceVersion`:
/// several writers may own different condition types, and a list computed from a stale copy must not erase
/// the others, so it fails with `409 Conflict` (``KubeAPIError/isConflict``) instead.
///
/// ```swift
/// let writer = StatusWriter(client: client)
/// try await writer.update(monitor, conditions: [
///     Condition(type: "Ready", status: .true, reason: "Watching", message: "Watching 12 pods")
/// ], fields: ["watchedObjects": 12], resource: .monitors)
/// ```
public struct StatusWriter: Sendable {
    /// The client the patches are sent with.
    public let client: KubernetesClient
    /// The field manager named on each patch.
    public let fieldManager: String

    /// Creates a writer.
    public init(client: KubernetesClient, fieldManager: String = "tocsin") {
        self.client = client
        self.fieldManager = fieldManager
    }

    /// Sets `conditions` on the object's current conditions (see ``Swift/Array/set(_:now:)``; other
    /// condition types are kept), sets `status.observedGeneration` to the object's `metadata.generation`,
    /// and sets `fields` (a `.null` value removes a field); then patches the status if anything changed.
    ///
    /// A condition without `observedGeneration` gets the object's `metadata.generation`.
    /// - Parameters:
    ///   - object: the object as last read from the API server (its status is what is compared against).
    ///   - resource: required for ``GenericObject``.
    ///   - now: the transition time of conditions whose status changes.
    /// - Returns: the patched object, or `nil` when nothing changed and no request was sent.
    /// - Throws: ``KubeInvalidRequestError`` without `metadata.name`; ``KubeAPIError`` (`isNotFound`
    ///   when the object is gone, `isConflict` when the conditions changed since `object` was read), ``KubeTransportError``, ``KubeDecodingError``; `EncodingError` for a
    ///   status that cannot be encoded.
    @discardableResult
    public func update<T: KubeResource>(
        _ object: T, conditions: [Condition] = [], fields: [String: JSONValue] = [:],
        resource: ResourceType? = nil, now: Date = Date()
    ) async throws -> T? {
        let resourceType = resource ?? T.resourceType
        guard let name = object.metadata.name, !name.isEmpty else {
            throw KubeInvalidRequestError(
                message: "cannot write the status of a \(resourceType.kind) without metadata.name: "
                    + "pass the object as read from the API server")
        }
        let current = try JSONValue(encoding: object)["status"]?.objectValue ?? [:]
        let changes = try Self.changes(
            current: current, conditions: conditions, fields: fields,
            generation: object.metadata.generation, now: now)
        guard !changes.isEmpty else { return nil }
        var patch: [String: JSONValue] = ["status": .object(changes)]
        // A merge patch replaces the whole conditions list with one computed from `object`: made conditional on
        // the version it was computed from, so a stale copy fails with a conflict instead of erasing a condition
        // another writer set meanwhile (the caller re-reads and tries again).
        if changes["conditions"] != nil, let resourceVersion = object.metadata.resourceVersion {
            patch["metadata"] = ["resourceVersion": .string(resourceVersion)]
        }
        return try await client.patch(
            T.self, name: name, namespace: object.metadata.namespace,
            patch: .merge(.object(patch)), options: PatchOptions(fieldManager: fieldManager),
            subresource: "status", resource: resourceType)
    }

    /// The status fields to patch: only those whose desired value differs from `current`.
    static func changes(
        current: [String: JSONValue], conditions: [Condition], fields: [String: JSONValue], generation: Int64?,
        now: Date
    ) throws -> [String: JSONValue] {
        var desired = fields
        if let generation { desired["observedGeneration"] = .integer(generation) }
        if !conditions.isEmpty {
            let existing = Self.conditions(in: current)
            var updated = existing
            for var condition in conditions {
                if condition.observedGeneration == nil { condition.observedGeneration = generation }
                updated.set(condition, now: now)
            }
            // Both sides go through the same encoder, so formatting differences are not changes.
            if current["conditions"] == nil || updated != existing {
                desired["conditions"] = try JSONValue(encoding: updated)
            }
        }
        return desired.filter { key, value in
            let old = current[key]
            return value.isNull ? (old.map { !$0.isNull } ?? false) : old != value
        }
    }

    /// The conditions under `status.conditions`; malformed entries are skipped (they are overwritten).
    static func conditions(in status: [String: JSONValue]) -> [Condition] {
        guard let items = status["conditions"]?.arrayValue else { return [] }
        return items.compactMap { try? $0.decode(as: Condition.self) }
    }
}
