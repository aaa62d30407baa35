import AsyncHTTPClient
import NIOFoundationCompat
import Foundation
import KubeCore
import Logging
import NIOCore
import NIOHTTP1

/// A successful (2xx) answer with its body read into memory.
struct KubeResponse: Sendable {
    var statusCode: Int
    var body: ByteBuffer
}

extension KubernetesClient {
    /// Sends `request` and returns its 2xx response with the body collected.
    ///
    /// Waits for the rate limiter, adds credentials, retries once with fresh credentials after a `401`
    /// (rotated tokens, expired exec credentials), and retries `429` and `5xx` answers that carry
    /// `Retry-After` up to ``maximumRetries`` times, waiting as the server asks.
    /// - Throws: ``KubeAPIError`` for a non-2xx answer, ``KubeTransportError`` when no answer came.
    func perform(_ request: KubeRequest) async throws -> KubeResponse {
        let response = try await send(request, deadline: requestTimeout)
        do {
            let body = try await response.body.collect(upTo: Self.maximumBodySize)
            return KubeResponse(statusCode: Int(response.status.code), body: body)
        } catch {
            throw KubeTransportError(
                method: request.method.rawValue, path: request.path,
                reason: "reading the response body failed: \(error)")
        }
    }

    /// Sends a request the typed calls do not cover (`/readyz`, `/version`, discovery, a ServiceAccount's
    /// `token` subresource) and returns the body of its 2xx answer, with the same credentials, rate limit and
    /// retries as every other call.
    /// - Throws: ``KubeAPIError`` for a non-2xx answer, ``KubeTransportError`` when no answer came.
    public func data(for request: KubeRequest) async throws -> Data {
        Data(buffer: try await perform(request).body)
    }

    /// Sends `request` and returns the 2xx response head with its body still streaming (for watches).
    /// - Throws: ``KubeAPIError`` for a non-2xx answer, ``KubeTransportError`` when no answer came.
    func send(_ request: KubeRequest, deadline: Duration) async throws -> HTTPClientResponse {
        var attempt = 0
        var refreshedCredentials = false
        while true {
            try await rateLimiter.acquire()
            let httpRequest = try await makeHTTPRequest(request)
            let response: HTTPClientResponse
            do {
                response = try await httpClient.execute(
                    httpRequest, deadline: .now() + .nanoseconds(deadline.nanoseconds), logger: logger)
            } catch let error as CancellationError {
                throw error
            } catch {
                if Task.isCancelled { throw CancellationError() }
                throw KubeTransportError(method: request.method.rawValue, path: request.path, reason: "\(error)")
            }
            let code = Int(response.status.code)
            if (200..<300).contains(code) {
                return response
            }
            let body = try? await response.body.collect(upTo: 1 << 20)
            let error = KubeAPIError(
                statusCode: code,
                body: body.map { Data(buffer: $0) },
                method: request.method.rawValue,
                path: request.path,
                retryAfterHeader: response.headers.first(name: "Retry-After"))

            if code == 401, !refreshedCredentials, await credentials.canRefresh {
                refreshedCredentials = true
                await credentials.invalidate()
                logger.debug("Refreshing credentials after 401", metadata: ["request.path": "\(request.path)"])
                continue
            }
            if attempt < maximumRetries, let wait = error.retryAfter, code == 429 || code >= 500 {
                attempt += 1
                logger.debug(
                    "Retrying after Retry-After",
                    metadata: [
                        "request.path": "\(request.path)", "http.status": "\(code)",
                        "retry.attempt": "\(attempt)", "retry.after": "\(wait)",
                    ])
                try await Task.sleep(for: min(wait, .seconds(60)))
                continue
            }
            throw error
        }
    }

    private func makeHTTPRequest(_ request: KubeRequest) async throws -> HTTPClientRequest {
        var httpRequest = HTTPClientRequest(url: baseURL + request.pathAndQuery)
        httpRequest.method = HTTPMethod(rawValue: request.method.rawValue)
        httpRequest.headers.add(name: "User-Agent", value: configuration.userAgent)
        for header in request.headers {
            httpRequest.headers.replaceOrAdd(name: header.name, value: header.value)
        }
        let authorization: String?
        do {
            authorization = try await credentials.authorization()
        } catch {
            throw KubeTransportError(
                method: request.method.rawValue, path: request.path, reason: "credentials unavailable: \(error)")
        }
        if let authorization {
            httpRequest.headers.replaceOrAdd(name: "Authorization", value: authorization)
        }
        if let body = request.body {
            httpRequest.body = .bytes(ByteBuffer(bytes: body))
        }
        return httpRequest
    }

    /// Decodes a JSON body into `T`.
    /// - Throws: ``KubeDecodingError`` naming the type and an excerpt of the body.
    func decode<T: Decodable>(_ type: T.Type, from response: KubeResponse) throws -> T {
        do {
            return try response.body.withUnsafeReadableBytes { try FastJSONDecoder().decode(T.self, from: $0) }
        } catch {
            throw KubeDecodingError(decoding: T.self, input: response.body.readableBytesView, error: error)
        }
    }
}

extension Duration {
    var nanoseconds: Int64 {
        let parts = components
        return parts.seconds * 1_000_000_000 + parts.attoseconds / 1_000_000_000
    }
}
