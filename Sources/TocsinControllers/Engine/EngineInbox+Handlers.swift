import KubeRuntime
import TocsinAPI
import TocsinEngine

extension EngineInbox {
    /// Records the changes of a projected Pod subscription.
    @Sendable func handlePod(_ event: InformerEvent<WatchedPod>) {
        switch event {
        case .added(let pod), .updated(_, let pod): record(.pod(pod))
        case .deleted(let pod): record(.deleted(ObservedObjectID(kind: .pod, namespace: pod.namespace, name: pod.name)))
        }
    }

    /// Records the changes of the projected Node subscription.
    @Sendable func handleNode(_ event: InformerEvent<WatchedNode>) {
        switch event {
        case .added(let node), .updated(_, let node): record(.node(node))
        case .deleted(let node): record(.deleted(ObservedObjectID(kind: .node, namespace: "", name: node.name)))
        }
    }

    /// Records the changes of a projected Event subscription.
    @Sendable func handleEvent(_ event: InformerEvent<WatchedEvent>) {
        switch event {
        case .added(let watched), .updated(_, let watched): record(.event(watched))
        case .deleted(let watched):
            record(.deleted(ObservedObjectID(kind: .event, namespace: watched.namespace, name: watched.name)))
        }
    }

    /// Records Incidents that were added or changed (deleted ones need no attention).
    @Sendable func handleIncident(_ event: InformerEvent<Incident>) {
        switch event {
        case .added(let incident), .updated(_, let incident): recordIncident(incident)
        case .deleted: break
        }
    }

    /// Marks the configuration changed on any change of a rule, Monitor or schedule.
    @Sendable func handleConfiguration<Object: Sendable>(_ event: InformerEvent<Object>) {
        markConfigurationChanged()
    }
}
