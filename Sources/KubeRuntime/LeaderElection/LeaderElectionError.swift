/// An error of leader election: an invalid configuration, or an elector asked to run twice at once.
public struct LeaderElectionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure this is.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        /// The code's name, e.g. `invalidConfiguration`.
        public var rawValue: String

        /// Wraps a code name.
        public init(rawValue: String) {
            self.rawValue = rawValue
        }

        /// The durations, names or identity of a ``LeaderElectionConfiguration`` cannot work.
        public static let invalidConfiguration = Code(rawValue: "invalidConfiguration")
        /// ``LeaderElector/run()`` or ``LeaderElector/runWhileLeader(_:)`` was called while the elector
        /// was already running: one elector runs one election loop.
        public static let alreadyRunning = Code(rawValue: "alreadyRunning")
        /// A release found the Lease held by another identity: there was nothing left to release.
        public static let notHolder = Code(rawValue: "notHolder")

        /// The code's name.
        public var description: String { rawValue }
    }

    /// What kind of failure this is.
    public var code: Code
    /// What failed, on which lease, and what to do.
    public var message: String

    /// Creates an error.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    /// `invalidConfiguration: leaseDuration (10 s) must be greater than renewDeadline (10 s) ...`.
    public var description: String {
        "\(code): \(message)"
    }
}
