/// A call that cannot be turned into a valid request (for example an update of an object without a name).
/// Nothing was sent to the API server.
public struct KubeInvalidRequestError: Error, Sendable, CustomStringConvertible {
    /// What is wrong with the call.
    public var message: String

    /// Creates the error with a message that says what is wrong and what to do.
    public init(message: String) {
        self.message = message
    }

    public var description: String { message }
}
