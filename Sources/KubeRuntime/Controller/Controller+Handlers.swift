import KubeCore

extension Controller {
    /// An informer handler that enqueues the keys `map` returns for each event the predicate accepts.
    ///
    /// For an update both the old and the new object are mapped, so an object that stops referencing
    /// something still enqueues what it referenced before.
    public func handler<Cached: Sendable>(
        predicate: EventPredicate<Cached> = .always,
        map: @escaping @Sendable (Cached) -> [ObjectKey]
    ) -> @Sendable (InformerEvent<Cached>) -> Void {
        let queue = self.queue
        return { event in
            guard predicate.accepts(event) else { return }
            var keys: [ObjectKey]
            switch event {
            case .added(let object), .deleted(let object):
                keys = map(object)
            case .updated(let old, let new):
                keys = map(new)
                for key in map(old) where !keys.contains(key) { keys.append(key) }
            }
            for key in keys { _ = queue.add(key) }
        }
    }

    /// An informer handler for the controller's primary objects: each event enqueues the object's own key.
    public func handlerForObjects<Object: KubeResource>(
        predicate: EventPredicate<Object> = .always
    ) -> @Sendable (InformerEvent<Object>) -> Void {
        handler(predicate: predicate) { object in ObjectKey(object.metadata).map { [$0] } ?? [] }
    }
}

/// Mappers from a watched object to the keys of the objects that should be reconciled because of it.
public enum KeyMapper {
    /// An owned object enqueues its owners of `kind` (and `apiVersion` group, when given) in its namespace —
    /// e.g. a Pod enqueues its ReplicaSet, an Incident its AlertRule.
    public static func owners<Object: KubeResource>(
        ofKind kind: String, group: String? = nil
    ) -> @Sendable (Object) -> [ObjectKey] {
        { object in
            (object.metadata.ownerReferences ?? []).compactMap { owner in
                guard owner.kind == kind else { return nil }
                if let group {
                    let ownerGroup = owner.apiVersion.split(separator: "/").dropLast().first.map(String.init) ?? ""
                    guard ownerGroup == group else { return nil }
                }
                return ObjectKey(namespace: object.metadata.namespace, name: owner.name)
            }
        }
    }

    /// A referenced object enqueues the objects that reference it, found through an index of the
    /// referencing objects' store whose values are the referenced objects' keys (`namespace/name`).
    /// E.g. an AlertRule store indexed by `monitor` → a Monitor change enqueues every AlertRule naming it.
    public static func referencing<Referenced: KubeResource, Referencing: KubeResource>(
        in store: Store<Referencing>, index: String
    ) -> @Sendable (Referenced) -> [ObjectKey] {
        { referenced in
            guard let key = ObjectKey(referenced.metadata) else { return [] }
            return store.objects(in: index, matching: key.description).compactMap { ObjectKey($0.metadata) }
        }
    }
}
