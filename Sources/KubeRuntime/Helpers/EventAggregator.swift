import Foundation

/// Remembers recently written Events so that a repeat (same object uid, type, reason and message within
/// ``window``) updates the existing Event (count + 1) instead of creating a new one, as client-go does.
struct EventAggregator: Sendable {
    /// What makes two events the same.
    struct Key: Hashable, Sendable {
        var object: String
        var type: String
        var reason: String
        var message: String
    }

    /// An Event written before.
    struct Entry: Sendable, Equatable {
        /// The Event's name and namespace.
        var name: String
        var namespace: String
        /// Its `count` and `firstTimestamp` as written.
        var count: Int32
        var firstTimestamp: Date
        /// When it was last written.
        var lastSeen: Date
    }

    /// How long after its last occurrence an Event is still updated rather than created anew.
    let window: TimeInterval
    /// The most Events remembered.
    let maximumEntries: Int

    private var entries: [Key: Entry] = [:]

    init(window: TimeInterval = 600, maximumEntries: Int = 4096) {
        self.window = window
        self.maximumEntries = max(maximumEntries, 1)
    }

    /// The Event to update for `key` at `now`, if one was written within the window.
    func existing(_ key: Key, at now: Date) -> Entry? {
        guard let entry = entries[key], now.timeIntervalSince(entry.lastSeen) <= window else { return nil }
        return entry
    }

    /// Records that `entry` was written for `key`.
    mutating func remember(_ entry: Entry, for key: Key) {
        entries[key] = entry
        if entries.count > maximumEntries {
            let now = entry.lastSeen
            entries = entries.filter { now.timeIntervalSince($0.value.lastSeen) <= window }
            while entries.count > maximumEntries,
                let oldest = entries.min(by: { $0.value.lastSeen < $1.value.lastSeen })
            {
                entries.removeValue(forKey: oldest.key)
            }
        }
    }

    /// Forgets `key` (its Event is gone).
    mutating func forget(_ key: Key) {
        entries.removeValue(forKey: key)
    }
}
