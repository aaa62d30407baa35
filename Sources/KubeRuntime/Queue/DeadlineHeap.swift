/// A binary min-heap of `(deadline, key)` entries; equal deadlines come out in insertion order.
///
/// Entries are never updated in place: the owner keeps the authoritative deadline per key and skips stale
/// entries when they surface (see ``WorkQueueState``).
struct DeadlineHeap<Key: Hashable & Sendable>: Sendable {
    /// One scheduled key.
    struct Entry: Sendable {
        var deadline: Duration
        var sequence: UInt64
        var key: Key

        func precedes(_ other: Entry) -> Bool {
            deadline != other.deadline ? deadline < other.deadline : sequence < other.sequence
        }
    }

    private var entries: [Entry] = []
    private var nextSequence: UInt64 = 0

    /// How many entries (current and stale) the heap holds.
    var count: Int { entries.count }

    /// The entry with the earliest deadline.
    var first: Entry? { entries.first }

    /// Adds an entry.
    mutating func insert(_ key: Key, deadline: Duration) {
        entries.append(Entry(deadline: deadline, sequence: nextSequence, key: key))
        nextSequence &+= 1
        siftUp(from: entries.count - 1)
    }

    /// Removes and returns the entry with the earliest deadline.
    @discardableResult
    mutating func removeFirst() -> Entry? {
        guard !entries.isEmpty else { return nil }
        entries.swapAt(0, entries.count - 1)
        let first = entries.removeLast()
        if !entries.isEmpty { siftDown(from: 0) }
        return first
    }

    /// Drops every entry.
    mutating func removeAll() {
        entries.removeAll()
    }

    /// Replaces the entries with exactly `deadlines` (drops stale entries).
    mutating func rebuild(from deadlines: [Key: Duration]) {
        let kept = entries.filter { deadlines[$0.key] == $0.deadline }
        entries = []
        for entry in kept.sorted(by: { $0.precedes($1) }) {
            entries.append(entry)
        }
    }

    private mutating func siftUp(from index: Int) {
        var child = index
        while child > 0 {
            let parent = (child - 1) / 2
            guard entries[child].precedes(entries[parent]) else { return }
            entries.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(from index: Int) {
        var parent = index
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < entries.count, entries[left].precedes(entries[smallest]) { smallest = left }
            if right < entries.count, entries[right].precedes(entries[smallest]) { smallest = right }
            guard smallest != parent else { return }
            entries.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
