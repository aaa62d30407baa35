import Foundation

extension ClusterState {
    /// Deletes an object as `DELETE` does, following `DeleteOptions` (preconditions, propagationPolicy).
    ///
    /// An object with finalizers only gets `deletionTimestamp` (it is removed once an update drops the last
    /// finalizer). `Background` and `Foreground` delete dependents (objects whose ownerReferences name the uid;
    /// the fake has no garbage collector, so this happens at once), `Orphan` strips those ownerReferences.
    /// - Returns: the response body: the object, or a `Status` of `Success` for resources that do not return
    ///   the deleted object.
    /// - Throws: `FakeAPIError` 404, or 409 when a precondition fails.
    mutating func delete(
        _ resource: FakeAPIServer.Resource, namespace: String?, name: String, options: FakeJSON?
    ) throws -> FakeJSON {
        let namespace = resource.isNamespaced ? namespace : nil
        let key = Self.objectKey(namespace: namespace, name: name)
        guard var object = objects[resource.key]?[key] else { throw FakeAPIError.notFound(resource, name: name) }
        let uid = object[path: ["metadata", "uid"]]?.stringValue ?? ""
        let version = object[path: ["metadata", "resourceVersion"]]?.stringValue ?? ""
        if let expected = options?[path: ["preconditions", "uid"]]?.stringValue, expected != uid {
            throw FakeAPIError.conflict(
                resource, name: name,
                because: "Precondition failed: UID in precondition: \(expected), UID in object meta: \(uid)")
        }
        if let expected = options?[path: ["preconditions", "resourceVersion"]]?.stringValue, expected != version {
            throw FakeAPIError.conflict(
                resource, name: name,
                because: "Precondition failed: ResourceVersion in precondition: \(expected), "
                    + "ResourceVersion in object meta: \(version)")
        }
        let policy = Self.propagationPolicy(options)
        if policy == "Orphan" { orphanDependents(of: uid) }

        let finalizers = object[path: ["metadata", "finalizers"]]?.arrayValue ?? []
        if !finalizers.isEmpty {
            if object[path: ["metadata", "deletionTimestamp"]] != nil { return object }
            let generation = object[path: ["metadata", "generation"]]?.integerValue ?? 0
            object[path: ["metadata", "deletionTimestamp"]] = .string(Self.timestamp())
            object[path: ["metadata", "deletionGracePeriodSeconds"]] = 0
            object[path: ["metadata", "generation"]] = .integer(generation + 1)
            object[path: ["metadata", "resourceVersion"]] = .string(String(nextRevision()))
            commit(resource, key: key, type: "MODIFIED", object: object)
            if policy == "Foreground" { deleteDependents(of: uid) }
            return object
        }
        object[path: ["metadata", "resourceVersion"]] = .string(String(nextRevision()))
        commit(resource, key: key, type: "DELETED", object: object)
        if policy != "Orphan" { deleteDependents(of: uid) }
        if resource == .namespaces { deleteContents(ofNamespace: name) }
        if resource.returnsDeletedObject { return object }
        var details = FakeAPIError.details(resource, name: name)
        details["uid"] = .string(uid)
        return [
            "kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Success", "details": details,
        ]
    }

    static func propagationPolicy(_ options: FakeJSON?) -> String {
        if let policy = options?["propagationPolicy"]?.stringValue { return policy }
        if case .bool(true) = options?["orphanDependents"] { return "Orphan" }
        return "Background"
    }

    /// Every stored object whose ownerReferences name `uid`, with its resource.
    func dependents(of uid: String) -> [(FakeAPIServer.Resource, FakeJSON)] {
        guard !uid.isEmpty else { return [] }
        var result: [(FakeAPIServer.Resource, FakeJSON)] = []
        for resourceKey in Self.sortedKeys(objects.keys) {
            guard let resource = resources[resourceKey], let stored = objects[resourceKey] else { continue }
            for key in Self.sortedKeys(stored.keys) {
                guard let object = stored[key] else { continue }
                let owners = object[path: ["metadata", "ownerReferences"]]?.arrayValue ?? []
                if owners.contains(where: { $0["uid"]?.stringValue == uid }) { result.append((resource, object)) }
            }
        }
        return result
    }

    /// Deletes the dependents of `uid` with background propagation.
    mutating func deleteDependents(of uid: String) {
        for (resource, object) in dependents(of: uid) {
            let name = object[path: ["metadata", "name"]]?.stringValue ?? ""
            let namespace = object[path: ["metadata", "namespace"]]?.stringValue
            _ = try? delete(resource, namespace: namespace, name: name, options: nil)
        }
    }

    /// Removes the ownerReferences naming `uid` from every dependent.
    mutating func orphanDependents(of uid: String) {
        for (resource, object) in dependents(of: uid) {
            var updated = object
            let owners = object[path: ["metadata", "ownerReferences"]]?.arrayValue ?? []
            let remaining = owners.filter { $0["uid"]?.stringValue != uid }
            updated[path: ["metadata", "ownerReferences"]] = remaining.isEmpty ? nil : .array(remaining)
            let name = object[path: ["metadata", "name"]]?.stringValue ?? ""
            let namespace = object[path: ["metadata", "namespace"]]?.stringValue
            let key = Self.objectKey(namespace: resource.isNamespaced ? namespace : nil, name: name)
            _ = try? write(resource, key: key, existing: object, updated: updated)
        }
    }

    /// Deletes every namespaced object in a deleted namespace (what the namespace controller would do).
    mutating func deleteContents(ofNamespace namespace: String) {
        for resource in resources.values where resource.isNamespaced {
            let prefix = "\(namespace)/"
            let names = (objects[resource.key] ?? [:]).keys.filter { $0.hasPrefix(prefix) }
            for key in Self.sortedKeys(names) {
                _ = try? delete(resource, namespace: namespace, name: String(key.dropFirst(prefix.count)), options: nil)
            }
        }
    }
}
