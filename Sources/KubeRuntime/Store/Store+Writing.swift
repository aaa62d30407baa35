extension Store {
    /// The outcome of a write: what was there before, if anything.
    package enum Replaced: Sendable {
        /// Nothing was there.
        case inserted
        /// This was there, at another resourceVersion.
        case updated(old: Cached)
        /// The same resourceVersion was there already: nothing changed.
        case unchanged
    }

    /// Stores `value` for `key` at `resourceVersion` and updates the indexes.
    @discardableResult
    package func upsert(_ value: Cached, for key: ObjectKey, resourceVersion: String) -> Replaced {
        state.withLock { state in
            let old = state.entries[key]
            if let old, old.resourceVersion == resourceVersion, !resourceVersion.isEmpty { return .unchanged }
            if let old { unindex(key, old.value, in: &state) }
            state.entries[key] = Entry(value: value, resourceVersion: resourceVersion)
            index(key, value, in: &state)
            return old.map { .updated(old: $0.value) } ?? .inserted
        }
    }

    /// Removes the object with this key; returns it.
    @discardableResult
    package func remove(_ key: ObjectKey) -> Cached? {
        state.withLock { state in
            guard let old = state.entries.removeValue(forKey: key) else { return nil }
            unindex(key, old.value, in: &state)
            return old.value
        }
    }

    /// Removes every object of `namespace`; returns them sorted by key.
    package func removeAll(inNamespace namespace: String) -> [(key: ObjectKey, value: Cached)] {
        state.withLock { state in
            let keys = state.entries.keys.filter { $0.namespace == namespace }.sorted()
            return keys.compactMap { key in
                guard let old = state.entries.removeValue(forKey: key) else { return nil }
                unindex(key, old.value, in: &state)
                return (key, old.value)
            }
        }
    }

    /// Removes everything.
    package func removeAll() {
        state.withLock { $0 = State() }
    }

    private func index(_ key: ObjectKey, _ value: Cached, in state: inout State) {
        for index in indexes {
            for indexValue in index.values(key, value) {
                state.indexed[index.name, default: [:]][indexValue, default: []].insert(key)
            }
        }
    }

    private func unindex(_ key: ObjectKey, _ value: Cached, in state: inout State) {
        for index in indexes {
            for indexValue in index.values(key, value) {
                state.indexed[index.name]?[indexValue]?.remove(key)
                if state.indexed[index.name]?[indexValue]?.isEmpty == true {
                    state.indexed[index.name]?[indexValue] = nil
                }
            }
        }
    }
}
