import Foundation
import KubeClient
import KubeCore
import Logging
import ServiceLifecycle

/// The election loop: drives the state machine, performing the I/O each action asks for.
extension LeaderElector {
    private enum Transition: Sendable {
        case becameLeader
        case stoppedLeading
    }

    private enum LeadingOutcome: Sendable {
        case workReturned
        case leadershipLost
    }

    /// Acquires, leads while running `work`, and competes again after each loss, until cancelled or until
    /// `work` returns while leading.
    func compete(_ work: @escaping @Sendable () async throws -> Void) async throws {
        while true {
            logger.debug("Attempting to acquire leader lease")
            // A candidate stops competing when a graceful shutdown begins; a leader's work drains instead.
            guard try await cancelWhenGracefulShutdown({ try await self.drive() }) == .becameLeader else { continue }
            if try await lead(work) { return }
        }
    }

    /// Runs `work` next to the renewal loop; whichever ends first cancels the other, and both are awaited.
    /// - Returns: `true` when `work` returned, `false` when leadership was lost.
    private func lead(_ work: @escaping @Sendable () async throws -> Void) async throws -> Bool {
        try await withThrowingTaskGroup(of: LeadingOutcome.self) { group in
            group.addTask {
                try await work()
                return .workReturned
            }
            group.addTask {
                _ = try await self.drive()
                return .leadershipLost
            }
            let first = try await group.next()
            group.cancelAll()
            do {
                while try await group.next() != nil {}
            } catch is CancellationError {
                // The other child ended as it was told to.
            } catch {
                logger.warning(
                    "Leader work failed after it was cancelled", metadata: ["error": "\(error)"])
            }
            return first == .workReturned
        }
    }

    /// Performs actions until the machine becomes or stops being leader.
    /// - Throws: `CancellationError` only; request failures go back to the machine.
    private func drive() async throws -> Transition {
        var action = nextAction()
        while true {
            switch action {
            case .wait(let until):
                setWaiting(true)
                do {
                    try await clock.sleepUntil(until)
                } catch {
                    setWaiting(false)
                    throw error
                }
                setWaiting(false)
                action = nextAction()
            case .read:
                action = try await read()
            case .create(let lease):
                action = try await write(lease, creating: true)
            case .update(let lease):
                action = try await write(lease, creating: false)
            case .becomeLeader:
                setLeader(true)
                logger.info("Became leader")
                return .becameLeader
            case .stopLeading(let loss):
                setLeader(false)
                switch loss {
                case .renewDeadlineExceeded:
                    logger.warning(
                        "Lost leadership: failed to renew lease within renewDeadline",
                        metadata: ["lease.renewDeadline": "\(configuration.renewDeadline)"])
                case .leaseTakenOver(let holder):
                    logger.warning(
                        "Lost leadership: lease is held by another identity",
                        metadata: ["lease.holderIdentity": "\(holder)"])
                }
                return .stoppedLeading
            }
        }
    }

    private func nextAction() -> LeaderElectionStateMachine.Action {
        let now = clock.now()
        let date = currentDate()
        return machine.withLock { $0.next(at: now, date: date) }
    }

    /// Reads the Lease (racing a leader's deadline) and hands it to the machine.
    private func read() async throws -> LeaderElectionStateMachine.Action {
        let deadline = machine.withLock { $0.leadershipDeadline }
        let client = client
        let name = configuration.leaseName
        let namespace = configuration.namespace
        do {
            let lease: Lease? = try await clock.race(deadline: deadline) {
                do {
                    return try await client.get(Lease.self, name: name, namespace: namespace)
                } catch let error as KubeAPIError where error.isNotFound {
                    return nil
                }
            }
            let now = clock.now()
            let date = currentDate()
            let action = machine.withLock { $0.leaseRead(lease, at: now, date: date) }
            if case .wait = action, let holder = lease?.spec?.holderIdentity {
                logger.debug("Lease is held by another identity", metadata: ["lease.holderIdentity": "\(holder)"])
            }
            return action
        } catch {
            try Self.rethrowCancellation(error)
            logger.warning("Failed to read leader lease", metadata: ["error": "\(error)"])
            let now = clock.now()
            return machine.withLock { $0.readFailed(at: now) }
        }
    }

    /// Creates or replaces the Lease (racing a leader's deadline) and hands the outcome to the machine.
    private func write(_ lease: Lease, creating: Bool) async throws -> LeaderElectionStateMachine.Action {
        let deadline = machine.withLock { $0.leadershipDeadline }
        let client = client
        let namespace = configuration.namespace
        do {
            let written = try await clock.race(deadline: deadline) {
                creating ? try await client.create(lease, namespace: namespace) : try await client.update(lease)
            }
            let now = clock.now()
            return machine.withLock { $0.writeSucceeded(written, at: now) }
        } catch {
            try Self.rethrowCancellation(error)
            let apiError = error as? KubeAPIError
            let isConflict = apiError.map { $0.isConflict || $0.isAlreadyExists } ?? false
            if isConflict {
                logger.debug("Lease changed since it was read; re-reading", metadata: ["error": "\(error)"])
            } else {
                logger.warning("Failed to write leader lease", metadata: ["error": "\(error)"])
            }
            let now = clock.now()
            return machine.withLock { $0.writeFailed(isConflict: isConflict, at: now) }
        }
    }

    /// Gives up leadership when the loop ends: stops leading, and releases the Lease with `releaseOnCancel`.
    func resign() async {
        let wasLeader = isLeader
        let lease = machine.withLock { $0.release(date: currentDate()) }
        setLeader(false)
        if wasLeader { logger.info("Stopped leading") }
        guard configuration.releaseOnCancel, let lease else { return }
        let deadline = clock.now() + configuration.renewDeadline
        let client = client
        let clock = clock
        // The only unstructured task of the elector, awaited at once: the loop usually ends because its
        // task was cancelled, and a request made from a cancelled task fails at once. This task does not
        // inherit the cancellation, cannot outlive this call, and is bounded by renewDeadline.
        let identity = configuration.identity
        let date = currentDate()
        let result = await Task { [self] in
            try await clock.race(deadline: deadline) {
                do {
                    return try await client.update(lease)
                } catch let error as KubeAPIError where error.isConflict {
                    // A renewal sent before the shutdown may have landed after all: read the Lease again and
                    // release that, if it is still ours (else the release is moot).
                    let current = try await client.get(
                        Lease.self, name: lease.metadata.name ?? "", namespace: lease.metadata.namespace)
                    guard let again = self.machine.withLock({ $0.releaseAgain(current: current, date: date) }) else {
                        throw LeaderElectionError(
                            code: .notHolder, message: "the Lease is held by \(current.spec?.holderIdentity ?? "nobody"), not \(identity)")
                    }
                    return try await client.update(again)
                }
            }
        }.result
        switch result {
        case .success(let written):
            let now = clock.now()
            machine.withLock { $0.releaseSucceeded(written, at: now) }
            logger.info("Released leader lease")
        case .failure(let error):
            logger.warning(
                "Failed to release leader lease; others take over when it expires",
                metadata: ["error": "\(error)"])
        }
    }

    /// Rethrows a cancellation (of the error itself, or of the current task) as `CancellationError`.
    private static func rethrowCancellation(_ error: any Error) throws {
        if error is CancellationError || Task.isCancelled { throw CancellationError() }
    }
}
