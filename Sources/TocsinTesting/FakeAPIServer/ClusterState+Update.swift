import Foundation

/// The subresource a write addresses.
enum Subresource: String, Sendable {
    case status
}

extension ClusterState {
    /// Replaces an object as `PUT` (or a patch, once computed) does.
    ///
    /// Checks the resourceVersion, keeps what a client cannot change, follows the status subresource rules,
    /// bumps `generation` when anything but metadata (and status, with a status subresource) changed, skips
    /// no-op writes and removes an object being deleted once its last finalizer is gone.
    /// - Throws: `FakeAPIError` 404, 400 (name/namespace mismatch), 409 (stale resourceVersion), 422 (custom
    ///   resource without resourceVersion).
    mutating func update(
        _ resource: FakeAPIServer.Resource, namespace: String?, name: String, body: FakeJSON,
        subresource: Subresource?, requiresResourceVersion: Bool? = nil
    ) throws -> FakeJSON {
        let namespace = resource.isNamespaced ? namespace : nil
        let key = Self.objectKey(namespace: namespace, name: name)
        guard let existing = objects[resource.key]?[key] else { throw FakeAPIError.notFound(resource, name: name) }
        guard case .object = body else {
            throw FakeAPIError.badRequest("the body of the request is not a JSON object")
        }
        let bodyName = body[path: ["metadata", "name"]]?.stringValue ?? ""
        if bodyName != name {
            throw FakeAPIError.badRequest(
                "the name of the object (\(bodyName)) does not match the name on the URL (\(name))")
        }
        let bodyNamespace = body[path: ["metadata", "namespace"]]?.stringValue ?? ""
        if let namespace, !bodyNamespace.isEmpty, bodyNamespace != namespace {
            throw FakeAPIError.badRequest(
                "the namespace of the provided object does not match the namespace sent on the request")
        }
        let existingVersion = existing[path: ["metadata", "resourceVersion"]]?.stringValue ?? ""
        let bodyVersion = body[path: ["metadata", "resourceVersion"]]?.stringValue ?? ""
        if bodyVersion.isEmpty {
            if requiresResourceVersion ?? resource.isCustomResource {
                throw FakeAPIError.invalid(
                    resource, kind: resource.kind, name: name, field: "metadata.resourceVersion",
                    causeReason: "FieldValueInvalid", message: "Invalid value: 0x0: must be specified for an update")
            }
        } else if bodyVersion != existingVersion {
            throw FakeAPIError.modified(resource, name: name)
        }

        var updated: FakeJSON
        if subresource == .status {
            updated = existing
            updated["status"] = body["status"]
        } else {
            updated = body
            if resource.hasStatusSubresource { updated["status"] = existing["status"] }
            for field in ["uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "namespace"] {
                updated[path: ["metadata", field]] = existing[path: ["metadata", field]]
            }
            updated[path: ["metadata", "generation"]] = existing[path: ["metadata", "generation"]]
        }
        updated[path: ["metadata", "resourceVersion"]] = .string(existingVersion)
        updated = Self.withTypeMeta(updated, resource)
        if Self.specChanged(from: existing, to: updated, resource) {
            let generation = existing[path: ["metadata", "generation"]]?.integerValue ?? 0
            updated[path: ["metadata", "generation"]] = .integer(generation + 1)
        }
        return try write(resource, key: key, existing: existing, updated: updated)
    }

    /// Commits an update unless it changes nothing; removes a deleted object whose finalizers are all gone.
    mutating func write(
        _ resource: FakeAPIServer.Resource, key: String, existing: FakeJSON, updated: FakeJSON
    ) throws -> FakeJSON {
        var updated = updated
        let isDeleting = updated[path: ["metadata", "deletionTimestamp"]] != nil
        let finalizers = updated[path: ["metadata", "finalizers"]]?.arrayValue ?? []
        if isDeleting, finalizers.isEmpty {
            updated[path: ["metadata", "resourceVersion"]] = .string(String(nextRevision()))
            commit(resource, key: key, type: "DELETED", object: updated)
            if let uid = updated[path: ["metadata", "uid"]]?.stringValue {
                deleteDependents(of: uid)
            }
            return updated
        }
        if updated == existing { return existing }
        updated[path: ["metadata", "resourceVersion"]] = .string(String(nextRevision()))
        commit(resource, key: key, type: "MODIFIED", object: updated)
        return updated
    }

    /// Whether anything outside metadata (and outside status, for a status subresource) differs.
    static func specChanged(from old: FakeJSON, to new: FakeJSON, _ resource: FakeAPIServer.Resource) -> Bool {
        func strip(_ object: FakeJSON) -> FakeJSON {
            var object = object
            object["metadata"] = nil
            object["kind"] = nil
            object["apiVersion"] = nil
            if resource.hasStatusSubresource { object["status"] = nil }
            return object
        }
        return strip(old) != strip(new)
    }
}
