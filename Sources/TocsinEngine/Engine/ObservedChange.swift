import TocsinAPI

/// The identity of an object the engine evaluates.
public struct ObservedObjectID: Sendable, Hashable {
    /// What the object is.
    public enum Kind: Sendable, Hashable {
        /// A pod.
        case pod
        /// A node.
        case node
        /// An event.
        case event
        /// A Monitor's HTTP probe (namespace = the Monitor's, name = `<monitor>/<probe>`).
        case probe
        /// An OnCallSchedule (evaluated by onCallGap conditions from the namespace's directory).
        case schedule
    }

    /// What the object is.
    public var kind: Kind
    /// Its namespace ("" for nodes).
    public var namespace: String
    /// Its name.
    public var name: String

    /// Creates an identity.
    public init(kind: Kind, namespace: String, name: String) {
        self.kind = kind
        self.namespace = namespace
        self.name = name
    }
}

/// A change the engine is told about: an object appeared or changed (upsert), or went away.
public enum ObservedChange: Sendable, Hashable {
    /// A pod was added or changed.
    case pod(WatchedPod)
    /// A node was added or changed.
    case node(WatchedNode)
    /// An event was added or changed (a higher count is a repeat).
    case event(WatchedEvent)
    /// A probe reported a result.
    case probe(WatchedProbe)
    /// The OnCallSchedule `name` of `namespace` may have changed (its answer is read from the engine's directory).
    case schedule(namespace: String, name: String)
    /// The object is gone.
    case deleted(ObservedObjectID)

    /// The identity of the object concerned.
    public var id: ObservedObjectID {
        switch self {
        case .pod(let pod): ObservedObjectID(kind: .pod, namespace: pod.namespace, name: pod.name)
        case .node(let node): ObservedObjectID(kind: .node, namespace: "", name: node.name)
        case .event(let event): ObservedObjectID(kind: .event, namespace: event.namespace, name: event.name)
        case .probe(let probe):
            ObservedObjectID(kind: .probe, namespace: probe.namespace, name: "\(probe.monitor)/\(probe.probe)")
        case .schedule(let namespace, let name): ObservedObjectID(kind: .schedule, namespace: namespace, name: name)
        case .deleted(let id): id
        }
    }
}
