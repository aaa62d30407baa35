import Logging
import ServiceLifecycle

extension OperatorAssembly {
    /// Runs the operator's services while `body` runs, then shuts them down gracefully and waits for them (for
    /// `tocsin demo`, the benchmark and tests; `tocsin run` runs ``services`` under signal handling instead).
    /// - Returns: what `body` returns.
    /// - Throws: what `body` throws (after the shutdown), or what a service throws.
    public func run<Result: Sendable>(
        logger: Logger, _ body: @escaping @Sendable () async throws -> Result
    ) async throws -> Result {
        var configuration = ServiceGroupConfiguration(services: services.map { .init(service: $0) }, logger: logger)
        // A service that does not finish its graceful shutdown is cancelled after 30 s and reported, rather than
        // holding the caller (a test, the demo) forever.
        configuration.maximumGracefulShutdownDuration = .seconds(30)
        configuration.maximumCancellationDuration = .seconds(10)
        let group = ServiceGroup(configuration: configuration)
        let outcome = try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            let outcome: Swift.Result<Result, any Error>
            do {
                outcome = .success(try await body())
            } catch {
                outcome = .failure(error)
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            return outcome
        }
        return try outcome.get()
    }
}
