import Foundation

/// One change in the global history, as etcd would keep it until compaction.
struct StoredEvent: Sendable {
    /// The resourceVersion the change created.
    var revision: Int64
    var resourceKey: String
    var objectKey: String
    /// `ADDED`, `MODIFIED` or `DELETED`.
    var type: String
    /// The object after the change (for `DELETED`: the last state, with the deletion's resourceVersion).
    var object: FakeJSON
    /// The object before the change, `nil` for `ADDED`.
    var previous: FakeJSON?
}

/// All state of the fake cluster. It lives inside one `Mutex`, so every write gets the next resourceVersion
/// and is delivered to watchers in order.
struct ClusterState: Sendable {
    var resources: [String: FakeAPIServer.Resource] = [:]
    /// Objects by resource key, then by etcd-like key (`namespace/name` or `name`).
    var objects: [String: [String: FakeJSON]] = [:]
    /// The last resourceVersion handed out.
    var revision: Int64 = 1
    /// Each resource's keys sorted, as of a revision (list pages reuse them until the next write).
    var sortedKeyCache: [String: (revision: Int64, keys: [String])] = [:]
    /// Changes after `compactedRevision`, oldest first.
    var history: [StoredEvent] = []
    /// Changes at or before this revision are forgotten: reading from an older revision answers 410.
    var compactedRevision: Int64 = 0
    /// How many changes to keep before compacting the oldest.
    var historyLimit = 10_000
    var watchers: [Int: Watcher] = [:]
    var nextWatcherID = 0
    /// Field paths applied per object (resource key + object key) and per field manager.
    var appliedFields: [String: [String: Set<String>]] = [:]
    var log = RequestLog()

    init() {
        for resource in FakeAPIServer.Resource.builtIns { resources[resource.key] = resource }
        for name in ["default", "kube-system", "kube-public", "kube-node-lease"] {
            _ = try? create(.namespaces, namespace: nil, body: ["metadata": ["name": .string(name)]])
        }
    }

    static func objectKey(namespace: String?, name: String) -> String {
        if let namespace, !namespace.isEmpty { return "\(namespace)/\(name)" }
        return name
    }

    func resource(group: String, version: String, plural: String) -> FakeAPIServer.Resource? {
        resources["\(group)/\(version)/\(plural)"]
    }

    func stored(_ resource: FakeAPIServer.Resource, namespace: String?, name: String) -> FakeJSON? {
        objects[resource.key]?[Self.objectKey(namespace: resource.isNamespaced ? namespace : nil, name: name)]
    }

    func namespaceExists(_ name: String) -> Bool {
        objects[FakeAPIServer.Resource.namespaces.key]?[name] != nil
    }

    /// Hands out the next resourceVersion.
    mutating func nextRevision() -> Int64 {
        revision += 1
        return revision
    }

    /// Stores (or removes, for `DELETED`) an object whose metadata.resourceVersion is already `revision`,
    /// appends the change to the history and tells the watchers.
    mutating func commit(_ resource: FakeAPIServer.Resource, key: String, type: String, object: FakeJSON) {
        let previous = objects[resource.key]?[key]
        if type == "DELETED" {
            objects[resource.key]?[key] = nil
            appliedFields["\(resource.key)|\(key)"] = nil
        } else {
            objects[resource.key, default: [:]][key] = object
        }
        let event = StoredEvent(
            revision: revision, resourceKey: resource.key, objectKey: key, type: type, object: object,
            previous: previous)
        history.append(event)
        if history.count > historyLimit {
            let dropped = history.count - historyLimit
            compactedRevision = history[dropped - 1].revision
            history.removeFirst(dropped)
        }
        dispatch(event, resource: resource)
    }

    /// Forgets all history: any older resourceVersion now answers 410 Gone.
    mutating func compact() {
        compactedRevision = revision
        history.removeAll()
    }

    /// The objects of a resource as they were at `revision`, by key.
    /// - Throws: `FakeAPIError` 410 when the revision was compacted.
    func snapshot(_ resource: FakeAPIServer.Resource, at target: Int64) throws -> [String: FakeJSON] {
        var result = objects[resource.key] ?? [:]
        if target >= revision { return result }
        if target < compactedRevision {
            throw FakeAPIError.expired("The resourceVersion for the provided list is too old.")
        }
        for event in history.reversed() {
            if event.revision <= target { break }
            guard event.resourceKey == resource.key else { continue }
            result[event.objectKey] = event.previous
        }
        return result
    }

    /// Keys sorted bytewise, as etcd orders them.
    static func sortedKeys(_ keys: some Sequence<String>) -> [String] {
        keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// The object as it appears in responses: with kind and apiVersion.
    static func withTypeMeta(_ object: FakeJSON, _ resource: FakeAPIServer.Resource) -> FakeJSON {
        var object = object
        object["kind"] = .string(resource.kind)
        object["apiVersion"] = .string(resource.apiVersion)
        return object
    }

    static func timestamp(_ date: Date = Date()) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: false))
    }
}
