import Foundation
import Testing
import TocsinControllers

private let t0 = Date(timeIntervalSince1970: 1_783_324_800)

@Suite("Circuit breaker")
struct CircuitBreakerTests {
    @Test func opensAfterConsecutiveFailuresAndAFailedProbeDoublesTheCoolDown() {
        var breaker = CircuitBreaker(failureThreshold: 3, initialCoolDown: .seconds(30), maximumCoolDown: .seconds(100))
        breaker.record(.failure, at: t0)
        breaker.record(.failure, at: t0)
        #expect(breaker.state == .closed(failures: 2))
        breaker.record(.failure, at: t0)
        #expect(breaker.state == .open(until: t0 + 30))
        let r1 = breaker.requestWillStart(at: t0 + 29)
        #expect(!r1)
        #expect(breaker.nextAllowedTime(at: t0 + 29) == t0 + 30)
        let r2 = breaker.requestWillStart(at: t0 + 30)
        #expect(r2)
        #expect(breaker.state == .halfOpen(isProbing: true))
        let r3 = breaker.requestWillStart(at: t0 + 30)
        #expect(!r3, "one probe only")
        #expect(breaker.nextAllowedTime(at: t0 + 30) == nil)
        breaker.record(.failure, at: t0 + 31)
        #expect(breaker.state == .open(until: t0 + 91))
        let r4 = breaker.requestWillStart(at: t0 + 91)
        #expect(r4)
        breaker.record(.failure, at: t0 + 91)
        #expect(breaker.state == .open(until: t0 + 191), "doubling stops at the maximum (100 s)")
        let r5 = breaker.requestWillStart(at: t0 + 191)
        #expect(r5)
        breaker.record(.success, at: t0 + 192)
        #expect(breaker.state == .closed(failures: 0))
        #expect(breaker.coolDown == .seconds(30))
        #expect(!breaker.isOpen)
    }

    @Test(arguments: [
        (CircuitBreaker.Outcome.success, CircuitBreaker.State.closed(failures: 0)),
        (.neutral, .closed(failures: 1)),
        (.failure, .closed(failures: 2)),
    ])
    func aSuccessResetsTheCountAndANeutralAnswerKeepsIt(outcome: CircuitBreaker.Outcome, expected: CircuitBreaker.State) {
        var breaker = CircuitBreaker(failureThreshold: 5)
        breaker.record(.failure, at: t0)
        breaker.record(outcome, at: t0)
        #expect(breaker.state == expected)
    }

    @Test func aNeutralProbeFreesTheProbeSlot() {
        var breaker = CircuitBreaker(failureThreshold: 1, initialCoolDown: .seconds(10))
        breaker.record(.failure, at: t0)
        let r6 = breaker.requestWillStart(at: t0 + 10)
        #expect(r6)
        breaker.record(.neutral, at: t0 + 10)
        #expect(breaker.state == .halfOpen(isProbing: false))
        #expect(breaker.allowsRequest(at: t0 + 10))
    }
}

@Suite("Delivery backoff")
struct DeliveryBackoffTests {
    @Test(arguments: [
        // failures, jitter, retryAfter (s), expected delay (ms)
        (1, 1.0, nil, 2_000), (2, 1.0, nil, 4_000), (3, 0.5, nil, 4_000), (0, 1.0, nil, 1_000),
        (20, 1.0, nil, 300_000), (100, 0.25, nil, 75_000), (2, 0.0, nil, 0), (2, 0.0, 30, 30_000), (1, 1.0, 1, 2_000),
        (1, 7.0, nil, 2_000), (1, -1.0, nil, 0),
    ] as [(Int, Double, Int?, Int64)])
    func delayIsFullJitterOverACappedExponentialWithRetryAfterAsFloor(
        failures: Int, jitter: Double, retryAfter: Int?, expected: Int64
    ) {
        let backoff = DeliveryBackoff(base: .seconds(1), cap: .seconds(300))
        let delay = backoff.delay(afterFailures: failures, retryAfter: retryAfter.map { .seconds($0) }, jitter: jitter)
        #expect(delay == .milliseconds(expected))
    }

    @Test func notBeforeIsNowPlusTheDelay() {
        let backoff = DeliveryBackoff(base: .seconds(2), cap: .seconds(60))
        #expect(backoff.notBefore(now: t0, afterFailures: 2, jitter: 0.5) == t0 + 4)
        #expect(backoff.notBefore(now: t0, afterFailures: 2, retryAfter: .seconds(9), jitter: 0.5) == t0 + 9)
    }
}

@Suite("Slack channel rate limiter")
struct ChannelRateLimiterTests {
    @Test func aBurstThenOneMessagePerSecondPerChannel() {
        var limiter = ChannelRateLimiter(messagesPerSecond: 1, burst: 2)
        let r7 = limiter.acquire(channel: "#a", at: t0)
        #expect(r7 == nil)
        let r8 = limiter.acquire(channel: "#a", at: t0)
        #expect(r8 == nil)
        let r9 = limiter.acquire(channel: "#a", at: t0)
        #expect(r9 == t0 + 1)
        let r10 = limiter.acquire(channel: "#b", at: t0)
        #expect(r10 == nil, "channels are independent")
        #expect(limiter.availableTime(channel: "#a", at: t0 + 0.5) == t0 + 1)
        let r11 = limiter.acquire(channel: "#a", at: t0 + 0.5)
        #expect(r11 == t0 + 1)
        let r12 = limiter.acquire(channel: "#a", at: t0 + 1)
        #expect(r12 == nil)
        let r13 = limiter.acquire(channel: "#a", at: t0 + 1)
        #expect(r13 == t0 + 2)
        let r14 = limiter.acquire(channel: "#a", at: t0 + 10)
        #expect(r14 == nil)
        let r15 = limiter.acquire(channel: "#a", at: t0 + 10)
        #expect(r15 == nil, "refilled to the burst, no more")
        let r16 = limiter.acquire(channel: "#a", at: t0 + 10)
        #expect(r16 == t0 + 11)
    }

    @Test func idleChannelsAreForgottenBeyondTheBound() {
        var limiter = ChannelRateLimiter(messagesPerSecond: 1, burst: 1, maximumChannels: 2)
        let r17 = limiter.acquire(channel: "#a", at: t0)
        #expect(r17 == nil)
        let r18 = limiter.acquire(channel: "#b", at: t0)
        #expect(r18 == nil)
        let r19 = limiter.acquire(channel: "#c", at: t0 + 5)
        #expect(r19 == nil)
        #expect(limiter.trackedChannels == 1)
    }
}
