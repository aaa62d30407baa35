import Foundation
import Yams

extension FakeJSON: Codable {
    /// Decodes any JSON value, keeping integral numbers as `.integer`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([FakeJSON].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: FakeJSON].self))
        }
    }

    /// Encodes the value as plain JSON.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }
}

extension FakeJSON {
    /// Parses JSON bytes.
    /// - Throws: `DecodingError` when the bytes are not JSON.
    public init(jsonData: Data) throws {
        self = try JSONDecoder().decode(FakeJSON.self, from: jsonData)
    }

    /// Parses YAML (or JSON, which is YAML) text, as the server does for `application/apply-patch+yaml`.
    /// - Throws: `FakeAPIError` with code 400 when the text is neither.
    init(yamlData: Data) throws {
        if let json = try? FakeJSON(jsonData: yamlData) {
            self = json
            return
        }
        guard let text = String(data: yamlData, encoding: .utf8),
            let loaded = try? Yams.load(yaml: text)
        else {
            throw FakeAPIError.badRequest("error decoding YAML: the request body is not valid YAML")
        }
        self = FakeJSON(yamlValue: loaded)
    }

    private init(yamlValue: Any?) {
        switch yamlValue {
        case let value as Bool: self = .bool(value)
        case let value as Int: self = .integer(Int64(value))
        case let value as Double: self = .number(value)
        case let value as String: self = .string(value)
        case let value as [Any]: self = .array(value.map { FakeJSON(yamlValue: $0) })
        case let value as [String: Any]: self = .object(value.mapValues { FakeJSON(yamlValue: $0) })
        case let value as [AnyHashable: Any]:
            var members: [String: FakeJSON] = [:]
            for (key, member) in value { members["\(key.base)"] = FakeJSON(yamlValue: member) }
            self = .object(members)
        default: self = .null
        }
    }

    /// Compact JSON bytes with sorted keys and unescaped slashes (see ``serialize(into:)``).
    public var jsonData: Data {
        var bytes: [UInt8] = []
        serialize(into: &bytes)
        return Data(bytes)
    }

    /// `jsonData` as a UTF-8 string.
    public var jsonString: String { String(decoding: jsonData, as: UTF8.self) }
}
