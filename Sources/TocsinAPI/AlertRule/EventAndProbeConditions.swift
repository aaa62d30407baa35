/// Parameters of ``AlertCondition/warningEvent``. Repeats of an event (a higher `count` or `series.count`) count.
public struct WarningEventCondition: Codable, Sendable, Hashable {
    /// Event reasons that count, e.g. `FailedMount`, `BackOff`. Not set together with ``reasonPattern``; when
    /// neither is set every Warning event counts.
    public var reasons: [String]?
    /// A regular expression (ICU syntax, unanchored) the reason must match.
    public var reasonPattern: String?
    /// A regular expression (ICU syntax, unanchored) the message must match.
    public var messagePattern: String?
    /// Kinds of the involved object that count, e.g. `Pod`, `PersistentVolumeClaim`. Default: every kind.
    public var involvedKinds: [String]?
    /// How many occurrences within ``window`` fire; at least 1. Default: `1`.
    public var minCount: Int?
    /// The sliding window occurrences are counted in. Default: `10m`; at most `1h` (events expire after about an
    /// hour).
    public var window: KubeDuration?

    /// Creates the parameters.
    public init(
        reasons: [String]? = nil, reasonPattern: String? = nil, messagePattern: String? = nil,
        involvedKinds: [String]? = nil, minCount: Int? = nil, window: KubeDuration? = nil
    ) {
        self.reasons = reasons
        self.reasonPattern = reasonPattern
        self.messagePattern = messagePattern
        self.involvedKinds = involvedKinds
        self.minCount = minCount
        self.window = window
    }
}

/// Parameters of ``AlertCondition/probeDown``.
public struct ProbeDownCondition: Codable, Sendable, Hashable {
    /// The Monitor probe to evaluate; unset means every probe of the Monitor (one incident per probe by default).
    public var probe: String?
    /// Failed checks in a row that fire; at least 1. Default: `3`.
    public var consecutiveFailures: Int?

    /// Creates the parameters.
    public init(probe: String? = nil, consecutiveFailures: Int? = nil) {
        self.probe = probe
        self.consecutiveFailures = consecutiveFailures
    }
}

/// Parameters of ``AlertCondition/probeSlow``.
public struct ProbeSlowCondition: Codable, Sendable, Hashable {
    /// The Monitor probe to evaluate; unset means every probe of the Monitor.
    public var probe: String?
    /// A successful check slower than this counts; positive.
    public var threshold: KubeDuration

    /// Creates the parameters.
    public init(probe: String? = nil, threshold: KubeDuration) {
        self.probe = probe
        self.threshold = threshold
    }
}
