import KubeRuntime
import Testing

@Suite("LeaderElectionConfiguration")
struct LeaderElectionConfigurationTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var leaseDuration: Duration
        var renewDeadline: Duration
        var retryPeriod: Duration
        var identity = "replica-a"
        var leaseName = "tocsin-leader"
        /// A fragment of the expected error message, or nil when the configuration is valid.
        var failure: String?

        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "client-go defaults", leaseDuration: .seconds(15), renewDeadline: .seconds(10), retryPeriod: .seconds(2)),
        Case(name: "renewDeadline just above retryPeriod × 1.2", leaseDuration: .seconds(15),
             renewDeadline: .seconds(10), retryPeriod: .seconds(8)),
        Case(name: "leaseDuration equal to renewDeadline", leaseDuration: .seconds(10), renewDeadline: .seconds(10),
             retryPeriod: .seconds(2), failure: "leaseDuration (10.0 seconds) must be greater than renewDeadline"),
        Case(name: "renewDeadline equal to retryPeriod × 1.2", leaseDuration: .seconds(15), renewDeadline: .seconds(12),
             retryPeriod: .seconds(10), failure: "renewDeadline (12.0 seconds) must be greater than retryPeriod"),
        Case(name: "renewDeadline below retryPeriod × 1.2", leaseDuration: .seconds(15), renewDeadline: .seconds(10),
             retryPeriod: .seconds(9), failure: "must be greater than retryPeriod (9.0 seconds) × 1.2"),
        Case(name: "leaseDuration under a second", leaseDuration: .milliseconds(900),
             renewDeadline: .milliseconds(500), retryPeriod: .milliseconds(100), failure: "at least 1 second"),
        Case(name: "zero retryPeriod", leaseDuration: .seconds(15), renewDeadline: .seconds(10), retryPeriod: .zero,
             failure: "retryPeriod (0.0 seconds) must be greater than zero"),
        Case(name: "empty identity", leaseDuration: .seconds(15), renewDeadline: .seconds(10), retryPeriod: .seconds(2),
             identity: "", failure: "identity is empty"),
        Case(name: "empty lease name", leaseDuration: .seconds(15), renewDeadline: .seconds(10),
             retryPeriod: .seconds(2), leaseName: "", failure: "leaseName is empty"),
    ]

    @Test("validation follows client-go's NewLeaderElector", arguments: cases)
    func validation(_ testCase: Case) throws {
        let configuration = LeaderElectionConfiguration(
            leaseName: testCase.leaseName, namespace: "tocsin-system", identity: testCase.identity,
            leaseDuration: testCase.leaseDuration, renewDeadline: testCase.renewDeadline,
            retryPeriod: testCase.retryPeriod)
        guard let failure = testCase.failure else {
            try configuration.validate()
            return
        }
        let error = #expect(throws: LeaderElectionError.self) { try configuration.validate() }
        #expect(error?.code == .invalidConfiguration)
        #expect(error?.message.contains(failure) == true, "\(error?.message ?? "no error")")
        #expect(error?.message.hasPrefix("leader election on Lease tocsin-system/\(testCase.leaseName): ") == true)
    }

    @Test("defaults are client-go's: 15 s lease, 10 s renew deadline, 2 s retry period, release on cancel")
    func defaults() {
        let configuration = LeaderElectionConfiguration(leaseName: "tocsin-leader", namespace: "tocsin-system")
        #expect(configuration.leaseDuration == .seconds(15))
        #expect(configuration.renewDeadline == .seconds(10))
        #expect(configuration.retryPeriod == .seconds(2))
        #expect(configuration.releaseOnCancel)
        #expect(configuration.leaseDurationSeconds == 15)
    }

    @Test("the default identity is the pod name and a random suffix, unique per process")
    func defaultIdentity() throws {
        let first = LeaderElectionConfiguration.defaultIdentity(environment: ["POD_NAME": "tocsin-7d9f-x2x"])
        let second = LeaderElectionConfiguration.defaultIdentity(environment: ["POD_NAME": "tocsin-7d9f-x2x"])
        #expect(first.hasPrefix("tocsin-7d9f-x2x_"))
        #expect(first.count == "tocsin-7d9f-x2x_".count + 36)
        #expect(first != second)
        let fromHostName = LeaderElectionConfiguration.defaultIdentity(environment: [:])
        #expect(!fromHostName.hasPrefix("_"))
        #expect(fromHostName.contains("_"))
    }
}
