import Foundation

/// Keeps Slack posts within about one message per second per channel: a token bucket per channel.
///
/// Each channel's bucket holds up to ``burst`` tokens and gains ``messagesPerSecond`` tokens per second; a post
/// takes one. Idle channels (full buckets) are forgotten once more than ``maximumChannels`` are tracked, so the
/// memory stays bounded. A pure value: the caller passes the time in.
public struct ChannelRateLimiter: Sendable, Hashable {
    struct Bucket: Sendable, Hashable {
        var tokens: Double
        var updated: Date
    }

    /// Tokens gained per second. Default: 1.
    public let messagesPerSecond: Double
    /// The most tokens a bucket holds (the burst). Default: 2.
    public let burst: Int
    /// How many channels are tracked before idle ones are forgotten.
    public let maximumChannels: Int
    private var buckets: [String: Bucket] = [:]

    /// Creates a limiter.
    public init(messagesPerSecond: Double = 1, burst: Int = 2, maximumChannels: Int = 1_000) {
        self.messagesPerSecond = messagesPerSecond.isFinite && messagesPerSecond > 0 ? messagesPerSecond : 1
        self.burst = max(1, burst)
        self.maximumChannels = max(1, maximumChannels)
    }

    /// When `channel` has a token: `now` if it has one already.
    public func availableTime(channel: String, at now: Date) -> Date {
        let tokens = tokens(channel: channel, at: now)
        guard tokens < 1 else { return now }
        return now.addingTimeInterval((1 - tokens) / messagesPerSecond)
    }

    /// Takes a token of `channel` at `now`.
    /// - Returns: `nil` when a token was taken (post now), else the time a token will be available (nothing taken).
    public mutating func acquire(channel: String, at now: Date) -> Date? {
        let tokens = tokens(channel: channel, at: now)
        guard tokens >= 1 else { return now.addingTimeInterval((1 - tokens) / messagesPerSecond) }
        buckets[channel] = Bucket(tokens: tokens - 1, updated: now)
        if buckets.count > maximumChannels { forgetIdleChannels(at: now) }
        return nil
    }

    /// How many channels are tracked.
    public var trackedChannels: Int { buckets.count }

    private func tokens(channel: String, at now: Date) -> Double {
        guard let bucket = buckets[channel] else { return Double(burst) }
        let elapsed = max(0, now.timeIntervalSince(bucket.updated))
        return min(Double(burst), bucket.tokens + elapsed * messagesPerSecond)
    }

    private mutating func forgetIdleChannels(at now: Date) {
        buckets = buckets.filter { tokens(channel: $0.key, at: now) < Double(burst) }
    }
}
