import Foundation

/// The parts of an Opsgenie JSON answer the client reads, decoded leniently: `message`, `errors`, `requestId`,
/// `result`, `took`.
struct OpsgenieErrorBody {
    var message: String?
    var errors: [(field: String, reason: String)] = []
    var requestID: String?
    var result: String?
    var took: Double?

    init(_ body: Data) {
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else { return }
        message = object["message"] as? String
        requestID = object["requestId"] as? String
        result = object["result"] as? String
        took = (object["took"] as? NSNumber)?.doubleValue
        if let errors = object["errors"] as? [String: Any] {
            self.errors = errors.map { ($0.key, $0.value as? String ?? String(describing: $0.value)) }
                .sorted { $0.field < $1.field }
        }
    }
}

extension OpsgenieClient {
    /// The failure of `operation`: "Opsgenie <operation> of alert "<alias>" failed: <detail>".
    static func failure(
        _ code: DeliveryError.Code, _ operation: OpsgenieOperation, _ detail: String, httpStatus: Int? = nil,
        vendorError: String? = nil, retryAfter: Duration? = nil
    ) -> DeliveryError {
        let subject = operation.alias.map { " of alert \"\(OpsgenieLimits.truncate($0, to: 80))\"" } ?? ""
        return DeliveryError(
            code: code, receiver: .opsgenie, message: "Opsgenie \(operation.name)\(subject) failed: \(detail)",
            vendorError: vendorError, httpStatus: httpStatus, retryAfter: retryAfter)
    }

    /// The accepted answer to a write: its `requestId` (or the `X-Request-Id` header).
    ///
    /// - Throws: ``DeliveryError`` `serverError` when the answer carries no request ID.
    func acceptedAnswer(
        from answer: OpsgenieAnswer, _ operation: OpsgenieOperation
    ) throws(DeliveryError) -> OpsgenieAccepted {
        let body = OpsgenieErrorBody(answer.body)
        guard let requestID = OpsgenieAlert.nonEmpty(body.requestID ?? answer.headers.first(name: "X-Request-Id"))
        else {
            throw Self.failure(
                .serverError, operation, "HTTP \(answer.status) without a requestId", httpStatus: answer.status)
        }
        return OpsgenieAccepted(requestID: requestID, result: body.result, took: body.took)
    }

    /// The processed request in a request-status answer (`data`).
    ///
    /// - Throws: ``DeliveryError`` `serverError` when `data` is missing or unreadable.
    func processedRequest(
        from answer: OpsgenieAnswer, _ operation: OpsgenieOperation
    ) throws(DeliveryError) -> OpsgenieProcessedRequest {
        guard let object = try? JSONSerialization.jsonObject(with: answer.body) as? [String: Any],
            let data = object["data"] as? [String: Any]
        else {
            throw Self.failure(
                .serverError, operation, "HTTP \(answer.status) without a readable data object",
                httpStatus: answer.status)
        }
        let isSuccess = (data["isSuccess"] as? Bool) ?? (data["success"] as? Bool) ?? false
        return OpsgenieProcessedRequest(
            isSuccess: isSuccess, action: data["action"] as? String, status: data["status"] as? String,
            alertID: OpsgenieAlert.nonEmpty(data["alertId"] as? String),
            alias: OpsgenieAlert.nonEmpty(data["alias"] as? String),
            processedAt: data["processedAt"] as? String)
    }

    /// The ``DeliveryError`` for an answer that is not a success.
    func error(for answer: OpsgenieAnswer, _ operation: OpsgenieOperation, apiKey: String) -> DeliveryError {
        let key = apiKey.trimmingCharacters(in: .whitespacesAndNewlines)
        let vendorText = { (text: String, limit: Int) in
            OpsgenieLimits.truncate(Self.redact(text, apiKey: key), to: limit)
        }
        let body = OpsgenieErrorBody(answer.body)
        var said = body.message.map { vendorText($0, 300) }
        if !body.errors.isEmpty {
            let reasons = body.errors.prefix(10).map { "\($0.field): \($0.reason)" }.joined(separator: "; ")
            said =
                (said.map { "\($0) " } ?? "")
                + "(\(vendorText(reasons, 600)))"
        }
        let status = answer.status
        let errorType = answer.headers.first(name: "X-Opsgenie-Errortype")
        let vendorError = (errorType ?? body.message).map { vendorText($0, 120) }
        let detail = "HTTP \(status)" + (said.map { " \($0)" } ?? "")
        switch status {
        case 429:
            let wait = Self.retryAfter(answer) ?? Self.rateLimitPeriod(answer)
            let reason =
                answer.headers.first(name: "X-RateLimit-Reason").map { " (rate limit: \(vendorText($0, 60)))" } ?? ""
            return Self.failure(
                .rateLimited, operation, detail + reason, httpStatus: status, vendorError: vendorError,
                retryAfter: wait)
        case 500...599:
            return Self.failure(
                .serverError, operation, detail, httpStatus: status, vendorError: vendorError,
                retryAfter: Self.retryAfter(answer))
        case 401, 403:
            return Self.failure(
                .unauthorized, operation, detail + ": check the API key Secret and its integration's permissions",
                httpStatus: status, vendorError: vendorError)
        case 404:
            let hint =
                ": " + (operation.notFoundHint ?? "check the base URL (\(operation.method.rawValue) \(operation.path))")
            return Self.failure(.notFound, operation, detail + hint, httpStatus: status, vendorError: vendorError)
        case 402:
            return Self.failure(
                .rejected, operation, detail + ": the Opsgenie plan does not allow this action", httpStatus: status,
                vendorError: vendorError)
        case 400...499:
            return Self.failure(.rejected, operation, detail, httpStatus: status, vendorError: vendorError)
        default:
            return Self.failure(
                .serverError, operation, "unexpected " + detail, httpStatus: status, vendorError: vendorError)
        }
    }

    /// `Retry-After` in whole seconds, at most ``maximumRetryAfter``; `nil` when absent or not a number.
    static func retryAfter(_ answer: OpsgenieAnswer) -> Duration? {
        seconds(answer.headers.first(name: "Retry-After"))
    }

    /// `X-RateLimit-Period-In-Sec` of a throttled answer, at most ``maximumRetryAfter``.
    static func rateLimitPeriod(_ answer: OpsgenieAnswer) -> Duration? {
        seconds(answer.headers.first(name: "X-RateLimit-Period-In-Sec"))
    }

    private static func seconds(_ text: String?) -> Duration? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), let value = Int(text), value >= 0 else {
            return nil
        }
        return min(.seconds(value), maximumRetryAfter)
    }
}
