import KubeCore

/// What a watcher tells its consumer: the cache changes to apply, in order.
public enum WatcherChange<Object: KubeResource>: Sendable {
    /// An object appeared (first seen in a list or an ADDED event, or a MODIFIED event of an unknown object).
    case added(Object)
    /// A known object changed: its resourceVersion differs from the one last seen.
    case modified(Object)
    /// A known object went away: a DELETED event, or it was missing from a relist.
    /// `lastState` is the object of the DELETED event, `nil` when the deletion was found by a relist.
    case deleted(ObjectKey, lastState: Object?)
    /// A listed object that is already known at the same resourceVersion. Only consumers that are being
    /// replayed (they joined late) need it; everyone else ignores it.
    case unchanged(Object)
    /// A full list has been applied: the cache now mirrors the server at the list's resourceVersion.
    case synced(resourceVersion: String)
}

extension WatcherChange {
    /// The key of the object this change is about; `nil` for ``synced(resourceVersion:)``.
    public var key: ObjectKey? {
        switch self {
        case .added(let object), .modified(let object), .unchanged(let object): ObjectKey(object.metadata)
        case .deleted(let key, _): key
        case .synced: nil
        }
    }
}

extension WatcherChange: Equatable where Object: Equatable {}
