/// One HTTP probe of a Monitor with its latest result, as the engine evaluates it.
public struct WatchedProbe: Sendable, Hashable {
    /// The Monitor's namespace.
    public var namespace: String
    /// The Monitor's name.
    public var monitor: String
    /// The probe's name within the Monitor.
    public var probe: String
    /// The probed URL with any credentials removed (safe to show).
    public var url: String
    /// The latest result; `nil` before the first check.
    public var result: ProbeResult?

    /// Creates a probe observation.
    public init(namespace: String, monitor: String, probe: String, url: String, result: ProbeResult? = nil) {
        self.namespace = namespace
        self.monitor = monitor
        self.probe = probe
        self.url = url
        self.result = result
    }
}
