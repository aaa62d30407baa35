/// Parameters of ``AlertCondition/onCallGap``: an OnCallSchedule of the rule's namespace has a stretch with nobody
/// on call that starts within ``within`` from now (or nobody is on call now).
public struct OnCallGapCondition: Codable, Sendable, Hashable {
    /// The OnCallSchedule to watch (a name in the rule's namespace); unset means every schedule of the namespace
    /// (one incident per schedule by default).
    public var schedule: String?
    /// How far ahead a gap counts: the condition holds while a gap starts at or before now + `within`. Default:
    /// `24h`; `1h` to `14d` (the span of `status.gaps`).
    public var within: KubeDuration?

    /// The default of ``within``: 24 h.
    public static let defaultWithin = KubeDuration.hours(24)
    /// The range ``within`` must lie in: 1 h to 14 d.
    public static let withinRange = KubeDuration.hours(1)...KubeDuration.days(14)

    /// Creates the parameters.
    public init(schedule: String? = nil, within: KubeDuration? = nil) {
        self.schedule = schedule
        self.within = within
    }
}
