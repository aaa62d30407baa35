import TocsinNotifiers

/// How the delivery pipeline runs.
public struct DeliveryConfiguration: Sendable {
    /// Parallel senders. Default: 4.
    public var concurrency: Int
    /// The most receivers with queued work; beyond it work stays in the Incidents' outboxes until a resync.
    /// Default: 10,000.
    public var maximumQueuedWork: Int
    /// The retry delays of failed entries.
    public var backoff: DeliveryBackoff
    /// Consecutive endpoint failures that open a circuit. Default: 5.
    public var failureThreshold: Int
    /// The first cool-down of an open circuit. Default: 30 s.
    public var initialCoolDown: Duration
    /// The longest cool-down. Default: 10 min.
    public var maximumCoolDown: Duration
    /// Slack posts per second per channel. Default: 1.
    public var slackMessagesPerSecond: Double
    /// Slack posts a channel may burst. Default: 2.
    public var slackBurst: Int
    /// How often the dispatcher checks for work that became due. Default: 250 ms.
    public var tick: Duration
    /// How often every cached Incident is scanned again for work (picks up what a full work set refused).
    /// Default: 60 s.
    public var resyncInterval: Duration
    /// How long after an Opsgenie create its request status is checked. Default: 2 s.
    public var requestCheckDelay: Duration
    /// The most request-status checks of one request (each waiting twice as long). Default: 5.
    public var maximumRequestChecks: Int
    /// How long a receiver waits before trying again after its status could not be written. Default: 1 s.
    public var writeRetryDelay: Duration
    /// How Slack cards render (links, buttons).
    public var cardOptions: SlackCardOptions
    /// What Opsgenie alerts carry beyond the incident.
    public var opsgenieOptions: OpsgenieAlertOptions

    /// Creates a configuration.
    public init(
        concurrency: Int = 4, maximumQueuedWork: Int = 10_000, backoff: DeliveryBackoff = DeliveryBackoff(),
        failureThreshold: Int = 5, initialCoolDown: Duration = .seconds(30), maximumCoolDown: Duration = .seconds(600),
        slackMessagesPerSecond: Double = 1, slackBurst: Int = 2, tick: Duration = .milliseconds(250),
        resyncInterval: Duration = .seconds(60), requestCheckDelay: Duration = .seconds(2), maximumRequestChecks: Int = 5,
        writeRetryDelay: Duration = .seconds(1), cardOptions: SlackCardOptions = SlackCardOptions(),
        opsgenieOptions: OpsgenieAlertOptions = OpsgenieAlertOptions()
    ) {
        self.concurrency = max(1, concurrency)
        self.maximumQueuedWork = max(1, maximumQueuedWork)
        self.backoff = backoff
        self.failureThreshold = max(1, failureThreshold)
        self.initialCoolDown = initialCoolDown
        self.maximumCoolDown = maximumCoolDown
        self.slackMessagesPerSecond = slackMessagesPerSecond
        self.slackBurst = max(1, slackBurst)
        self.tick = max(.milliseconds(1), tick)
        self.resyncInterval = resyncInterval
        self.requestCheckDelay = requestCheckDelay
        self.maximumRequestChecks = max(0, maximumRequestChecks)
        self.writeRetryDelay = writeRetryDelay
        self.cardOptions = cardOptions
        self.opsgenieOptions = opsgenieOptions
    }
}
