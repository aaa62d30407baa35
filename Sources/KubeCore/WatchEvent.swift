/// The type of a watch event, as written on the wire.
public enum WatchEventType: String, Sendable, Hashable, Codable {
    /// `ADDED`.
    case added = "ADDED"
    /// `MODIFIED`.
    case modified = "MODIFIED"
    /// `DELETED`.
    case deleted = "DELETED"
    /// `BOOKMARK`: only the resourceVersion is meaningful.
    case bookmark = "BOOKMARK"
    /// `ERROR`: the object is a `Status`, e.g. 410 Expired.
    case error = "ERROR"
}

/// One event of a watch stream.
public enum WatchEvent<Object: Sendable>: Sendable {
    /// An object was created (or existed when the watch started without a resourceVersion).
    case added(Object)
    /// An object changed.
    case modified(Object)
    /// An object was deleted; this is its last state.
    case deleted(Object)
    /// The stream has reached `resourceVersion`; resume a later watch from it.
    case bookmark(resourceVersion: String)
    /// The watch failed, e.g. with `410 Expired`; the watch ends after it.
    case error(Status)

    /// The object of ADDED, MODIFIED and DELETED events.
    public var object: Object? {
        switch self {
        case .added(let object), .modified(let object), .deleted(let object): object
        case .bookmark, .error: nil
        }
    }

    /// The event's type.
    public var type: WatchEventType {
        switch self {
        case .added: .added
        case .modified: .modified
        case .deleted: .deleted
        case .bookmark: .bookmark
        case .error: .error
        }
    }
}

extension WatchEvent: Equatable where Object: Equatable {}
extension WatchEvent: Hashable where Object: Hashable {}

extension WatchEvent where Object: KubeResource {
    /// The resourceVersion this event brings the stream to: the object's, or the bookmark's; `nil` for errors.
    public var resourceVersion: String? {
        switch self {
        case .added(let object), .modified(let object), .deleted(let object): object.metadata.resourceVersion
        case .bookmark(let resourceVersion): resourceVersion
        case .error: nil
        }
    }
}
