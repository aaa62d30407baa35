import KubeCore

/// Decides whether an informer event should enqueue anything (controller-runtime's predicates).
public struct EventPredicate<Cached: Sendable>: Sendable {
    /// Whether the event passes.
    public let accepts: @Sendable (InformerEvent<Cached>) -> Bool

    /// A predicate from a closure.
    public init(_ accepts: @escaping @Sendable (InformerEvent<Cached>) -> Bool) {
        self.accepts = accepts
    }

    /// Every event passes.
    public static var always: EventPredicate { EventPredicate { _ in true } }

    /// Passes when either predicate passes.
    public func or(_ other: EventPredicate) -> EventPredicate {
        EventPredicate { self.accepts($0) || other.accepts($0) }
    }

    /// Passes when both predicates pass.
    public func and(_ other: EventPredicate) -> EventPredicate {
        EventPredicate { self.accepts($0) && other.accepts($0) }
    }

    /// Adds and deletes pass; an update passes when `changed(old, new)` says so.
    public static func updates(where changed: @escaping @Sendable (Cached, Cached) -> Bool) -> EventPredicate {
        EventPredicate { event in
            switch event {
            case .added, .deleted: return true
            case .updated(let old, let new): return changed(old, new)
            }
        }
    }
}

extension EventPredicate where Cached: KubeResource {
    /// Updates pass only when `metadata.generation` changed (the spec changed), or the object started
    /// being deleted; status-only writes — including the controller's own — are filtered out.
    public static var generationChanged: EventPredicate {
        updates { old, new in
            old.metadata.generation != new.metadata.generation
                || (old.metadata.deletionTimestamp == nil) != (new.metadata.deletionTimestamp == nil)
        }
    }

    /// Updates pass only when the labels changed.
    public static var labelsChanged: EventPredicate {
        updates { old, new in old.metadata.labels != new.metadata.labels }
    }

    /// Updates pass only when the annotations changed.
    public static var annotationsChanged: EventPredicate {
        updates { old, new in old.metadata.annotations != new.metadata.annotations }
    }

    /// Updates pass only when the resourceVersion changed (a resync re-delivering the same object does not).
    public static var resourceVersionChanged: EventPredicate {
        updates { old, new in old.metadata.resourceVersion != new.metadata.resourceVersion }
    }
}
