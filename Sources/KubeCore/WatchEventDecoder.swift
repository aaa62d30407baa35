import Foundation

/// Decodes watch lines (`{"type":"ADDED","object":{...}}`) into ``WatchEvent``s.
///
/// BOOKMARK events decode only `object.metadata.resourceVersion` (bookmark objects are partial); ERROR events
/// decode the object as a ``Status``. A failure is a ``KubeDecodingError``; the caller may log it and go on with
/// the next line.
public struct WatchEventDecoder<Object: Decodable & Sendable>: Sendable {
    private let decoder = FastJSONDecoder()

    /// Creates a decoder; it reads the bytes with ``FastJSONDecoder`` (the same results as
    /// ``KubeJSON/makeDecoder()``, several times faster, unread fields such as `managedFields` skipped).
    public init() {}

    /// Decodes one line.
    ///
    /// - Throws: ``KubeDecodingError`` with code `unknownEventType` for a type other than the five known ones,
    ///   else `invalidObject`, naming `WatchEvent<Object>`, an excerpt of the line and the failing field.
    public func decode(_ line: [UInt8]) throws(KubeDecodingError) -> WatchEvent<Object> {
        do {
            return try decoder.decode(Envelope.self, from: line).event
        } catch let error as UnknownEventType {
            throw unknownType(error.type, line: line)
        } catch {
            throw KubeDecodingError(decoding: WatchEvent<Object>.self, input: line, error: error)
        }
    }

    /// Decodes one line given as `Data`.
    ///
    /// - Throws: ``KubeDecodingError`` as the `[UInt8]` overload does.
    public func decode(_ line: Data) throws(KubeDecodingError) -> WatchEvent<Object> {
        do {
            return try decoder.decode(Envelope.self, from: line).event
        } catch let error as UnknownEventType {
            throw unknownType(error.type, line: line)
        } catch {
            throw KubeDecodingError(decoding: WatchEvent<Object>.self, input: line, error: error)
        }
    }

    private func unknownType(_ type: String, line: some Collection<UInt8>) -> KubeDecodingError {
        KubeDecodingError(
            code: .unknownEventType, typeName: "WatchEvent<\(Object.self)>",
            excerpt: KubeDecodingError.excerpt(of: line),
            reason: "type: unknown watch event type \"\(type)\"; expected ADDED, MODIFIED, DELETED, BOOKMARK or ERROR"
        )
    }

    private struct UnknownEventType: Error {
        var type: String
    }

    private struct Bookmark: Decodable {
        struct Metadata: Decodable {
            var resourceVersion: String?
        }

        var metadata: Metadata?
    }

    /// The envelope; decodes `type` first, then `object` as the type requires.
    private struct Envelope: Decodable {
        var event: WatchEvent<Object>

        enum CodingKeys: String, CodingKey {
            case type, object
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            let typeName = try container.decode(String.self, forKey: .type)
            guard let type = WatchEventType(rawValue: typeName) else {
                throw UnknownEventType(type: String(typeName.prefix(64)))
            }
            switch type {
            case .added: event = .added(try container.decode(Object.self, forKey: .object))
            case .modified: event = .modified(try container.decode(Object.self, forKey: .object))
            case .deleted: event = .deleted(try container.decode(Object.self, forKey: .object))
            case .bookmark:
                let bookmark = try container.decode(Bookmark.self, forKey: .object)
                guard let resourceVersion = bookmark.metadata?.resourceVersion else {
                    throw DecodingError.keyNotFound(
                        AnyCodingKey("resourceVersion"),
                        DecodingError.Context(
                            codingPath: [CodingKeys.object, AnyCodingKey("metadata")],
                            debugDescription: "A BOOKMARK event must carry object.metadata.resourceVersion."
                        )
                    )
                }
                event = .bookmark(resourceVersion: resourceVersion)
            case .error: event = .error(try container.decode(Status.self, forKey: .object))
            }
        }
    }
}
