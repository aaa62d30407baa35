import Logging
import ServiceLifecycle
import Synchronization

/// Runs an operator's controllers the way several replicas should: the shared informers run on every replica
/// (so a new leader starts with warm caches), the controllers only on the leader.
///
/// Before the controllers start, `waitForCaches` must return (controller-runtime's "wait for cache sync"),
/// so a reconcile never acts on a half-filled cache; it runs on every replica and then
/// ``hasSyncedCaches`` turns true (the readiness check). Handlers enqueue keys on followers too, so a new
/// leader first reconciles everything that changed while it followed. On graceful shutdown the controllers drain their
/// in-flight reconciles while the leader keeps renewing its lease, then the lease is released so another
/// replica takes over at once, and the informers stop.
public final class ControllerManager: Service, Sendable {
    let informers: SharedInformers
    let controllers: [Controller]
    let leaderServices: [any Service]
    let elector: LeaderElector?
    let waitForCaches: @Sendable () async throws -> Void
    let logger: Logger
    private let cachesSynced = Atomic<Bool>(false)
    private let controllersRunning = Atomic<Bool>(false)

    /// Whether the caches have synced on this replica (leader or not): the readiness check of `/readyz`.
    public var hasSyncedCaches: Bool { cachesSynced.load(ordering: .acquiring) }

    /// Whether the controllers run on this replica now (it leads, or there is no election): readiness checks of
    /// what only the controllers fill (e.g. watches that reconcilers start) apply only then.
    public var areControllersRunning: Bool { controllersRunning.load(ordering: .acquiring) }

    /// Creates a manager.
    /// - Parameters:
    ///   - leaderServices: other work that runs only where the controllers run (e.g. HTTP probes); each must
    ///     return on graceful shutdown, as controllers do.
    ///   - elector: nil runs the controllers on this replica unconditionally (a single replica).
    ///   - waitForCaches: returns once every cache the controllers read has synced.
    public init(
        informers: SharedInformers,
        controllers: [Controller],
        leaderServices: [any Service] = [],
        elector: LeaderElector?,
        waitForCaches: @escaping @Sendable () async throws -> Void = {},
        logger: Logger = Logger(label: "tocsin.manager")
    ) {
        self.informers = informers
        self.controllers = controllers
        self.leaderServices = leaderServices
        self.elector = elector
        self.waitForCaches = waitForCaches
        self.logger = logger
    }

    /// Runs until cancelled or shut down gracefully.
    public func run() async throws {
        try await withThrowingTaskGroup(of: Part.self) { group in
            group.addTask {
                try await self.informers.run()
                return .informers
            }
            group.addTask {
                // Every replica fills its caches, so a new leader starts warm and followers report ready.
                try await cancelWhenGracefulShutdown { try await self.waitForCaches() }
                // Without an election the controllers run next: say so first, so no readiness check sees the
                // caches synced but not the controllers' own watches.
                if self.elector == nil { self.controllersRunning.store(true, ordering: .releasing) }
                self.cachesSynced.store(true, ordering: .releasing)
                self.logger.info("Caches synced")
                if let elector = self.elector {
                    try await elector.runWhileLeader { try await self.runControllers() }
                } else {
                    try await self.runControllers()
                }
                return .controllers
            }
            // The informers stop at the start of a graceful shutdown; the controllers may still be draining
            // (reading the last cached state), so only the end of the controllers' part ends the manager.
            while let part = try await group.next() {
                if part == .controllers {
                    group.cancelAll()
                    return
                }
            }
        }
    }

    private enum Part: Sendable {
        case informers, controllers
    }

    private func runControllers() async throws {
        logger.info("Starting controllers", metadata: ["controllers.count": "\(controllers.count)"])
        controllersRunning.store(true, ordering: .releasing)
        defer { controllersRunning.store(false, ordering: .releasing) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for controller in controllers {
                group.addTask { try await controller.run() }
            }
            for service in leaderServices {
                group.addTask { try await service.run() }
            }
            try await group.waitForAll()
        }
    }
}
