import Foundation

/// Where and how an elector competes for leadership: the `coordination.k8s.io/v1` Lease it holds, the
/// identity it writes into it, and client-go's timings.
///
/// The defaults are client-go's: a lease of 15 s, renewed every 2 s, given up when it could not be renewed
/// for 10 s. Candidates judge a lease expired by when *they* observed it change, never by the timestamps
/// inside it, so clock differences between replicas do not matter (only their rates do).
public struct LeaderElectionConfiguration: Sendable, Hashable {
    /// The Lease's name, e.g. `tocsin-leader`.
    public var leaseName: String
    /// The Lease's namespace, usually the operator's own.
    public var namespace: String
    /// This replica's identity, written to `spec.holderIdentity`; unique among the replicas.
    public var identity: String
    /// How long candidates wait after they last observed a change of the lease before taking it over.
    public var leaseDuration: Duration
    /// How long the leader keeps trying to renew before it stops leading (shorter than ``leaseDuration``,
    /// so it stops before another replica may take the lease).
    public var renewDeadline: Duration
    /// How long to wait between attempts to acquire or renew.
    public var retryPeriod: Duration
    /// Whether the leader releases the lease when it is cancelled or shut down gracefully, so that a
    /// successor takes over at once instead of after ``leaseDuration``.
    public var releaseOnCancel: Bool

    /// client-go's `JitterFactor`: ``renewDeadline`` must exceed ``retryPeriod`` times this.
    public static let jitterFactor = 1.2

    /// Creates a configuration with client-go's defaults (15 s, 10 s, 2 s, release on cancel).
    public init(
        leaseName: String,
        namespace: String,
        identity: String = LeaderElectionConfiguration.defaultIdentity(),
        leaseDuration: Duration = .seconds(15),
        renewDeadline: Duration = .seconds(10),
        retryPeriod: Duration = .seconds(2),
        releaseOnCancel: Bool = true
    ) {
        self.leaseName = leaseName
        self.namespace = namespace
        self.identity = identity
        self.leaseDuration = leaseDuration
        self.renewDeadline = renewDeadline
        self.retryPeriod = retryPeriod
        self.releaseOnCancel = releaseOnCancel
    }

    /// An identity unique to this process: the pod name (`POD_NAME`, else the host name, which is the pod
    /// name in a pod) followed by `_` and a random UUID, as controller-runtime builds it.
    public static func defaultIdentity(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> String {
        var name = environment["POD_NAME"] ?? ""
        if name.isEmpty { name = ProcessInfo.processInfo.hostName }
        if name.isEmpty { name = "tocsin" }
        return "\(name)_\(UUID().uuidString.lowercased())"
    }

    /// `leaseDurationSeconds` as written to the Lease: ``leaseDuration`` in whole seconds.
    public var leaseDurationSeconds: Int32 {
        Int32(clamping: leaseDuration.components.seconds)
    }

    /// Checks the configuration as client-go's `NewLeaderElector` does.
    ///
    /// - Throws: ``LeaderElectionError`` with code `invalidConfiguration` when a name or the identity is
    ///   empty, a duration is not positive, ``leaseDuration`` is under 1 s or not greater than
    ///   ``renewDeadline``, or ``renewDeadline`` is not greater than ``retryPeriod`` × 1.2.
    public func validate() throws {
        func invalid(_ message: String) -> LeaderElectionError {
            LeaderElectionError(
                code: .invalidConfiguration,
                message: "leader election on Lease \(namespace)/\(leaseName): \(message)")
        }
        if leaseName.isEmpty { throw invalid("leaseName is empty; name the Lease to compete for") }
        if namespace.isEmpty { throw invalid("namespace is empty; use the operator's own namespace") }
        if identity.isEmpty { throw invalid("identity is empty; give each replica a unique identity") }
        if leaseDuration < .seconds(1) {
            throw invalid("leaseDuration (\(leaseDuration)) must be at least 1 second")
        }
        if renewDeadline <= .zero { throw invalid("renewDeadline (\(renewDeadline)) must be greater than zero") }
        if retryPeriod <= .zero { throw invalid("retryPeriod (\(retryPeriod)) must be greater than zero") }
        if leaseDuration <= renewDeadline {
            throw invalid(
                "leaseDuration (\(leaseDuration)) must be greater than renewDeadline (\(renewDeadline)), "
                    + "so that the leader stops before its lease can expire for others")
        }
        if renewDeadline <= retryPeriod * Self.jitterFactor {
            throw invalid(
                "renewDeadline (\(renewDeadline)) must be greater than retryPeriod (\(retryPeriod)) × "
                    + "\(Self.jitterFactor), so that the leader can retry a failed renewal")
        }
    }
}
