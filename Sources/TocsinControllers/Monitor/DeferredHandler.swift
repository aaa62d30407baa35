import KubeRuntime
import Synchronization

/// An informer handler set after the subscription is made; events before that are dropped.
final class DeferredHandler<Cached: Sendable>: Sendable {
    private let target = Mutex<(@Sendable (InformerEvent<Cached>) -> Void)?>(nil)

    /// Forwards `event` to the connected handler, if any.
    @Sendable func handle(_ event: InformerEvent<Cached>) {
        let handler = target.withLock { $0 }
        handler?(event)
    }

    /// Sets the handler events are forwarded to.
    func connect(_ handler: @escaping @Sendable (InformerEvent<Cached>) -> Void) {
        target.withLock { $0 = handler }
    }
}
