/// One URL query parameter.
public struct QueryItem: Sendable, Hashable {
    /// The parameter name, e.g. `labelSelector`.
    public var name: String
    /// The unencoded value, e.g. `app=web`.
    public var value: String

    /// Creates a query parameter.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

extension [QueryItem] {
    /// The items as `name=value&...`, each part percent-encoded per RFC 3986 (unreserved characters kept).
    package var percentEncodedQuery: String {
        map { PercentEncoding.encode($0.name) + "=" + PercentEncoding.encode($0.value) }.joined(separator: "&")
    }
}
