import Foundation

/// A token bucket per object, as client-go's event spam filter: a burst of 25 events, then one more every
/// 5 minutes. Events beyond it are dropped so that a hot loop cannot flood the API server.
struct EventSpamFilter: Sendable {
    /// Tokens an object starts with.
    let burst: Double
    /// Seconds to earn one token back.
    let refillInterval: TimeInterval
    /// The most objects tracked; beyond it, the longest-idle buckets are forgotten.
    let maximumObjects: Int

    private var buckets: [String: (tokens: Double, updated: Date)] = [:]

    init(burst: Int = 25, refillInterval: TimeInterval = 300, maximumObjects: Int = 4096) {
        self.burst = Double(max(burst, 1))
        self.refillInterval = max(refillInterval, 0.001)
        self.maximumObjects = max(maximumObjects, 1)
    }

    /// Takes a token for the object `key` at `now`; `false` when its bucket is empty.
    mutating func allow(_ key: String, at now: Date) -> Bool {
        var bucket = buckets[key] ?? (burst, now)
        let elapsed = max(now.timeIntervalSince(bucket.updated), 0)
        bucket.tokens = min(burst, bucket.tokens + elapsed / refillInterval)
        bucket.updated = now
        let isAllowed = bucket.tokens >= 1
        if isAllowed { bucket.tokens -= 1 }
        buckets[key] = bucket
        if buckets.count > maximumObjects { evict(now: now) }
        return isAllowed
    }

    /// Forgets buckets that have refilled (they behave as new ones), then the longest idle.
    private mutating func evict(now: Date) {
        let fullAfter = refillInterval * burst
        buckets = buckets.filter { now.timeIntervalSince($0.value.updated) < fullAfter }
        while buckets.count > maximumObjects, let oldest = buckets.min(by: { $0.value.updated < $1.value.updated }) {
            buckets.removeValue(forKey: oldest.key)
        }
    }
}
