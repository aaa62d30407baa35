/// What an informer tells a consumer's handler, in terms of the consumer's cached (projected) values.
public enum InformerEvent<Cached: Sendable>: Sendable {
    /// An object appeared in the consumer's cache.
    case added(Cached)
    /// A cached object changed (its resourceVersion differs): the value before and after.
    case updated(old: Cached, new: Cached)
    /// An object left the consumer's cache (deleted, out of the selection, or its projection returned nil):
    /// the last cached value.
    case deleted(Cached)
}

extension InformerEvent: Equatable where Cached: Equatable {}
