import Foundation
import KubeClient
import KubeCore
import TocsinAPI
import TocsinEngine

extension AlertRuleReconciler {
    /// The template problems of `spec.summary` and `spec.description`, each prefixed with its field:
    /// `spec.summary: unexpected "}}" at 1:9`.
    static func templateProblems(in spec: AlertRuleSpec) -> [String] {
        var problems: [String] = []
        for (field, source) in [("spec.summary", spec.summary), ("spec.description", spec.description)] {
            guard let source else { continue }
            do {
                _ = try Template(parsing: source)
            } catch {
                problems += error.diagnostics.map { "\(field): \($0)" }
            }
        }
        return problems
    }

    /// The references that cannot be resolved, in order: the Monitor, the OnCallSchedules, then the Secrets
    /// (a missing Secret once, else each missing key).
    ///
    /// A Secret is read only to learn its key names; its values are dropped at once.
    /// - Throws: `KubeAPIError` other than 404, `KubeTransportError`, `KubeDecodingError`.
    func missingReferences(_ references: AlertRuleReferences, namespace: String?) async throws -> [MissingReference] {
        var missing: [MissingReference] = []
        if try await !exists(Monitor.self, name: references.monitor, namespace: namespace) {
            missing.append(.monitor(references.monitor))
        }
        for name in references.onCallSchedules
        where try await !exists(OnCallSchedule.self, name: name, namespace: namespace) {
            missing.append(.onCallSchedule(name))
        }
        var keysBySecret: [String: Set<String>] = [:]
        var absentSecrets: Set<String> = []
        for selector in references.secretKeys where !absentSecrets.contains(selector.name) {
            let keys: Set<String>
            if let known = keysBySecret[selector.name] {
                keys = known
            } else if let read = try await secretKeyNames(selector.name, namespace: namespace) {
                keys = read
                keysBySecret[selector.name] = read
            } else {
                absentSecrets.insert(selector.name)
                missing.append(.secret(selector.name))
                continue
            }
            if !keys.contains(selector.key) { missing.append(.secretKey(selector)) }
        }
        return missing
    }

    /// Whether the object exists.
    private func exists<T: KubeResource>(_ type: T.Type, name: String, namespace: String?) async throws -> Bool {
        do {
            _ = try await client.get(type, name: name, namespace: namespace)
            return true
        } catch let error as KubeAPIError where error.isNotFound {
            return false
        }
    }

    /// The key names of the Secret's `data` (and `stringData`), or nil when there is no such Secret.
    private func secretKeyNames(_ name: String, namespace: String?) async throws -> Set<String>? {
        do {
            return SecretKeyNames(try await client.get(Secret.self, name: name, namespace: namespace)).keys
        } catch let error as KubeAPIError where error.isNotFound {
            return nil
        }
    }
}
