import Foundation
import KubeCore
import Yams

/// Decodes multi-document YAML (what users keep in git) into typed Tocsin objects, for offline validation.
///
/// Documents of other API groups (a ConfigMap next to the rules) are returned with `isTocsin == false` and no
/// errors. A Tocsin document that does not decode yields one error with the field path of the first structural
/// problem (missing required field, wrong type, unknown enum value, malformed duration or time); one that decodes
/// is then validated, yielding every semantic problem.
public struct ManifestDecoder: Sendable {
    /// Whether decoded objects are also validated.
    public var validates: Bool

    /// Creates a decoder.
    public init(validates: Bool = true) {
        self.validates = validates
    }

    /// Decodes every document of `yaml`.
    ///
    /// - Throws: ``ManifestSyntaxError`` when the text is not well-formed YAML.
    public func decode(yaml: String) throws(ManifestSyntaxError) -> [ManifestDocument] {
        var documents: [ManifestDocument] = []
        do {
            let parser = try Parser(yaml: yaml)
            var index = 0
            while let node = try parser.nextRoot() {
                defer { index += 1 }
                if node.null != nil { continue }
                documents.append(decodeDocument(node, index: index))
            }
        } catch let error as YamlError {
            throw Self.syntaxError(error)
        } catch {
            throw ManifestSyntaxError(line: nil, message: "\(error)")
        }
        return documents
    }

    private struct TypeMeta: Decodable {
        struct Metadata: Decodable { var name: String? }
        var apiVersion: String?
        var kind: String?
        var metadata: Metadata?
    }

    private func decodeDocument(_ node: Yams.Node, index: Int) -> ManifestDocument {
        let line = node.mark?.line ?? 1
        let typeMeta = try? YAMLDecoder().decode(TypeMeta.self, from: node)
        let apiVersion = typeMeta?.apiVersion
        let kind = typeMeta?.kind
        var document = ManifestDocument(
            index: index, line: line, apiVersion: apiVersion, kind: kind, name: typeMeta?.metadata?.name, object: nil,
            isTocsin: false, errors: []
        )
        guard let apiVersion, apiVersion.hasPrefix("\(ResourceTypeNames.group)/") else {
            if typeMeta == nil || apiVersion == nil || kind == nil {
                document.errors = [ValidationError(field: "", code: .required, message: "a manifest needs apiVersion and kind")]
            }
            return document
        }
        document.isTocsin = true
        guard apiVersion == ResourceTypeNames.apiVersion else {
            document.errors = [
                ValidationError(field: "apiVersion", code: .unsupported, message: "unsupported value \"\(apiVersion)\": supported values are \(ResourceTypeNames.apiVersion)")
            ]
            return document
        }
        do {
            switch kind {
            case Monitor.resourceType.kind: document.object = .monitor(try YAMLDecoder().decode(Monitor.self, from: node))
            case AlertRule.resourceType.kind: document.object = .alertRule(try YAMLDecoder().decode(AlertRule.self, from: node))
            case OnCallSchedule.resourceType.kind:
                document.object = .onCallSchedule(try YAMLDecoder().decode(OnCallSchedule.self, from: node))
            case OnCallOverride.resourceType.kind:
                document.object = .onCallOverride(try YAMLDecoder().decode(OnCallOverride.self, from: node))
            case Incident.resourceType.kind: document.object = .incident(try YAMLDecoder().decode(Incident.self, from: node))
            default:
                document.errors = [
                    ValidationError(field: "kind", code: .unsupported, message: "unsupported value \"\(kind ?? "")\": supported values are \(ResourceTypeNames.kinds)")
                ]
            }
        } catch let error as DecodingError {
            document.errors = [ValidationError(decoding: error)]
        } catch {
            document.errors = [ValidationError(field: "", code: .invalid, message: "\(error)")]
        }
        if validates, let object = document.object {
            document.errors += object.validate()
        }
        return document
    }

    private static func syntaxError(_ error: YamlError) -> ManifestSyntaxError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let prefix = context.map { "\($0.text) " } ?? ""
            return ManifestSyntaxError(line: mark.line, message: prefix + problem)
        default:
            return ManifestSyntaxError(line: nil, message: "\(error)")
        }
    }
}

/// The API group, version and kinds, as text for messages.
enum ResourceTypeNames {
    static let group = ResourceType.tocsinGroup
    static let apiVersion = ResourceType.monitors.apiVersion
    static let kinds = "Monitor, AlertRule, OnCallSchedule, OnCallOverride, Incident"
}
