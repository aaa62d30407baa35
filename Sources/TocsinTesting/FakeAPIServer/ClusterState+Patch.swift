import Foundation

/// The patch formats the fake accepts, by `Content-Type`.
enum PatchKind: String, Sendable {
    case merge = "application/merge-patch+json"
    case json = "application/json-patch+json"
    case strategicMerge = "application/strategic-merge-patch+json"
    case apply = "application/apply-patch+yaml"

    static let unsupported = FakeAPIError(
        code: 415, reason: "UnsupportedMediaType",
        message: "the body of the request was in an unknown format - accepted media types include: "
            + "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, "
            + "application/strategic-merge-patch+json")

    /// The kind for a `Content-Type` header value (parameters such as `charset` are ignored).
    init(contentType: String?) throws {
        let mediaType = contentType?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased()
        guard let mediaType, let kind = PatchKind(rawValue: mediaType) else { throw Self.unsupported }
        self = kind
    }
}

extension ClusterState {
    /// Patches an object as `PATCH` does. A strategic merge patch is treated as a merge patch (lists are
    /// replaced, not merged by key); server-side apply is simplified as described on ``applyPatch``.
    /// - Returns: the object and whether it was created (by apply).
    /// - Throws: `FakeAPIError` 400/415/422 for a bad patch, 404, 409.
    mutating func patch(
        _ resource: FakeAPIServer.Resource, namespace: String?, name: String, kind: PatchKind, body: Data,
        subresource: Subresource?, fieldManager: String?, force: Bool
    ) throws -> (object: FakeJSON, isCreated: Bool) {
        if kind == .strategicMerge, resource.isCustomResource { throw PatchKind.unsupported }
        if kind == .apply {
            return try applyPatch(
                resource, namespace: namespace, name: name, body: body, subresource: subresource,
                fieldManager: fieldManager, force: force)
        }
        guard let existing = stored(resource, namespace: namespace, name: name) else {
            throw FakeAPIError.notFound(resource, name: name)
        }
        let patch: FakeJSON
        do {
            patch = try FakeJSON(jsonData: body)
        } catch {
            throw FakeAPIError.badRequest("error decoding patch: the body is not valid JSON")
        }
        let candidate: FakeJSON
        switch kind {
        case .json: candidate = try JSONPatch.apply(patch, to: existing)
        default:
            guard case .object = patch else {
                throw FakeAPIError.badRequest("error decoding patch: a merge patch must be a JSON object")
            }
            candidate = MergePatch.apply(patch, to: existing)
        }
        let object = try update(
            resource, namespace: namespace, name: name, body: candidate, subresource: subresource,
            requiresResourceVersion: false)
        return (object, false)
    }

