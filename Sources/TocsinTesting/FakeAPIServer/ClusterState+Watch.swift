import Foundation

/// One open watch stream.
struct Watcher: Sendable {
    var resource: FakeAPIServer.Resource
    /// `nil` watches every namespace.
    var namespace: String?
    var options: ListOptions
    /// Events at or below this revision are not sent (a watch that starts from a future resourceVersion).
    var minimumRevision: Int64
    var continuation: AsyncStream<Data>.Continuation
}

extension ClusterState {
    /// Bytes of one watch event line: `{"type":"ADDED","object":{…}}\n`.
    static func eventLine(_ type: String, _ object: FakeJSON) -> Data {
        var line = Data("{\"type\":\"\(type)\",\"object\":".utf8)
        line.append(object.jsonData)
        line.append(contentsOf: Array("}\n".utf8))
        return line
    }

    /// Opens a watch: sends the initial events (synthetic ADDED from "0"/unset, the history after a known
    /// resourceVersion, or one ERROR 410 line for a compacted one) and registers for live events.
    /// - Returns: the watcher id, or `nil` when the stream was answered with an error and finished.
    mutating func startWatch(
        _ resource: FakeAPIServer.Resource, namespace: String?, options: ListOptions,
        continuation: AsyncStream<Data>.Continuation
    ) throws -> Int? {
        var watcher = Watcher(
            resource: resource, namespace: namespace, options: options, minimumRevision: revision,
            continuation: continuation)
        let requested = try options.parsedResourceVersion()
        if options.sendsInitialEvents {
            // WatchList, as the real server validates and answers it: the current objects, then a BOOKMARK at the
            // current resourceVersion annotated k8s.io/initial-events-end, then live events.
            guard options.resourceVersionMatch == "NotOlderThan", options.allowsWatchBookmarks else {
                throw FakeAPIError(
                    code: 422, reason: "Invalid",
                    message: "ListOptions.meta.k8s.io \"\" is invalid: sendInitialEvents: Forbidden: sendInitialEvents "
                        + "requires setting resourceVersionMatch to NotOlderThan and allowWatchBookmarks to true")
            }
            let current = objects[resource.key] ?? [:]
            for key in Self.sortedKeys(current.keys) {
                guard let object = current[key], watcher.sees(object) else { continue }
                continuation.yield(Self.eventLine("ADDED", object))
            }
            continuation.yield(Self.eventLine("BOOKMARK", bookmark(for: resource, initialEventsEnd: true)))
        } else if let requested, requested != 0 {
            if requested < compactedRevision {
                let error = FakeAPIError.expired("too old resource version: \(requested) (\(compactedRevision))")
                continuation.yield(Self.eventLine("ERROR", error.status))
                continuation.finish()
                return nil
            }
            watcher.minimumRevision = max(requested, revision)
            for event in history where event.revision > requested && event.resourceKey == resource.key {
                if let line = watcher.line(for: event) { continuation.yield(line) }
            }
        } else {
            let current = objects[resource.key] ?? [:]
            for key in Self.sortedKeys(current.keys) {
                guard let object = current[key], watcher.sees(object) else { continue }
                continuation.yield(Self.eventLine("ADDED", object))
            }
        }
        let id = nextWatcherID
        nextWatcherID += 1
        watchers[id] = watcher
        return id
    }

    /// Sends a stored change to every interested watcher; a watcher whose buffer is full is ended (as the real
    /// server ends a watch that cannot keep up).
    mutating func dispatch(_ event: StoredEvent, resource: FakeAPIServer.Resource) {
        for (id, watcher) in watchers where watcher.resource.key == resource.key {
            guard event.revision > watcher.minimumRevision, let line = watcher.line(for: event) else { continue }
            switch watcher.continuation.yield(line) {
            case .enqueued: break
            case .dropped, .terminated:
                watcher.continuation.finish()
                watchers[id] = nil
            @unknown default: break
            }
        }
    }

    /// Sends a BOOKMARK with the current resourceVersion to every watch that asked for bookmarks.
    func sendBookmarks() {
        for watcher in watchers.values where watcher.options.allowsWatchBookmarks {
            watcher.continuation.yield(Self.eventLine("BOOKMARK", bookmark(for: watcher.resource, initialEventsEnd: false)))
        }
    }

    /// The object of a BOOKMARK event at the current resourceVersion.
    func bookmark(for resource: FakeAPIServer.Resource, initialEventsEnd: Bool) -> FakeJSON {
        var metadata: FakeJSON = ["resourceVersion": .string(String(revision))]
        if !resource.isCustomResource { metadata["creationTimestamp"] = .null }
        if initialEventsEnd { metadata["annotations"] = ["k8s.io/initial-events-end": "true"] }
        return [
            "kind": .string(resource.kind), "apiVersion": .string(resource.apiVersion), "metadata": metadata,
        ]
    }

    /// Ends every open watch cleanly.
    mutating func dropWatches() {
        for watcher in watchers.values { watcher.continuation.finish() }
        watchers.removeAll()
    }

    /// Ends one watch (timeout) or forgets one whose client went away.
    mutating func endWatch(_ id: Int) {
        watchers[id]?.continuation.finish()
        watchers[id] = nil
    }
}

extension Watcher {
    /// Whether the object is in the watched namespace and passes the selectors.
    func sees(_ object: FakeJSON) -> Bool {
        if let namespace, resource.isNamespaced, object[path: ["metadata", "namespace"]]?.stringValue != namespace {
            return false
        }
        return options.matches(object)
    }

    /// The line this watcher gets for a change: an object that starts matching is ADDED, one that stops
    /// matching is DELETED, and a change to an object it never saw is not sent.
    func line(for event: StoredEvent) -> Data? {
        let wasSeen = event.previous.map(sees) ?? false
        let isSeen = event.type != "DELETED" && sees(event.object)
        switch (wasSeen, isSeen) {
        case (false, true): return ClusterState.eventLine("ADDED", event.object)
        case (true, true): return ClusterState.eventLine("MODIFIED", event.object)
        case (true, false): return ClusterState.eventLine("DELETED", event.object)
        case (false, false): return nil
        }
    }
}
