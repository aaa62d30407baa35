/// Opsgenie's answer to an accepted write (`202 Accepted`): the request will be processed asynchronously;
/// only ``OpsgenieClient/requestStatus(requestID:baseURL:apiKey:)`` tells whether it succeeded.
public struct OpsgenieAccepted: Sendable, Hashable {
    /// The request's ID (`requestId`), to record on the Incident and to check the outcome with.
    public var requestID: String
    /// Opsgenie's words, e.g. `Request will be processed`.
    public var result: String?
    /// How long Opsgenie took, in seconds (`took`).
    public var took: Double?

    /// Creates an answer.
    public init(requestID: String, result: String? = nil, took: Double? = nil) {
        self.requestID = requestID
        self.result = result
        self.took = took
    }
}

/// The outcome of an asynchronous Opsgenie request (`GET /v2/alerts/requests/{requestId}`).
public enum OpsgenieRequestStatus: Sendable, Hashable {
    /// Opsgenie has not processed the request yet (`404`, `RequestNotProcessed`): ask again later.
    case notProcessed
    /// Opsgenie processed the request, successfully or not.
    case processed(OpsgenieProcessedRequest)

    /// Whether the request was processed and succeeded; `nil` while it is not processed.
    public var isSuccess: Bool? {
        switch self {
        case .notProcessed: nil
        case .processed(let request): request.isSuccess
        }
    }
}

/// What Opsgenie did with a processed request.
public struct OpsgenieProcessedRequest: Sendable, Hashable {
    /// Whether the request succeeded (`data.isSuccess`, or `data.success` when only that is sent).
    public var isSuccess: Bool
    /// The action, e.g. `Create`, `Acknowledge`, `Close`, `AddNote`, `Escalate`.
    public var action: String?
    /// Opsgenie's words, e.g. `Created alert` or `Alert does not exist`.
    public var status: String?
    /// The alert's ID; `nil` when the request failed before finding an alert.
    public var alertID: String?
    /// The alert's alias; `nil` when Opsgenie sent none.
    public var alias: String?
    /// When Opsgenie processed the request (RFC 3339 text as sent).
    public var processedAt: String?

    /// Creates a processed request.
    public init(
        isSuccess: Bool, action: String? = nil, status: String? = nil, alertID: String? = nil, alias: String? = nil,
        processedAt: String? = nil
    ) {
        self.isSuccess = isSuccess
        self.action = action
        self.status = status
        self.alertID = alertID
        self.alias = alias
        self.processedAt = processedAt
    }
}
