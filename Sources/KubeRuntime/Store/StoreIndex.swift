import KubeCore

/// A secondary index of a ``Store``: a name and a function giving the index values of each cached object.
/// ``Store/objects(in:matching:)`` finds the objects having a given value.
public struct StoreIndex<Cached>: Sendable {
    /// The index's name, used in lookups.
    public let name: String
    let values: @Sendable (ObjectKey, Cached) -> [String]

    /// Creates an index from a function giving an object's values (none, one or several).
    public init(name: String, values: @escaping @Sendable (Cached) -> [String]) {
        self.name = name
        self.values = { _, object in values(object) }
    }

    init(name: String, keyedValues: @escaping @Sendable (ObjectKey, Cached) -> [String]) {
        self.name = name
        self.values = keyedValues
    }

    /// The name of ``namespace``.
    public static var namespaceName: String { "namespace" }
    /// The name of the label index (values `key=value`).
    public static var labelName: String { "label" }
    /// The name of the owner index (values: the owners' uids).
    public static var ownerUIDName: String { "ownerUID" }
    /// The name of the node index of pods (value: `spec.nodeName`).
    public static var nodeNameName: String { "nodeName" }

    /// Objects by namespace (from their key, so it works for every projection); cluster-scoped objects
    /// have no value.
    public static var namespace: StoreIndex {
        StoreIndex(name: namespaceName) { key, _ in key.namespace.map { [$0] } ?? [] }
    }

    /// Objects by label, one value `key=value` per label, from the labels a projection keeps.
    public static func labels(from labels: @escaping @Sendable (Cached) -> [String: String]?) -> StoreIndex {
        StoreIndex(name: labelName) { object in
            (labels(object) ?? [:]).map { "\($0.key)=\($0.value)" }
        }
    }

    /// Objects by owner uid, from the owner uids a projection keeps.
    public static func ownerUIDs(from uids: @escaping @Sendable (Cached) -> [String]) -> StoreIndex {
        StoreIndex(name: ownerUIDName, values: uids)
    }
}

extension StoreIndex where Cached: KubeResource {
    /// Objects by label (`key=value`), from `metadata.labels`.
    public static var labels: StoreIndex {
        labels { $0.metadata.labels }
    }

    /// Objects by owner uid, from `metadata.ownerReferences`.
    public static var ownerUID: StoreIndex {
        ownerUIDs { $0.metadata.ownerReferences?.map(\.uid) ?? [] }
    }
}

extension StoreIndex where Cached == Pod {
    /// Pods by the node they run on (`spec.nodeName`); unscheduled pods have no value.
    public static var nodeName: StoreIndex {
        StoreIndex(name: nodeNameName) { pod in pod.spec?.nodeName.map { [$0] } ?? [] }
    }
}
