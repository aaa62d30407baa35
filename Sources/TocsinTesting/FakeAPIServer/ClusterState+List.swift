import Foundation

extension ClusterState {
    static let continueExpiredMessage =
        "The provided continue parameter is too old to display a consistent list result. You can start a new "
        + "list without the continue parameter, or use the continue token in this response to retrieve the "
        + "remainder of the results. Continuing with the provided token results in an inconsistent list - "
        + "objects that were created, modified, or deleted between the time the first chunk was returned and "
        + "now may show up in the list."

    /// Lists a resource as `GET` on a collection does: selectors, `limit`/`continue` pages that are consistent
    /// snapshots, and the `resourceVersion`/`resourceVersionMatch` semantics.
    /// - Parameter namespace: `nil` lists across all namespaces.
    /// - Throws: `FakeAPIError` 400 (bad parameters), 410 (compacted), 504 (resourceVersion from the future).
    mutating func list(_ resource: FakeAPIServer.Resource, namespace: String?, options: ListOptions) throws -> FakeJSON {
        let (target, start) = try listRevision(options)
        let snapshot = try listSnapshot(resource, at: target, options: options, start: start)
        let prefix = resource.isNamespaced && namespace != nil ? "\(namespace ?? "")/" : ""
        let keys = sortedKeys(of: resource, snapshot: snapshot, at: target)
        // Keys are sorted bytewise: start at the continue key, stop once a page and one more are found (and,
        // without selectors, count the rest of the namespace's keys for remainingItemCount).
        var index = start.map { start in Self.firstIndex(in: keys, notBefore: start) } ?? 0
        var matching: [(key: String, object: FakeJSON)] = []
        let wanted = options.limit.map { $0 + 1 } ?? Int.max
        while index < keys.count, matching.count < wanted {
            let key = keys[index]
            index += 1
            guard key.hasPrefix(prefix), let object = snapshot[key], options.matches(object) else { continue }
            matching.append((key, object))
        }
        var remainingBeyondScan = 0
        if matching.count == wanted, options.labelSelector.isEmpty, options.fieldSelector.isEmpty {
            remainingBeyondScan = keys[index...].count { $0.hasPrefix(prefix) }
        }
        var metadata: FakeJSON = ["resourceVersion": .string(String(target))]
        var page = matching
        if let limit = options.limit, matching.count > limit {
            page = Array(matching.prefix(limit))
            let last = page.last?.key ?? ""
            metadata["continue"] = .string(ContinueToken(revision: target, start: last + "\u{0}").encoded)
            if options.labelSelector.isEmpty, options.fieldSelector.isEmpty {
                metadata["remainingItemCount"] = .integer(Int64(matching.count - limit + remainingBeyondScan))
            }
        }
        let items = page.map { entry -> FakeJSON in
            var object = entry.object
            if !resource.isCustomResource {
                object["kind"] = nil
                object["apiVersion"] = nil
            }
            return object
        }
        return [
            "kind": .string(resource.listKind), "apiVersion": .string(resource.apiVersion),
            "metadata": metadata, "items": .array(items),
        ]
    }

    /// The keys of `snapshot` sorted bytewise; at the current revision they are cached until the next write.
    mutating func sortedKeys(of resource: FakeAPIServer.Resource, snapshot: [String: FakeJSON], at target: Int64)
        -> [String]
    {
        guard target >= revision else { return Self.sortedKeys(snapshot.keys) }
        if let cached = sortedKeyCache[resource.key], cached.revision == revision { return cached.keys }
        let keys = Self.sortedKeys(snapshot.keys)
        sortedKeyCache[resource.key] = (revision, keys)
        return keys
    }

    /// The index of the first key not ordered before `start` (bytewise), by binary search.
    static func firstIndex(in keys: [String], notBefore start: String) -> Int {
        var low = 0
        var high = keys.count
        while low < high {
            let middle = (low + high) / 2
            if keys[middle].utf8.lexicographicallyPrecedes(start.utf8) { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The revision a list reads at and the key it starts from.
    private func listRevision(_ options: ListOptions) throws -> (Int64, String?) {
        if let token = options.continueToken {
            if options.resourceVersion != nil, options.resourceVersion != "0" {
                throw FakeAPIError.badRequest("specifying resource version is not allowed when using continue")
            }
            let decoded = try ContinueToken(decoding: token)
            // A token with a negative revision is the "inconsistent" token of an expired list: read the latest.
            return (decoded.revision <= 0 ? revision : decoded.revision, decoded.start)
        }
        let requested = try options.parsedResourceVersion()
        switch options.resourceVersionMatch {
        case nil:
            guard let requested, requested != 0 else { return (revision, nil) }
            if requested > revision {
                throw FakeAPIError.tooLargeResourceVersion(requested: requested, current: revision)
            }
            // With a limit, a resourceVersion without a match means Exact (as the real server does).
            return (options.limit == nil ? revision : requested, nil)
        case "NotOlderThan":
            guard let requested else {
                throw FakeAPIError.badRequest("resourceVersionMatch is forbidden unless resourceVersion is provided")
            }
            if requested > revision {
                throw FakeAPIError.tooLargeResourceVersion(requested: requested, current: revision)
            }
            return (revision, nil)
        case "Exact":
            guard let requested, requested != 0 else {
                throw FakeAPIError.badRequest(
                    "resourceVersionMatch \"Exact\" is forbidden for resourceVersion \"0\" or unset")
            }
            if requested > revision {
                throw FakeAPIError.tooLargeResourceVersion(requested: requested, current: revision)
            }
            return (requested, nil)
        case let other?:
            throw FakeAPIError.badRequest(
                "resourceVersionMatch: Unsupported value: \"\(other)\": supported values: \"Exact\", \"NotOlderThan\"")
        }
    }

    private func listSnapshot(
        _ resource: FakeAPIServer.Resource, at target: Int64, options: ListOptions, start: String?
    ) throws -> [String: FakeJSON] {
        do {
            return try snapshot(resource, at: target)
        } catch var error as FakeAPIError where options.continueToken != nil {
            error.message = Self.continueExpiredMessage
            error.metadata = ["continue": .string(ContinueToken(revision: -1, start: start ?? "").encoded)]
            throw error
        }
    }
}
