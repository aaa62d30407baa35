extension Monitor {
    /// The monitor with defaults filled in: `kinds: [Pod, Node, Event]`, `ownership.label: team`, and for every
    /// probe `method: GET`, `interval: 30s`, `timeout: 5s`, `expectedStatus: [200]`, `tlsInsecureSkipVerify: false`.
    public func withDefaults() -> Monitor {
        var copy = self
        copy.spec.kinds = spec.kinds ?? WatchedKind.allCases
        copy.spec.ownership?.label = spec.ownership?.label ?? Ownership.defaultLabel
        copy.spec.probes = spec.probes?.map { $0.withDefaults() }
        return copy
    }
}

extension Ownership {
    /// The default alert label for the owning team: `team`.
    public static let defaultLabel = "team"
}

extension HTTPProbe {
    /// The default interval: 30 s.
    public static let defaultInterval = KubeDuration.seconds(30)
    /// The default timeout: 5 s.
    public static let defaultTimeout = KubeDuration.seconds(5)
    /// The shortest allowed interval: 5 s.
    public static let minimumInterval = KubeDuration.seconds(5)
    /// The default expected status codes: `[200]`.
    public static let defaultExpectedStatus = [200]

    /// The probe with defaults filled in.
    public func withDefaults() -> HTTPProbe {
        var copy = self
        copy.method = method ?? .get
        copy.interval = interval ?? Self.defaultInterval
        copy.timeout = timeout ?? Self.defaultTimeout
        copy.expectedStatus = expectedStatus ?? Self.defaultExpectedStatus
        copy.tlsInsecureSkipVerify = tlsInsecureSkipVerify ?? false
        return copy
    }
}
