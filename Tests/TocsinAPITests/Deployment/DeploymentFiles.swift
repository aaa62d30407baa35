import Foundation
import Testing
import Yams

/// Reads the deployment artifacts (manifests/, charts/tocsin/, crds/) from the repository these tests live in.
enum DeploymentFiles {
    /// The repository root: four levels above this file (Tests/TocsinAPITests/Deployment/DeploymentFiles.swift).
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().standardizedFileURL

    /// Files in manifests/ that are not Kubernetes objects (owned by the Slack and incidents-API work).
    static let nonObjectManifests: Set<String> = [
        "manifests/slack-app-manifest.yaml", "manifests/slack-app-manifest-socket-mode.yaml",
        "manifests/incidents-api.openapi.yaml",
    ]

    /// The text of a file given relative to the repository root.
    static func text(_ path: String) throws -> String {
        do {
            return try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
        } catch {
            throw DeploymentFileError(path: path, problem: "cannot be read as UTF-8 (\(error))")
        }
    }

    /// The bytes of a file given relative to the repository root.
    static func data(_ path: String) throws -> Data {
        do {
            return try Data(contentsOf: root.appendingPathComponent(path))
        } catch {
            throw DeploymentFileError(path: path, problem: "cannot be read (\(error))")
        }
    }

    /// The non-empty YAML documents of a file.
    static func documents(_ path: String) throws -> [JSONValue] {
        do {
            return try JSONValue.documents(yaml: text(path)).filter { $0 != .null }
        } catch let error as DeploymentFileError {
            throw error
        } catch {
            throw DeploymentFileError(path: path, problem: "is not valid YAML (\(error))")
        }
    }

    /// Paths (relative to the root, sorted) of the files below `directory` whose names end with one of `suffixes`.
    static func files(under directory: String, suffixes: [String] = [".yaml", ".yml"]) -> [String] {
        let base = root.appendingPathComponent(directory)
        guard let enumerator = FileManager.default.enumerator(atPath: base.path) else { return [] }
        var found: [String] = []
        while let relative = enumerator.nextObject() as? String {
            if suffixes.contains(where: { relative.hasSuffix($0) }) { found.append("\(directory)/\(relative)") }
        }
        return found.sorted()
    }

    /// The files listed under `resources:` of a kustomization, relative to the repository root.
    static func kustomizationResources(_ directory: String) throws -> [String] {
        let kustomization = try #require(try documents("\(directory)/kustomization.yaml").first)
        let resources = try #require(kustomization["resources"]?.strings, "\(directory)/kustomization.yaml: resources")
        return resources.map { "\(directory)/\($0)" }
    }

    /// The documents of every resource of a kustomization, in order.
    static func kustomizationDocuments(_ directory: String) throws -> [JSONValue] {
        try kustomizationResources(directory).flatMap(documents)
    }
}

/// A deployment file that cannot be read or parsed.
struct DeploymentFileError: Error, CustomStringConvertible {
    /// The file, relative to the repository root.
    var path: String
    /// What is wrong with it.
    var problem: String

    var description: String { "\(path) \(problem)" }
}

extension JSONValue {
    /// The members of an array of strings, `nil` for anything else.
    var strings: [String]? {
        guard case .array(let items) = self else { return nil }
        var strings: [String] = []
        for item in items {
            guard case .string(let text) = item else { return nil }
            strings.append(text)
        }
        return strings
    }

    /// The text of a string value.
    var text: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The items of an array value (empty for anything else).
    var items: [JSONValue] {
        if case .array(let items) = self { return items }
        return []
    }

    /// The value at a dotted path of object keys (`spec.template.spec`).
    func at(_ path: String) -> JSONValue? {
        var value: JSONValue? = self
        for key in path.split(separator: ".") { value = value?[String(key)] }
        return value
    }

    /// `kind/name` of a Kubernetes object, for messages.
    var objectName: String {
        "\(self["kind"]?.text ?? "?")/\(self.at("metadata.name")?.text ?? "?")"
    }
}
