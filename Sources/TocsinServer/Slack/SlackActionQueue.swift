import Logging
import ServiceLifecycle
import TocsinControllers
import TocsinNotifiers

/// The Incident operations asked for from Slack (buttons, `/tocsin ack …`), done after Slack got its answer.
///
/// Slack wants an answer within 3 seconds, so the endpoints only ``enqueue(_:)`` a job and answer; this service
/// performs the jobs (a few at a time) and reports failures — and, for slash commands, successes — ephemerally on
/// the request's `response_url`. The card itself is updated by the delivery outbox, like any other change.
///
/// The buffer is bounded: when it is full ``enqueue(_:)`` refuses the job and the endpoint tells Slack to retry.
/// Add the queue to the executable's `ServiceGroup`; on graceful shutdown it stops accepting jobs and finishes
/// those already queued.
public final class SlackActionQueue: Service, Sendable {
    /// One operation to perform.
    public struct Job: Sendable, Hashable {
        /// What to do.
        public var operation: IncidentOperations.Operation
        /// On which Incident.
        public var incident: SlackIncidentKey
        /// Who asked, e.g. `slack:U0123 (alice)`.
        public var actor: String
        /// Where to answer, when Slack gave a URL.
        public var responseURL: String?
        /// Whether a success is reported too (slash commands), or only failures (buttons, whose card shows it).
        public var reportsSuccess: Bool

        /// Creates a job.
        public init(
            operation: IncidentOperations.Operation, incident: SlackIncidentKey, actor: String, responseURL: String?,
            reportsSuccess: Bool
        ) {
            self.operation = operation
            self.incident = incident
            self.actor = actor
            self.responseURL = responseURL
            self.reportsSuccess = reportsSuccess
        }
    }

    /// The default bound of queued jobs.
    public static let defaultCapacity = 256

    private let jobs: AsyncStream<Job>
    private let continuation: AsyncStream<Job>.Continuation
    private let perform: @Sendable (Job) async throws -> Void
    private let responder: SlackResponseURLClient
    private let concurrency: Int
    private let logger: Logger

    /// Creates a queue performing jobs with `operations`.
    /// - Parameters:
    ///   - operations: the one place Incidents are changed (origin `.slack`).
    ///   - responder: sends ephemeral answers to `response_url`.
    ///   - capacity: how many jobs may wait; more are refused.
    ///   - concurrency: how many jobs run at once.
    ///   - logger: the service's logger.
    public convenience init(
        operations: IncidentOperations, responder: SlackResponseURLClient, capacity: Int = SlackActionQueue.defaultCapacity,
        concurrency: Int = 4, logger: Logger
    ) {
        self.init(
            perform: { job in
                try await operations.perform(
                    job.operation, namespace: job.incident.namespace, name: job.incident.name, by: job.actor,
                    origin: .slack)
            }, responder: responder, capacity: capacity, concurrency: concurrency, logger: logger)
    }

    /// Creates a queue with its own way to perform a job (tests).
    init(
        perform: @escaping @Sendable (Job) async throws -> Void, responder: SlackResponseURLClient, capacity: Int,
        concurrency: Int, logger: Logger
    ) {
        (jobs, continuation) = AsyncStream.makeStream(of: Job.self, bufferingPolicy: .bufferingOldest(max(1, capacity)))
        self.perform = perform
        self.responder = responder
        self.concurrency = max(1, concurrency)
        self.logger = logger
    }

    /// Queues `job`. - Returns: `false` when the queue is full or no longer running.
    @discardableResult
    public func enqueue(_ job: Job) -> Bool {
        if case .enqueued = continuation.yield(job) { return true }
        logger.warning(
            "Refused a Slack action: the queue is full or stopped",
            metadata: ["incident.namespace": "\(job.incident.namespace)", "incident.name": "\(job.incident.name)"])
        return false
    }

    /// Performs jobs until graceful shutdown (then finishes the queued ones) or cancellation.
    public func run() async {
        await withGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { group in
                var running = 0
                for await job in jobs {
                    if running >= concurrency {
                        await group.next()
                        running -= 1
                    }
                    group.addTask { await self.process(job) }
                    running += 1
                }
                await group.waitForAll()
            }
        } onGracefulShutdown: {
            self.continuation.finish()
        }
    }

    /// Stops accepting jobs; ``run()`` returns once the queued ones are done.
    public func finish() {
        continuation.finish()
    }

    /// Performs one job and reports its outcome.
    func process(_ job: Job) async {
        let reply: String?
        do {
            try await perform(job)
            reply = job.reportsSuccess ? SlackCommandReplies.done(job.operation, incident: job.incident) : nil
        } catch let failure as IncidentOperations.Failure {
            reply = SlackCommandReplies.refused(job.operation, incident: job.incident, failure: failure)
        } catch {
            logger.error(
                "Could not perform a Slack action",
                metadata: [
                    "incident.namespace": "\(job.incident.namespace)", "incident.name": "\(job.incident.name)",
                    "error": "\(error)",
                ])
            reply = SlackCommandReplies.failed(job.operation, incident: job.incident)
        }
        guard let reply, let url = job.responseURL else { return }
        await responder.postEphemeral(reply, to: url)
    }
}
