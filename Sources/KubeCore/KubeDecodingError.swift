import Foundation

/// Input from the API server that could not be decoded: what was expected, an excerpt of the input, and why.
public struct KubeDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure this is.
    public enum Code: String, Sendable, Hashable {
        /// The input is not valid JSON or does not have the expected shape.
        case invalidObject
        /// A watch event has a `type` other than ADDED, MODIFIED, DELETED, BOOKMARK and ERROR.
        case unknownEventType
        /// A watch line is longer than the splitter's maximum.
        case lineTooLong
    }

    /// What kind of failure this is.
    public var code: Code
    /// The Swift type that was being decoded, e.g. `WatchEvent<Pod>`.
    public var typeName: String
    /// At most 200 bytes of the input, as text.
    public var excerpt: String
    /// The reason, with the coding path of the failure when known.
    public var reason: String

    /// The longest excerpt kept, in bytes.
    public static let maximumExcerptLength = 200

    /// Creates an error.
    public init(code: Code, typeName: String, excerpt: String, reason: String) {
        self.code = code
        self.typeName = typeName
        self.excerpt = excerpt
        self.reason = reason
    }

    /// Creates an error for a failure to decode `type` from `input`.
    public init(decoding type: Any.Type, input: some Collection<UInt8>, error: any Error, code: Code = .invalidObject) {
        self.init(
            code: code, typeName: String(describing: type), excerpt: Self.excerpt(of: input),
            reason: Self.describe(error)
        )
    }

    /// `cannot decode Pod: spec.containers[0].name: key not found (input: {"kind":...})`.
    public var description: String {
        "cannot decode \(typeName): \(reason) (input: \(excerpt))"
    }

    /// The first 200 bytes of `input` as text, with an ellipsis when cut.
    package static func excerpt(of input: some Collection<UInt8>) -> String {
        let prefix = input.prefix(maximumExcerptLength)
        let text = String(decoding: prefix, as: UTF8.self)
        return input.count > maximumExcerptLength ? text + "…" : text
    }

    /// A one-line description of a decoding error with its coding path.
    package static func describe(_ error: any Error) -> String {
        guard let decodingError = error as? DecodingError else {
            return String(describing: error)
        }
        switch decodingError {
        case .keyNotFound(let key, let context):
            return "\(path(context.codingPath + [key])): required key not found"
        case .typeMismatch(let type, let context):
            return "\(path(context.codingPath)): expected \(type): \(context.debugDescription)"
        case .valueNotFound(let type, let context):
            return "\(path(context.codingPath)): expected \(type), found null"
        case .dataCorrupted(let context):
            let underlying = context.underlyingError.map { ": \($0)" } ?? ""
            return "\(path(context.codingPath)): \(context.debugDescription)\(underlying)"
        @unknown default:
            return String(describing: decodingError)
        }
    }

    private static func path(_ codingPath: [any CodingKey]) -> String {
        guard !codingPath.isEmpty else { return "<root>" }
        var text = ""
        for key in codingPath {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return text
    }
}
