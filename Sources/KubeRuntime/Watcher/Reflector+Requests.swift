import KubeClient
import KubeCore
import Logging

extension Reflector {
    /// How one watch request ended.
    enum WatchOutcome: Sendable {
        case ended(eventCount: Int)
        case failed(WatcherStateMachine<Object>.Failure)
        case relistRequested
    }

    /// A watch that the server closes sooner than this with no event counts as a failure.
    static var shortestQuietWatch: Duration { .seconds(1) }

    /// A function returning the time elapsed on `clock` since this call.
    static func stopwatch<C: Clock<Duration>>(_ clock: C) -> @Sendable () -> Duration {
        let start = clock.now
        return { start.duration(to: clock.now) }
    }

    /// Lists one page and applies it.
    func listPage(continueToken: String?) async throws -> WatcherStateMachine<Object>.Action {
        let options = ListOptions(
            labelSelector: configuration.labelSelector, fieldSelector: configuration.fieldSelector,
            limit: configuration.pageSize, continueToken: continueToken)
        let page: ObjectList<Object>
        do {
            page = try await client.list(
                Object.self, namespace: configuration.namespace, options: options, resource: configuration.resource)
        } catch {
            let failure = try report(error, during: "list")
            return machine.withLock { $0.failed(failure) }
        }
        recovered()
        let items = configuration.namespaceFilter == nil ? page.items : page.items.filter(configuration.accepts)
        let step = machine.withLock {
            $0.listPageReceived(
                items, resourceVersion: page.metadata.resourceVersion, continueToken: page.metadata.continueToken)
        }
        if !step.changes.isEmpty { onChange(step.changes) }
        return step.action
    }

    /// Watches from `resourceVersion` until the stream ends or fails, or a relist is requested.
    func watch(from resourceVersion: String) async throws -> WatcherStateMachine<Object>.Action {
        // On the reflector's clock (real time in production): this guards against a server that closes every watch
        // at once. Tests on a manual clock thus see a quiet close as short however slow the machine is.
        let elapsed = Self.stopwatch(clock)
        let outcome = try await withThrowingTaskGroup(of: WatchOutcome?.self) { group in
            group.addTask { try await self.consumeWatch(from: resourceVersion) }
            group.addTask {
                await self.relistSignal.wait()
                return Task.isCancelled ? nil : .relistRequested
            }
            var outcome: WatchOutcome?
            while outcome == nil, let next = try await group.next() {
                outcome = next
                group.cancelAll()
            }
            return outcome ?? .ended(eventCount: 0)
        }
        switch outcome {
        case .ended(let eventCount) where eventCount == 0 && elapsed() < Self.shortestQuietWatch:
            // client-go's "very short watch": a close within a second with nothing received is treated as an
            // error and backs off, so a misbehaving server or proxy cannot make the reflector spin.
            logger.warning(
                "Watch closed within a second without any event; backing off",
                metadata: ["watch.resourceVersion": "\(resourceVersion)"])
            return machine.withLock { $0.failed(.retryable(retryAfter: nil)) }
        case .ended:
            logger.debug("Watch ended; resuming", metadata: ["watch.resourceVersion": "\(resourceVersion)"])
            return machine.withLock { $0.watchEnded() }
        case .failed(let failure):
            return machine.withLock { $0.failed(failure) }
        case .relistRequested:
            logger.debug("Relisting to replay the cache to a new consumer")
            return machine.withLock { $0.relist() }
        }
    }

    private func consumeWatch(from resourceVersion: String) async throws -> WatchOutcome {
        let options = WatchOptions(
            labelSelector: configuration.labelSelector, fieldSelector: configuration.fieldSelector,
            resourceVersion: resourceVersion, allowWatchBookmarks: true,
            timeoutSeconds: Int.random(in: configuration.watchTimeoutSeconds))
        let stream = client.watch(
            Object.self, namespace: configuration.namespace, options: options, resource: configuration.resource)
        var eventCount = 0
        do {
            for try await element in stream {
                if eventCount == 0 { recovered() }
                eventCount += 1
                switch element {
                case .success(var event):
                    if let object = event.object, !configuration.accepts(object) {
                        // Outside the namespace filter: only its resourceVersion matters.
                        event = .bookmark(resourceVersion: object.metadata.resourceVersion ?? resourceVersion)
                    }
                    let changes = machine.withLock { $0.watchEventReceived(event) }
                    if !changes.isEmpty { onChange(changes) }
                case .failure(let error):
                    logger.warning("Skipping an object that could not be decoded", metadata: ["error": "\(error)"])
                }
            }
            return .ended(eventCount: eventCount)
        } catch {
            return .failed(try report(error, during: "watch"))
        }
    }

    /// Logs a failed request and classifies it; rethrows cancellation.
    ///
    /// A failure is logged once as a warning (with what to do when it is a `403`); the same failure again, retry
    /// after retry, only at debug level, so a permanent problem is one line, not a line per backoff.
    private func report(_ error: any Error, during request: String) throws -> WatcherStateMachine<Object>.Failure {
        if error is CancellationError || Task.isCancelled { throw CancellationError() }
        let failure = classify(error)
        if failure == .gone {
            logger.info("Relisting after 410 Gone", metadata: ["request": "\(request)"])
            return failure
        }
        let current = WatchFailure(error, verb: request, configuration: configuration)
        let isRepeat = self.failure.withLock { stored in
            defer { stored = current }
            return stored.map { $0.isSameProblem(as: current) } ?? false
        }
        if isRepeat {
            logger.debug(
                "Failed to \(request) \(configuration.resourceName) again; retrying with backoff",
                metadata: ["error": "\(error)"])
        } else if current.isForbidden {
            let resource = configuration.resourceName
            logger.warning(
                "\("Forbidden to \(request) \(resource); grant the operator's service account list and watch on \(resource)"), retrying with backoff until then",
                metadata: ["error": "\(error)"])
        } else {
            logger.warning(
                "Failed to \(request) \(configuration.resourceName); retrying with backoff",
                metadata: ["error": "\(error)"])
        }
        return failure
    }

    /// Forgets the last failure once a request succeeds (logging the recovery of a reported one).
    private func recovered() {
        guard let previous = failure.withLock({ stored in defer { stored = nil }; return stored }) else { return }
        logger.info(
            "Recovered: \(previous.verb) \(configuration.resourceName) succeeds again",
            metadata: ["previous.error": "\(previous)"])
    }

    private func classify(_ error: any Error) -> WatcherStateMachine<Object>.Failure {
        guard let apiError = error as? KubeAPIError else { return .retryable(retryAfter: nil) }
        return apiError.isGone ? .gone : .retryable(retryAfter: apiError.retryAfter)
    }
}
