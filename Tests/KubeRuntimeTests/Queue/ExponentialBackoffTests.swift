import KubeRuntime
import Testing

@Suite("ExponentialBackoff")
struct ExponentialBackoffTests {
    @Test(arguments: [
        (0, Duration.milliseconds(5)),
        (1, .milliseconds(5)),
        (2, .milliseconds(10)),
        (3, .milliseconds(20)),
        (10, .milliseconds(2560)),
        (18, .milliseconds(655_360)),
        (19, .seconds(1000)),
        (1000, .seconds(1000)),
        (Int.max, .seconds(1000)),
    ])
    func clientGoDefaults(failures: Int, expected: Duration) {
        #expect(ExponentialBackoff().delay(afterFailures: failures) == expected)
    }

    @Test func customFactorAndCap() {
        let backoff = ExponentialBackoff(base: .seconds(1), factor: 3, cap: .seconds(20))
        #expect((1...5).map { backoff.delay(afterFailures: $0) } == [.seconds(1), .seconds(3), .seconds(9), .seconds(20), .seconds(20)])
    }
}
