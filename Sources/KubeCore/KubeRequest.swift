import Foundation

/// An HTTP request to the Kubernetes API, fully built but not sent (the client does the I/O).
public struct KubeRequest: Sendable, Hashable {
    /// The HTTP method.
    public enum Method: String, Sendable, Hashable {
        /// `GET`.
        case get = "GET"
        /// `POST`.
        case post = "POST"
        /// `PUT`.
        case put = "PUT"
        /// `PATCH`.
        case patch = "PATCH"
        /// `DELETE`.
        case delete = "DELETE"
    }

    /// One header field.
    public struct HeaderField: Sendable, Hashable {
        /// The header name, e.g. `Content-Type`.
        public var name: String
        /// The header value.
        public var value: String

        /// Creates a header field.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The HTTP method.
    public var method: Method
    /// The URL path, already percent-encoded, e.g. `/api/v1/namespaces/default/pods`.
    public var path: String
    /// The query parameters, not yet encoded.
    public var query: [QueryItem]
    /// The header fields, in order.
    public var headers: [HeaderField]
    /// The body.
    public var body: Data?

    /// Creates a request. `Accept: application/json` is not added automatically here; the factories add it.
    public init(method: Method, path: String, query: [QueryItem] = [], headers: [HeaderField] = [], body: Data? = nil) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// The path followed by the percent-encoded query, e.g. `/api/v1/pods?labelSelector=app%3Dweb`.
    public var pathAndQuery: String {
        query.isEmpty ? path : path + "?" + query.percentEncodedQuery
    }

    /// The value of the first header named `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// Whether this is a watch request (`watch=true`).
    public var isWatch: Bool {
        query.contains(QueryItem(name: "watch", value: "true"))
    }
}

extension KubeRequest: CustomStringConvertible {
    /// `GET /api/v1/pods?limit=500`.
    public var description: String {
        "\(method.rawValue) \(pathAndQuery)"
    }
}
