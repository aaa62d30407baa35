import Foundation

/// Reading and updating a list of conditions the way `meta.SetStatusCondition` does.
extension Array where Element == Condition {
    /// Sets `condition`, replacing the one of the same type or appending it.
    ///
    /// When the status is unchanged the existing `lastTransitionTime` is kept (reason, message and
    /// observedGeneration still update); when it changed, or the condition is new, `lastTransitionTime`
    /// becomes `now`.
    /// - Returns: whether anything changed.
    @discardableResult
    public mutating func set(_ condition: Condition, now: Date) -> Bool {
        guard let index = firstIndex(where: { $0.type == condition.type }) else {
            var added = condition
            added.lastTransitionTime = now
            append(added)
            return true
        }
        let existing = self[index]
        if existing.isEquivalent(to: condition) { return false }
        var updated = condition
        updated.lastTransitionTime = existing.status == condition.status ? existing.lastTransitionTime : now
        self[index] = updated
        return true
    }

    /// Removes the condition of `type`.
    /// - Returns: whether one was removed.
    @discardableResult
    public mutating func remove(ofType type: String) -> Bool {
        let before = count
        removeAll { $0.type == type }
        return count != before
    }

    /// The condition of `type`, if present.
    public func condition(ofType type: String) -> Condition? {
        first { $0.type == type }
    }

    /// Whether the condition of `type` is present with status `True`.
    public func isTrue(_ type: String) -> Bool {
        condition(ofType: type)?.isTrue ?? false
    }
}
