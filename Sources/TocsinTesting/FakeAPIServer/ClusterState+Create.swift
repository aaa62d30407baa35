import Foundation

extension ClusterState {
    /// Creates an object as `POST` on a collection does.
    /// - Parameter namespace: the namespace from the URL (ignored for cluster-scoped resources).
    /// - Throws: `FakeAPIError` 400 on a namespace mismatch, 422 without a name, 404 for a missing namespace,
    ///   409 when the name is taken.
    mutating func create(
        _ resource: FakeAPIServer.Resource, namespace: String?, body: FakeJSON
    ) throws -> FakeJSON {
        guard case .object = body else {
            throw FakeAPIError.badRequest("the body of the request is not a JSON object")
        }
        var object = body
        var metadata = object["metadata"] ?? [:]
        guard case .object = metadata else { throw FakeAPIError.badRequest("metadata must be an object") }
        if resource.isNamespaced {
            let namespace = namespace ?? ""
            let bodyNamespace = metadata["namespace"]?.stringValue ?? ""
            if !bodyNamespace.isEmpty, bodyNamespace != namespace {
                throw FakeAPIError.badRequest(
                    "the namespace of the provided object does not match the namespace sent on the request")
            }
            metadata["namespace"] = .string(namespace)
        } else {
            metadata["namespace"] = nil
        }
        var name = metadata["name"]?.stringValue ?? ""
        if name.isEmpty, let generateName = metadata["generateName"]?.stringValue, !generateName.isEmpty {
            name = generateName + Self.randomSuffix()
        }
        if name.isEmpty {
            throw FakeAPIError.invalid(
                resource, kind: resource.kind, name: "", field: "metadata.name", causeReason: "FieldValueRequired",
                message: "Required value: name or generateName is required")
        }
        if !Self.isValidObjectName(name) {
            // As the real server refuses it (found by the real-server conformance tests; this fake accepted it).
            throw FakeAPIError.invalid(
                resource, kind: resource.kind, name: name, field: "metadata.name", causeReason: "FieldValueInvalid",
                message: "Invalid value: \"\(name)\": a lowercase RFC 1123 subdomain must consist of lower case "
                    + "alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character")
        }
        metadata["name"] = .string(name)
        let namespaceName = metadata["namespace"]?.stringValue
        if resource.isNamespaced, let namespaceName {
            guard let namespaceObject = objects[FakeAPIServer.Resource.namespaces.key]?[namespaceName] else {
                throw FakeAPIError.notFound(.namespaces, name: namespaceName)
            }
            if namespaceObject[path: ["metadata", "deletionTimestamp"]] != nil {
                throw FakeAPIError(
                    code: 403, reason: "Forbidden",
                    message: "\(resource.qualifiedPlural) \"\(name)\" is forbidden: unable to create new content "
                        + "in namespace \(namespaceName) because it is being terminated",
                    details: FakeAPIError.details(resource, name: name))
            }
        }
        let key = Self.objectKey(namespace: namespaceName, name: name)
        if objects[resource.key]?[key] != nil { throw FakeAPIError.alreadyExists(resource, name: name) }

        metadata["uid"] = .string(UUID().uuidString.lowercased())
        metadata["creationTimestamp"] = .string(Self.timestamp())
        metadata["generation"] = 1
        metadata["deletionTimestamp"] = nil
        metadata["deletionGracePeriodSeconds"] = nil
        metadata["resourceVersion"] = .string(String(nextRevision()))
        object["metadata"] = metadata
        object = Self.withTypeMeta(object, resource)
        if resource.hasStatusSubresource, resource.isCustomResource { object["status"] = nil }
        if resource == .namespaces { object["status"] = ["phase": "Active"] }
        commit(resource, key: key, type: "ADDED", object: object)
        return object
    }

    /// Five characters from the alphabet the real server uses for `generateName` (no vowels, no confusables).
    static func randomSuffix() -> String {
        let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")
        return String((0..<5).map { _ in alphabet.randomElement() ?? "x" })
    }

    /// Whether `name` is a DNS-1123 subdomain (at most 253 characters of `[a-z0-9.-]`, starting and ending with an
    /// alphanumeric), as the API server requires of most kinds; `:` is let through for the names of RBAC kinds.
    static func isValidObjectName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        func isAlphanumeric(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }
        guard let first = bytes.first, let last = bytes.last, bytes.count <= 253, isAlphanumeric(first), isAlphanumeric(last)
        else { return false }
        return bytes.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: ":") }
    }
}
