import Foundation

extension FakeAPIServer {
    /// TLS for the fake server. With `clientCARootPEM`, every client must present a certificate signed by it
    /// (and that certificate alone authenticates the client).
    public struct TLSOptions: Sendable, Hashable {
        /// The server certificate chain, PEM.
        public var certificateChainPEM: String
        /// The server private key, PEM.
        public var privateKeyPEM: String
        /// The CA that signs client certificates, PEM; `nil` accepts clients without certificates.
        public var clientCARootPEM: String?

        /// Creates TLS options from PEM text.
        public init(certificateChainPEM: String, privateKeyPEM: String, clientCARootPEM: String? = nil) {
            self.certificateChainPEM = certificateChainPEM
            self.privateKeyPEM = privateKeyPEM
            self.clientCARootPEM = clientCARootPEM
        }
    }

    /// The credentials a request carried in its `Authorization` header.
    public enum Credentials: Sendable, Hashable {
        /// No `Authorization` header (or one the fake does not understand).
        case none
        /// `Authorization: Bearer <token>`.
        case bearerToken(String)
        /// `Authorization: Basic <base64(username:password)>`.
        case basic(username: String, password: String)

        /// Parses an `Authorization` header value.
        public init(authorizationHeader: String?) {
            guard let header = authorizationHeader else {
                self = .none
                return
            }
            let parts = header.split(separator: " ", maxSplits: 1)
            guard parts.count == 2 else {
                self = .none
                return
            }
            let value = String(parts[1]).trimmingCharacters(in: .whitespaces)
            switch parts[0].lowercased() {
            case "bearer": self = .bearerToken(value)
            case "basic":
                guard let data = Data(base64Encoded: value), let text = String(data: data, encoding: .utf8),
                    let colon = text.firstIndex(of: ":")
                else {
                    self = .none
                    return
                }
                self = .basic(username: String(text[..<colon]), password: String(text[text.index(after: colon)...]))
            default: self = .none
            }
        }
    }

    /// One request as the fake received it.
    public struct RecordedRequest: Sendable, Hashable {
        /// The HTTP method, e.g. `GET`.
        public var method: String
        /// The path without the query, e.g. `/api/v1/namespaces/default/pods`.
        public var path: String
        /// The decoded query parameters (the last value wins for a repeated name).
        public var query: [String: String]
        /// The headers by lower-cased name (`authorization` is kept so tests can assert it).
        public var headers: [String: String]
        /// The request body.
        public var body: Data

        /// Creates a recorded request.
        public init(method: String, path: String, query: [String: String], headers: [String: String], body: Data) {
            self.method = method
            self.path = path
            self.query = query
            self.headers = headers
            self.body = body
        }
    }
}

/// An injected failure waiting for matching requests.
struct InjectedFailure: Sendable {
    var method: String?
    var pathPrefix: String
    var error: FakeAPIError
    var remaining: Int

    func matches(method: String, path: String) -> Bool {
        (self.method.map { $0.uppercased() == method } ?? true) && path.hasPrefix(pathPrefix)
    }
}

/// The request log, injected failures and authentication settings.
struct RequestLog: Sendable {
    var requests: [FakeAPIServer.RecordedRequest] = []
    /// The log keeps at most this many requests (the oldest are forgotten).
    var limit = 50_000
    var failures: [InjectedFailure] = []
    var requiredBearerToken: String?
    var authenticator: (@Sendable (FakeAPIServer.Credentials) -> Bool)?
    /// TokenReview and SubjectAccessReview answers (FakeAPIServer+Reviews.swift).
    var reviews = ReviewHooks()

    mutating func record(_ request: FakeAPIServer.RecordedRequest) {
        requests.append(request)
        if requests.count > limit { requests.removeFirst(requests.count - limit) }
    }

    /// The failure to answer with, consuming one of its counts.
    mutating func takeFailure(method: String, path: String) -> FakeAPIError? {
        guard let index = failures.firstIndex(where: { $0.matches(method: method, path: path) }) else { return nil }
        let error = failures[index].error
        failures[index].remaining -= 1
        if failures[index].remaining <= 0 { failures.remove(at: index) }
        return error
    }

    func isAuthenticated(_ credentials: FakeAPIServer.Credentials) -> Bool {
        if let authenticator { return authenticator(credentials) }
        if let requiredBearerToken { return credentials == .bearerToken(requiredBearerToken) }
        return true
    }
}
