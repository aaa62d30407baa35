import KubeClient
import KubeCore
import Logging
import Metrics
import ServiceLifecycle
import Synchronization

/// The factory and runner of shared informers: one ``Informer`` (one list and one watch per watched
/// namespace) per Swift type, resource, namespace selection, label selector and field selector, however
/// many consumers use it.
///
/// A `Service`: add it to the `ServiceGroup`; its ``run()`` hosts every reflector as a child task and ends
/// them on cancellation or graceful shutdown. Informers can be created and subscribed to before `run()`
/// starts; their watches begin when it does.
public final class SharedInformers: Service, Sendable {
    private struct InformerKey: Hashable, Sendable {
        let objectType: ObjectIdentifier
        let resource: ResourceType
        let namespaces: NamespaceSelection
        let labelSelector: String?
        let fieldSelector: String?
    }

    private let environment: InformerEnvironment
    private let informers = Mutex<[InformerKey: any Sendable]>([:])

    /// Creates the factory.
    /// - Parameters:
    ///   - backoff: the retry policy of every watch.
    ///   - pageSize: the list page size (`limit`).
    public init(
        client: KubernetesClient, clock: any Clock<Duration> = ContinuousClock(),
        logger: Logger = Logger(label: "tocsin.informers"), metricsFactory: any MetricsFactory = MetricsSystem.factory,
        backoff: WatcherBackoff = WatcherBackoff(), pageSize: Int = 500
    ) {
        environment = InformerEnvironment(
            client: client, host: TaskHost(), clock: clock, logger: logger, metricsFactory: metricsFactory,
            backoff: backoff, pageSize: pageSize)
    }

    /// The shared informer of `type` objects for this selection, created on first use.
    /// - Parameter resource: overrides `Object.resourceType` (required for `GenericObject`).
    public func informer<Object: KubeResource>(
        _ type: Object.Type, resource: ResourceType? = nil, namespaces: NamespaceSelection = .all,
        labelSelector: String? = nil, fieldSelector: String? = nil
    ) -> Informer<Object> {
        let resource = resource ?? Object.resourceType
        let key = InformerKey(
            objectType: ObjectIdentifier(type), resource: resource,
            namespaces: resource.isNamespaced ? namespaces.normalized : .all,
            labelSelector: labelSelector?.isEmpty == true ? nil : labelSelector,
            fieldSelector: fieldSelector?.isEmpty == true ? nil : fieldSelector)
        return informers.withLock { informers in
            if let existing = informers[key] as? Informer<Object> { return existing }
            let informer = Informer<Object>(
                resource: resource, namespaces: key.namespaces, labelSelector: key.labelSelector,
                fieldSelector: key.fieldSelector, environment: environment)
            informers[key] = informer
            return informer
        }
    }

    /// Runs the informers' watches until cancelled or a graceful shutdown begins.
    public func run() async throws {
        await cancelWhenGracefulShutdown { await self.environment.host.run() }
    }
}
