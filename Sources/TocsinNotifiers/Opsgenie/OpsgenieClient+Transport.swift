import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1

/// An answer as read from Opsgenie: status, the headers the client uses, and the (bounded) body.
struct OpsgenieAnswer: Sendable {
    var status: Int
    var headers: HTTPHeaders
    var body: Data

    /// Whether this is Opsgenie's "not processed yet" answer to a request-status query.
    var isRequestNotProcessed: Bool {
        if headers.first(name: "X-Opsgenie-Errortype") == "RequestNotProcessed" { return true }
        let message = OpsgenieErrorBody(body).message?.lowercased() ?? ""
        return message.contains("not processed")
    }
}

extension OpsgenieClient {
    /// Sends one request and reads at most ``maximumBodySize`` bytes of the answer.
    ///
    /// - Throws: ``DeliveryError`` `misconfigured` for a bad base URL or API key, `transport` when no answer came,
    ///   `serverError` when the answer is too large.
    func send(
        _ operation: OpsgenieOperation, baseURL: String, apiKey: String
    ) async throws(DeliveryError) -> OpsgenieAnswer {
        let key = try Self.validatedAPIKey(apiKey, operation)
        let url = try Self.endpoint(baseURL: baseURL, operation)
        var request = HTTPClientRequest(url: url)
        request.method = operation.method
        request.headers.add(name: "Authorization", value: "GenieKey \(key)")
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: "tocsin")
        if let body = operation.body {
            request.headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let response: HTTPClientResponse
        do {
            response = try await httpClient.execute(request, timeout: Self.timeAmount(timeout))
        } catch {
            throw Self.failure(
                .transport, operation,
                "could not reach \(Self.host(of: url)): \(Self.describe(error, apiKey: key))")
        }
        let body: ByteBuffer
        do {
            body = try await response.body.collect(upTo: Self.maximumBodySize)
        } catch is NIOTooManyBytesError {
            throw Self.failure(
                .serverError, operation, "the answer (HTTP \(response.status.code)) is larger than 1 MiB",
                httpStatus: Int(response.status.code))
        } catch {
            throw Self.failure(
                .transport, operation,
                "the answer (HTTP \(response.status.code)) broke off: "
                    + Self.describe(error, apiKey: key),
                httpStatus: Int(response.status.code))
        }
        let answer = OpsgenieAnswer(
            status: Int(response.status.code), headers: response.headers, body: Data(buffer: body))
        logger.debug(
            "Sent Opsgenie request",
            metadata: [
                "opsgenie.operation": "\(operation.name)", "opsgenie.alias": "\(operation.alias ?? "")",
                "http.status": "\(answer.status)",
                "opsgenie.requestID": "\(OpsgenieErrorBody(answer.body).requestID ?? "")",
            ])
        return answer
    }

    /// The API key without surrounding whitespace (Secrets often end with a line break).
    ///
    /// - Throws: ``DeliveryError`` `misconfigured` when it is empty or holds characters a header cannot carry.
    static func validatedAPIKey(_ apiKey: String, _ operation: OpsgenieOperation) throws(DeliveryError) -> String {
        let key = apiKey.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !key.isEmpty else {
            throw Self.failure(.misconfigured, operation, "the API key is empty (check the API key Secret)")
        }
        guard key.unicodeScalars.allSatisfy({ (0x21...0x7E).contains($0.value) }) else {
            throw Self.failure(
                .misconfigured, operation,
                "the API key holds characters an HTTP header cannot carry (check the API key Secret's value)")
        }
        return key
    }

    /// The request URL: the base URL (with any path prefix, without trailing slashes), the path, the query.
    ///
    /// - Throws: ``DeliveryError`` `misconfigured` unless the base URL is `https` (or `http` to a loopback host),
    ///   with a host and without credentials, query or fragment.
    static func endpoint(baseURL: String, _ operation: OpsgenieOperation) throws(DeliveryError) -> String {
        var base = baseURL.trimmingCharacters(in: .whitespacesAndNewlines)
        while base.hasSuffix("/") { base.removeLast() }
        let shown = "\"\(OpsgenieLimits.truncate(base, to: 200))\""
        guard let url = URL(string: base), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty
        else {
            throw Self.failure(.misconfigured, operation, "the base URL \(shown) is not an absolute URL")
        }
        guard url.user == nil, url.password == nil, url.query == nil, url.fragment == nil else {
            throw Self.failure(
                .misconfigured, operation,
                "the base URL must not carry credentials, a query or a fragment "
                    + "(set baseURL to e.g. https://api.opsgenie.com)"
            )
        }
        let isLoopback = ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host.lowercased())
        guard scheme == "https" || (scheme == "http" && isLoopback) else {
            throw Self.failure(.misconfigured, operation, "the base URL \(shown) must use https")
        }
        return base + operation.path + (operation.query.map { "?\($0)" } ?? "")
    }

    /// `text` with every byte outside RFC 3986's unreserved characters percent-encoded, for one path segment.
    static func percentEncodedPathSegment(_ text: String) -> String {
        var encoded = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                encoded += byte < 0x10 ? "%0\(hex)" : "%\(hex)"
            }
        }
        return encoded
    }

    /// `text` with every occurrence of the API key replaced, so no message can carry it.
    static func redact(_ text: String, apiKey: String) -> String {
        guard !apiKey.isEmpty else { return text }
        return text.replacingOccurrences(of: apiKey, with: "[redacted]")
    }

    /// An error's words for a message: at most 300 characters, without the API key.
    static func describe(_ error: any Error, apiKey: String) -> String {
        OpsgenieLimits.truncate(redact(String(describing: error), apiKey: apiKey), to: 300)
    }

    static func host(of url: String) -> String {
        URL(string: url)?.host ?? "the Opsgenie API"
    }

    static func timeAmount(_ duration: Duration) -> TimeAmount {
        let (seconds, attoseconds) = duration.components
        return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }

    func encode(_ value: some Encodable) throws(DeliveryError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return try encoder.encode(value)
        } catch {
            throw DeliveryError(
                code: .misconfigured, receiver: .opsgenie,
                message: "Opsgenie request could not be encoded as JSON: \(error)")
        }
    }
}
