import Foundation

/// The JSON coders configured the way the Kubernetes API server reads and writes JSON.
///
/// Dates (`metav1.Time`) decode from any RFC 3339 timestamp and encode as `2024-05-01T12:00:00Z` (UTC, whole seconds).
/// `Data` is base64. Slashes are not escaped. Keys are not sorted (for speed), so compare encoded objects as JSON,
/// not as bytes.
public enum KubeJSON: Sendable {
    /// A decoder for Kubernetes JSON.
    public static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = RFC3339.parse(text) else {
                throw DecodingError.dataCorruptedError(
                    in: container,
                    debugDescription: "Expected an RFC 3339 timestamp such as 2024-05-01T12:00:00Z, found \"\(text.prefix(64))\"."
                )
            }
            return date
        }
        decoder.dataDecodingStrategy = .base64
        return decoder
    }

    /// An encoder for Kubernetes JSON.
    public static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(RFC3339.format(date))
        }
        encoder.dataEncodingStrategy = .base64
        return encoder
    }

    /// Decodes `type` from `data` with a Kubernetes decoder (``FastJSONDecoder``), wrapping any failure.
    ///
    /// - Throws: ``KubeDecodingError`` naming the type, an excerpt of the input and the coding path of the failure.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws(KubeDecodingError) -> T {
        do {
            return try FastJSONDecoder().decode(T.self, from: data)
        } catch {
            throw KubeDecodingError(decoding: T.self, input: data, error: error)
        }
    }
}