    /// Server-side apply, simplified: the applied configuration is merged into the object (objects merge,
    /// lists are atomic); the fake remembers which leaf fields each apply manager set. A field another apply
    /// manager set to a different value is a 409 conflict unless `force`, which takes it over; a field this
    /// manager applied before and now omits is removed unless another manager also applied it. Updates and
    /// other patches take no ownership.
    mutating func applyPatch(
        _ resource: FakeAPIServer.Resource, namespace: String?, name: String, body: Data,
        subresource: Subresource?, fieldManager: String?, force: Bool
    ) throws -> (object: FakeJSON, isCreated: Bool) {
        guard let manager = fieldManager, !manager.isEmpty else {
            throw FakeAPIError(
                code: 422, reason: "Invalid",
                message: "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch",
                details: [
                    "group": "meta.k8s.io", "kind": "PatchOptions",
                    "causes": [
                        ["reason": "FieldValueRequired", "message": "Required value: is required for apply patch",
                         "field": "fieldManager"],
                    ],
                ])
        }
        let configuration = try FakeJSON(yamlData: body)
        guard case .object = configuration else {
            throw FakeAPIError.badRequest("error decoding YAML: the applied configuration must be an object")
        }
        let configuredName = configuration[path: ["metadata", "name"]]?.stringValue ?? ""
        if configuredName != name {
            throw FakeAPIError.badRequest(
                "the name of the object (\(configuredName)) does not match the name on the URL (\(name))")
        }
        let ownershipKey = "\(resource.key)|\(Self.objectKey(namespace: resource.isNamespaced ? namespace : nil, name: name))"
        let appliedPaths = Self.leafPaths(configuration)
        guard let existing = stored(resource, namespace: namespace, name: name) else {
            if subresource != nil { throw FakeAPIError.notFound(resource, name: name) }
            let created = try create(resource, namespace: namespace, body: configuration)
            appliedFields[ownershipKey] = [manager: appliedPaths]
            return (created, true)
        }
        var owners = appliedFields[ownershipKey] ?? [:]
        var conflicts: [(manager: String, path: [String])] = []
        for path in appliedPaths.sorted() {
            let keys = Self.keys(of: path)
            guard let current = existing[path: keys], current != configuration[path: keys] else { continue }
            for (other, paths) in owners.sorted(by: { $0.key < $1.key }) where other != manager && paths.contains(path) {
                if force { owners[other]?.remove(path) } else { conflicts.append((other, keys)) }
            }
        }
        if !conflicts.isEmpty { throw Self.applyConflict(conflicts, resource, name: name) }

        var candidate = MergePatch.apply(Self.withoutNulls(configuration), to: existing)
        let othersPaths = owners.filter { $0.key != manager }.values.reduce(into: Set<String>()) { $0.formUnion($1) }
        for path in (owners[manager] ?? []).subtracting(appliedPaths).subtracting(othersPaths) {
            candidate[path: Self.keys(of: path)] = nil
        }
        let object = try update(
            resource, namespace: namespace, name: name, body: candidate, subresource: subresource,
            requiresResourceVersion: false)
        owners[manager] = appliedPaths
        appliedFields[ownershipKey] = owners
        return (object, false)
    }

    static func applyConflict(
        _ conflicts: [(manager: String, path: [String])], _ resource: FakeAPIServer.Resource, name: String
    ) -> FakeAPIError {
        let fields = conflicts.map { conflict in
            (conflict.manager, "." + conflict.path.joined(separator: "."))
        }
        let message: String
        if let only = fields.first, fields.count == 1 {
            message = "Apply failed with 1 conflict: conflict with \"\(only.0)\": \(only.1)"
        } else {
            let lines = fields.map { "conflict with \"\($0.0)\": \($0.1)" }.joined(separator: "\n- ")
            message = "Apply failed with \(fields.count) conflicts: \n- \(lines)"
        }
        var details = FakeAPIError.details(resource, name: name)
        details["causes"] = .array(
            fields.map {
                ["reason": "FieldManagerConflict", "message": .string("conflict with \"\($0.0)\""), "field": .string($0.1)]
            })
        return FakeAPIError(code: 409, reason: "Conflict", message: message, details: details)
    }

    /// Leaf field paths of an applied configuration (objects are descended, lists and scalars are leaves),
    /// without the identifying fields. Keys are joined with NUL so that dotted label keys stay intact.
    static func leafPaths(_ configuration: FakeJSON) -> Set<String> {
        var paths = Set<String>()
        func walk(_ value: FakeJSON, _ prefix: [String]) {
            if let members = value.objectValue, !members.isEmpty {
                for (key, member) in members { walk(member, prefix + [key]) }
            } else {
                paths.insert(prefix.joined(separator: "\u{0}"))
            }
        }
        walk(configuration, [])
        for identifying in [["apiVersion"], ["kind"], ["metadata", "name"], ["metadata", "namespace"],
            ["metadata", "resourceVersion"], ["metadata", "uid"]]
        {
            paths.remove(identifying.joined(separator: "\u{0}"))
        }
        return paths
    }

    static func keys(of path: String) -> [String] {
        path.split(separator: "\u{0}", omittingEmptySubsequences: false).map(String.init)
    }

    /// Apply treats `null` as "no opinion", not as a removal.
    static func withoutNulls(_ value: FakeJSON) -> FakeJSON {
        guard let members = value.objectValue else { return value }
        return .object(members.filter { $0.value != .null }.mapValues(withoutNulls))
    }
}
