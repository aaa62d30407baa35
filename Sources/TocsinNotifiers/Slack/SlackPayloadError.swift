/// Why an interaction or slash-command request from Slack could not be read. Messages never quote the payload
/// (it carries Slack's verification token).
public struct SlackPayloadError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was wrong.
    public enum Code: String, Sendable, Hashable {
        /// The form has no `payload` field.
        case missingPayload
        /// `payload` is not a JSON object of the expected shape.
        case malformedJSON
        /// A field the request needs is missing or empty.
        case missingField
    }

    /// What was wrong.
    public var code: Code
    /// The missing or malformed field, e.g. `user.id`.
    public var field: String?
    /// What failed, in words.
    public var message: String

    /// Creates an error.
    public init(code: Code, field: String? = nil, message: String) {
        self.code = code
        self.field = field
        self.message = message
    }

    /// A request without `field`.
    static func missing(_ field: String, in request: String) -> SlackPayloadError {
        SlackPayloadError(
            code: .missingField, field: field, message: "the Slack \(request) has no \(field): it cannot be acted on")
    }

    /// ``message``.
    public var description: String { message }
}
