import Foundation

/// A min-heap of (instant, object) for the findings that stop holding at a known instant, so the engine finds the
/// due ones without scanning every finding. Entries are not removed when a finding changes: a popped entry whose
/// instant no longer matches the finding is skipped (``popDue(now:)``), and the heap is rebuilt when stale
/// entries outnumber live ones (``compact(keeping:)``, when ``needsCompaction(findings:)``).
struct ExpiryQueue: Sendable {
    private var heap: [(at: Date, id: ObservedObjectID)] = []

    /// How many entries (live or stale) the heap holds.
    var count: Int { heap.count }

    /// The earliest instant queued (possibly stale).
    var earliest: Date? { heap.first?.at }

    /// Queues `id` to be looked at `at`.
    mutating func push(_ id: ObservedObjectID, at instant: Date) {
        heap.append((instant, id))
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].at < heap[parent].at else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    /// Removes and returns the entries due at `now` (the caller skips the stale ones).
    mutating func popDue(now: Date) -> [(id: ObservedObjectID, at: Date)] {
        var due: [(id: ObservedObjectID, at: Date)] = []
        while let top = heap.first, top.at <= now {
            removeTop()
            due.append((id: top.id, at: top.at))
        }
        return due
    }

    /// Drops the earliest entries while they are stale, so ``earliest`` is a live deadline.
    mutating func dropStale(isCurrent: (ObservedObjectID, Date) -> Bool) {
        while let top = heap.first, !isCurrent(top.id, top.at) { removeTop() }
    }

    /// Whether stale entries dominate a heap for `findings` findings (at most that many live entries).
    func needsCompaction(findings: Int) -> Bool { heap.count > 64 && heap.count > 4 * findings }

    /// Rebuilds the heap from the live entries.
    mutating func compact(keeping live: [(ObservedObjectID, Date)]) {
        heap = []
        for (id, instant) in live { push(id, at: instant) }
    }

    private mutating func removeTop() {
        let last = heap.removeLast()
        guard !heap.isEmpty else { return }
        heap[0] = last
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < heap.count, heap[left].at < heap[smallest].at { smallest = left }
            if right < heap.count, heap[right].at < heap[smallest].at { smallest = right }
            guard smallest != parent else { return }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
