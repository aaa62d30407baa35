/// An HTTP check run by the operator at a fixed interval.
public struct HTTPProbe: Codable, Sendable, Hashable {
    /// The HTTP method of a probe.
    public enum Method: String, APIEnum {
        /// `GET`.
        case get = "GET"
        /// `HEAD`.
        case head = "HEAD"
    }

    /// The probe's name, unique in the Monitor (a DNS label); alerts carry it as the `probe` label.
    public var name: String
    /// The absolute `http` or `https` URL to request.
    public var url: String
    /// The method. Default: `GET`.
    public var method: Method?
    /// Time between checks. Default: `30s`; at least `5s`.
    public var interval: KubeDuration?
    /// How long a check may take before it counts as failed. Default: `5s`; positive and at most the interval.
    public var timeout: KubeDuration?
    /// The status codes that count as up. Default: `[200]`.
    public var expectedStatus: [Int]?
    /// When set, the body must contain this text to count as up (only the first 64 KiB are read).
    public var bodyContains: String?
    /// Skip TLS certificate verification. Default: `false`. Only for endpoints with self-signed certificates.
    public var tlsInsecureSkipVerify: Bool?

    /// Creates a probe.
    public init(
        name: String, url: String, method: Method? = nil, interval: KubeDuration? = nil, timeout: KubeDuration? = nil,
        expectedStatus: [Int]? = nil, bodyContains: String? = nil, tlsInsecureSkipVerify: Bool? = nil
    ) {
        self.name = name
        self.url = url
        self.method = method
        self.interval = interval
        self.timeout = timeout
        self.expectedStatus = expectedStatus
        self.bodyContains = bodyContains
        self.tlsInsecureSkipVerify = tlsInsecureSkipVerify
    }
}
