import Foundation
import TocsinAPI

/// One HTTP probe of one Monitor, with its defaults applied: what the ``ProbeRunner`` checks.
public struct ProbeTarget: Sendable, Hashable, Identifiable {
    /// Identifies a probe: the Monitor's namespace and name, and the probe's name.
    public struct ID: Sendable, Hashable, Comparable, CustomStringConvertible {
        /// The Monitor's namespace (empty for none).
        public var namespace: String
        /// The Monitor's name.
        public var monitor: String
        /// The probe's name, unique in the Monitor.
        public var probe: String

        /// Creates an identifier.
        public init(namespace: String, monitor: String, probe: String) {
            self.namespace = namespace
            self.monitor = monitor
            self.probe = probe
        }

        /// `namespace/monitor/probe`.
        public var description: String { "\(namespace)/\(monitor)/\(probe)" }

        /// Orders identifiers by namespace, Monitor, then probe.
        public static func < (lhs: ID, rhs: ID) -> Bool {
            (lhs.namespace, lhs.monitor, lhs.probe) < (rhs.namespace, rhs.monitor, rhs.probe)
        }
    }

    /// The shortest interval the runner uses, whatever the spec says: 1 s.
    public static let shortestInterval = Duration.seconds(1)

    /// Which probe this is.
    public var id: ID
    /// The absolute `http` or `https` URL.
    public var url: String
    /// `GET` or `HEAD`.
    public var method: HTTPProbe.Method
    /// Time between checks (at least ``shortestInterval``).
    public var interval: Duration
    /// The hard limit on one check, at most ``interval``.
    public var timeout: Duration
    /// The status codes that count as up.
    public var expectedStatus: [Int]
    /// Text the first 64 KiB of the body must contain, if set.
    public var bodyContains: String?
    /// Whether TLS certificate verification is skipped for this probe.
    public var tlsInsecureSkipVerify: Bool

    /// Creates a target; `interval` is raised to ``shortestInterval`` and `timeout` lowered to the interval.
    public init(
        id: ID, url: String, method: HTTPProbe.Method = .get, interval: Duration = .seconds(30),
        timeout: Duration = .seconds(5), expectedStatus: [Int] = HTTPProbe.defaultExpectedStatus,
        bodyContains: String? = nil, tlsInsecureSkipVerify: Bool = false
    ) {
        self.id = id
        self.url = url
        self.method = method
        self.interval = max(interval, Self.shortestInterval)
        self.timeout = min(max(timeout, .milliseconds(1)), self.interval)
        self.expectedStatus = expectedStatus
        self.bodyContains = bodyContains
        self.tlsInsecureSkipVerify = tlsInsecureSkipVerify
    }

    /// The targets of every probe of `monitor`, defaults applied, in spec order.
    public static func targets(of monitor: Monitor) -> [ProbeTarget] {
        let defaulted = monitor.withDefaults()
        let namespace = defaulted.metadata.namespace ?? ""
        let name = defaulted.metadata.name ?? ""
        return (defaulted.spec.probes ?? []).map { probe in
            ProbeTarget(
                id: ID(namespace: namespace, monitor: name, probe: probe.name),
                url: probe.url,
                method: probe.method ?? .get,
                interval: (probe.interval ?? HTTPProbe.defaultInterval).duration,
                timeout: (probe.timeout ?? HTTPProbe.defaultTimeout).duration,
                expectedStatus: probe.expectedStatus ?? HTTPProbe.defaultExpectedStatus,
                bodyContains: probe.bodyContains,
                tlsInsecureSkipVerify: probe.tlsInsecureSkipVerify ?? false
            )
        }
    }
}

extension ProbeTarget {
    /// The delay of the first check after the target is scheduled: a stable offset in `[0, interval)` derived from
    /// a hash of ``id``, so many probes with the same interval do not fire together.
    public var firstCheckOffset: Duration {
        let intervalMilliseconds = UInt64(max(interval.components.seconds, 0)) * 1000
            + UInt64(max(interval.components.attoseconds, 0) / 1_000_000_000_000_000)
        guard intervalMilliseconds > 0 else { return .zero }
        return .milliseconds(Int64(Self.stableHash(id.description) % intervalMilliseconds))
    }

    /// FNV-1a (64 bit) of the UTF-8 bytes: stable across processes, unlike `Hasher`.
    static func stableHash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// The URL as it may appear in messages: without user info, query or fragment.
    public var redactedURL: String {
        guard var components = URLComponents(string: url) else { return "<invalid URL>" }
        components.user = nil
        components.password = nil
        components.query = nil
        components.fragment = nil
        return components.string ?? "<invalid URL>"
    }

    /// Why a response with `statusCode` and (when ``bodyContains`` is set) the first bytes of `body` counts as down,
    /// or `nil` when it counts as up.
    public func failureReason(statusCode: Int, body: String?) -> String? {
        guard expectedStatus.contains(statusCode) else {
            let expected = expectedStatus.map(String.init).joined(separator: ", ")
            return "status \(statusCode), expected \(expectedStatus.count == 1 ? "" : "one of ")\(expected)"
        }
        if let bodyContains, !(body ?? "").contains(bodyContains) {
            return "body does not contain \"\(bodyContains)\" in its first 64 KiB"
        }
        return nil
    }
}
