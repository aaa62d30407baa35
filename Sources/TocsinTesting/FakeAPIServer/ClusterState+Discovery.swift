import Foundation

extension ClusterState {
    /// The discovery documents kubectl and clients read: `/version`, `/api`, `/apis`, `/apis/{group}`,
    /// `/api/v1` and `/apis/{group}/{version}`.
    /// - Throws: `FakeAPIError` 404 for an unknown group or version.
    func discovery(_ segments: [String]) throws -> FakeJSON {
        let served = resources.values
        switch segments.count {
        case 1 where segments[0] == "version":
            return [
                "major": "1", "minor": "33", "gitVersion": "v1.33.0-tocsin-fake", "platform": "linux/amd64",
            ]
        case 1 where segments[0] == "api":
            return ["kind": "APIVersions", "versions": ["v1"], "serverAddressByClientCIDRs": []]
        case 1:
            let groups = Set(served.map(\.group)).subtracting([""]).sorted()
            return [
                "kind": "APIGroupList", "apiVersion": "v1", "groups": .array(groups.map { apiGroup($0) }),
            ]
        case 2 where segments[0] == "apis":
            guard served.contains(where: { $0.group == segments[1] }) else { throw FakeAPIError.resourceNotFound }
            var group = apiGroup(segments[1])
            group["kind"] = "APIGroup"
            group["apiVersion"] = "v1"
            return group
        default:
            let group = segments[0] == "api" ? "" : segments[1]
            let version = segments[0] == "api" ? segments[1] : segments[2]
            let matching = served.filter { $0.group == group && $0.version == version }.sorted { $0.plural < $1.plural }
            guard !matching.isEmpty else { throw FakeAPIError.resourceNotFound }
            var list: [FakeJSON] = []
            for resource in matching {
                list.append([
                    "name": .string(resource.plural), "singularName": .string(resource.kind.lowercased()),
                    "namespaced": .bool(resource.isNamespaced), "kind": .string(resource.kind),
                    "verbs": ["create", "delete", "get", "list", "patch", "update", "watch"],
                ])
                if resource.hasStatusSubresource {
                    list.append([
                        "name": .string("\(resource.plural)/status"), "singularName": "",
                        "namespaced": .bool(resource.isNamespaced), "kind": .string(resource.kind),
                        "verbs": ["get", "patch", "update"],
                    ])
                }
            }
            return [
                "kind": "APIResourceList", "apiVersion": "v1",
                "groupVersion": .string(group.isEmpty ? version : "\(group)/\(version)"), "resources": .array(list),
            ]
        }
    }

    private func apiGroup(_ name: String) -> FakeJSON {
        let versions = Set(resources.values.filter { $0.group == name }.map(\.version)).sorted()
        let entries: [FakeJSON] = versions.map { ["groupVersion": .string("\(name)/\($0)"), "version": .string($0)] }
        return [
            "name": .string(name), "versions": .array(entries),
            "preferredVersion": entries.last ?? [:],
        ]
    }
}
