import Foundation
import Yams

/// Several kubeconfig files merged by client-go's rules: for each named cluster, user and context the first file that
/// defines the name wins, and `current-context` comes from the first file that sets it.
struct MergedKubeConfig: Sendable {
    /// A value together with the absolute path of the file that defined it.
    struct Sourced<Value: Sendable>: Sendable {
        var value: Value
        var file: String

        /// The directory against which relative paths in `value` resolve.
        var directory: String {
            URL(fileURLWithPath: file).deletingLastPathComponent().path
        }
    }

    var files: [String] = []
    var clusters: [String: Sourced<KubeConfigFile.Cluster>] = [:]
    var users: [String: Sourced<KubeConfigFile.User>] = [:]
    var contexts: [String: Sourced<KubeConfigFile.Context>] = [:]
    var currentContext: Sourced<String>?

    /// Merges the files in order; earlier files win.
    init(_ sources: [(path: String, file: KubeConfigFile)]) {
        for source in sources {
            files.append(source.path)
            merge(source.file, from: source.path)
        }
    }

    private mutating func merge(_ file: KubeConfigFile, from path: String) {
        // Within one file a repeated name keeps its last entry (as client-go's list-to-map conversion does);
        // across files the first file wins.
        var fileClusters: [String: Sourced<KubeConfigFile.Cluster>] = [:]
        for entry in file.clusters ?? [] {
            fileClusters[entry.name] = Sourced(value: entry.cluster ?? .init(), file: path)
        }
        clusters.merge(fileClusters) { existing, _ in existing }

        var fileUsers: [String: Sourced<KubeConfigFile.User>] = [:]
        for entry in file.users ?? [] {
            fileUsers[entry.name] = Sourced(value: entry.user ?? .init(), file: path)
        }
        users.merge(fileUsers) { existing, _ in existing }

        var fileContexts: [String: Sourced<KubeConfigFile.Context>] = [:]
        for entry in file.contexts ?? [] {
            fileContexts[entry.name] = Sourced(value: entry.context ?? .init(), file: path)
        }
        contexts.merge(fileContexts) { existing, _ in existing }

        if currentContext == nil, let name = file.currentContext, !name.isEmpty {
            currentContext = Sourced(value: name, file: path)
        }
    }
}

extension MergedKubeConfig {
    /// Reads and decodes one kubeconfig file.
    /// - Throws: `KubeConfigError` with `.fileNotFound`, `.unreadable` or `.invalidYAML`.
    static func readFile(atPath path: String) throws(KubeConfigError) -> KubeConfigFile {
        guard FileManager.default.fileExists(atPath: path) else {
            throw KubeConfigError(.fileNotFound, file: path, "file does not exist; check the path or KUBECONFIG")
        }
        let text: String
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            text = String(decoding: data, as: UTF8.self)
        } catch {
            throw KubeConfigError(
                .unreadable, file: path,
                "cannot read the file (\(error.localizedDescription)); check its permissions"
            )
        }
        if text.allSatisfy(\.isWhitespace) {
            return KubeConfigFile()
        }
        do {
            return try YAMLDecoder().decode(KubeConfigFile.self, from: text)
        } catch let error as DecodingError {
            let (field, reason) = Self.describe(error)
            throw KubeConfigError(.invalidYAML, file: path, field: field, "not a valid kubeconfig: \(reason)")
        } catch {
            throw KubeConfigError(.invalidYAML, file: path, "not valid YAML: \(error)")
        }
    }

    private static func describe(_ error: DecodingError) -> (field: String?, reason: String) {
        let path: [any CodingKey]
        let reason: String
        switch error {
        case .typeMismatch(let type, let context):
            path = context.codingPath
            reason = "expected \(type)"
        case .valueNotFound(let type, let context):
            path = context.codingPath
            reason = "missing value of type \(type)"
        case .keyNotFound(let key, let context):
            path = context.codingPath + [key]
            reason = "missing required field"
        case .dataCorrupted(let context):
            path = context.codingPath
            reason = context.debugDescription
        @unknown default:
            return (nil, "\(error)")
        }
        guard !path.isEmpty else {
            return (nil, reason)
        }
        var field = ""
        for key in path {
            if let index = key.intValue {
                field += "[\(index)]"
            } else {
                field += field.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return (field, reason)
    }
}
