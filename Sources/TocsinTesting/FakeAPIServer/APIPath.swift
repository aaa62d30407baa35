/// What a request path addresses.
enum APITarget: Sendable, Equatable {
    /// `/api`, `/apis`, `/apis/{group}`, `/api/v1`, `/apis/{group}/{version}` or `/version`.
    case discovery([String])
    /// A collection or an object of a served resource.
    case resource(FakeAPIServer.Resource, namespace: String?, name: String?, subresource: Subresource?)
}

extension ClusterState {
    /// Resolves a path such as `/api/v1/namespaces/default/pods/x/status`.
    /// - Throws: `FakeAPIError` 404 "the server could not find the requested resource" for anything unknown.
    func target(ofPath path: String) throws -> APITarget {
        let segments = path.split(separator: "/").map(String.init)
        let rest: ArraySlice<String>
        let group: String
        let version: String
        switch segments.first {
        case "version" where segments.count == 1:
            return .discovery(segments)
        case "api":
            if segments.count <= 2 { return .discovery(segments) }
            group = ""
            version = segments[1]
            rest = segments.dropFirst(2)
        case "apis":
            if segments.count <= 3 { return .discovery(segments) }
            group = segments[1]
            version = segments[2]
            rest = segments.dropFirst(3)
        default:
            throw FakeAPIError.resourceNotFound
        }
        let parts = Array(rest)
        if parts.count >= 3, parts[0] == "namespaces",
            let resource = resource(group: group, version: version, plural: parts[2]), resource.isNamespaced
        {
            return try target(resource, namespace: parts[1], parts.dropFirst(3))
        }
        guard let resource = resource(group: group, version: version, plural: parts[0]) else {
            throw FakeAPIError.resourceNotFound
        }
        if resource.isNamespaced, parts.count > 1 { throw FakeAPIError.resourceNotFound }
        return try target(resource, namespace: nil, parts.dropFirst())
    }

    private func target(
        _ resource: FakeAPIServer.Resource, namespace: String?, _ rest: ArraySlice<String>
    ) throws -> APITarget {
        let rest = Array(rest)
        switch rest.count {
        case 0: return .resource(resource, namespace: namespace, name: nil, subresource: nil)
        case 1: return .resource(resource, namespace: namespace, name: rest[0], subresource: nil)
        case 2:
            guard rest[1] == "status", resource.hasStatusSubresource else { throw FakeAPIError.resourceNotFound }
            return .resource(resource, namespace: namespace, name: rest[0], subresource: .status)
        default: throw FakeAPIError.resourceNotFound
        }
    }
}
