import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1

/// One call to Slack, named for error messages: `Slack chat.postMessage to #alerts`.
struct SlackOperation: Sendable {
    /// `chat.postMessage`, `chat.update` or `incoming webhook`.
    var method: String
    /// The channel as the caller named it, for advice.
    var channel: String?
    /// `to #alerts`, `of 1700000000.000100 in C0123`; empty for webhooks.
    var target: String

    /// `Slack chat.postMessage to #alerts`.
    var subject: String { target.isEmpty ? "Slack \(method)" : "Slack \(method) \(target)" }

    /// An error about this call: `Slack chat.postMessage to #alerts failed: <detail>`.
    func error(
        _ code: DeliveryError.Code, _ detail: String, vendorError: String? = nil, httpStatus: Int? = nil,
        retryAfter: Duration? = nil
    ) -> DeliveryError {
        DeliveryError(
            code: code, receiver: .slack, message: "\(subject) failed: \(detail)", vendorError: vendorError,
            httpStatus: httpStatus, retryAfter: retryAfter)
    }
}

/// An HTTP answer with its body read (bounded).
struct SlackHTTPAnswer: Sendable {
    var status: Int
    var retryAfterHeader: String?
    var body: Data
}

extension SlackClient {
    /// Sends `body` as JSON to `url` and reads the answer, whatever its status.
    ///
    /// - Parameter secrets: strings that must never appear in an error (the token, the webhook URL and its path).
    /// - Throws: ``DeliveryError/Code/transport`` when no answer came or it could not be read;
    ///   ``DeliveryError/Code/serverError`` when the body is larger than ``maximumResponseBytes``.
    func send(
        _ operation: SlackOperation, url: String, body: some Encodable, authorization: String?, secrets: [String]
    ) async throws(DeliveryError) -> SlackHTTPAnswer {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data: Data
        do {
            data = try encoder.encode(body)
        } catch {
            throw operation.error(.rejected, "the message could not be encoded as JSON")
        }
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
        request.headers.add(name: "Accept", value: "application/json")
        if let authorization { request.headers.add(name: "Authorization", value: authorization) }
        request.body = .bytes(ByteBuffer(data: data))
        let response: HTTPClientResponse
        do {
            response = try await httpClient.execute(request, timeout: .nanoseconds(Self.nanoseconds(timeout)), logger: logger)
        } catch {
            let reason = Self.redacted("\(error)", secrets: secrets)
            throw operation.error(.transport, "no answer from Slack (\(reason))")
        }
        let status = Int(response.status.code)
        let bytes: ByteBuffer
        do {
            bytes = try await response.body.collect(upTo: Self.maximumResponseBytes)
        } catch is NIOTooManyBytesError {
            throw operation.error(
                .serverError, "HTTP \(status) with a body larger than \(Self.maximumResponseBytes) bytes",
                httpStatus: status)
        } catch {
            let reason = Self.redacted("\(error)", secrets: secrets)
            throw operation.error(.transport, "reading Slack's answer failed (\(reason))", httpStatus: status)
        }
        return SlackHTTPAnswer(
            status: status, retryAfterHeader: response.headers.first(name: "Retry-After"), body: Data(buffer: bytes))
    }

    /// `Retry-After` in whole seconds, capped at ``maximumRetryAfter``; `nil` when absent or not a number.
    static func retryAfter(_ header: String?) -> Duration? {
        guard let header, let seconds = Int64(header.trimmingCharacters(in: .whitespaces)), seconds >= 0 else {
            return nil
        }
        return min(.seconds(seconds), maximumRetryAfter)
    }

    /// `text` with every non-empty secret replaced by `<redacted>`.
    static func redacted(_ text: String, secrets: [String]) -> String {
        var result = text
        for secret in secrets where secret.count >= 4 {
            result = result.replacingOccurrences(of: secret, with: "<redacted>")
        }
        return result
    }

    /// `error` with every secret removed from its message and vendor error (Slack may quote what it received).
    static func redacted(_ error: DeliveryError, secrets: [String]) -> DeliveryError {
        var error = error
        error.message = redacted(error.message, secrets: secrets)
        error.vendorError = error.vendorError.map { redacted($0, secrets: secrets) }
        return error
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
