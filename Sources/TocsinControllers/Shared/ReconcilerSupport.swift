import Foundation
import KubeClient
import KubeCore
import KubeRuntime

/// What the reconcilers of Tocsin's own resources share: reading the live object, reporting `Ready=False`,
/// and summarising problems for a condition message.
struct ReconcilerSupport: Sendable {
    /// The condition every Tocsin resource reports.
    static let readyCondition = "Ready"
    /// How many problems a condition message lists before "(and N more)".
    static let listedProblems = 3

    let client: KubernetesClient
    let events: EventRecorder
    let statusWriter: StatusWriter

    init(client: KubernetesClient, events: EventRecorder, fieldManager: String) {
        self.client = client
        self.events = events
        self.statusWriter = StatusWriter(client: client, fieldManager: fieldManager)
    }

    /// The object named by `key`, or nil when it is gone or being deleted (nothing to reconcile).
    /// - Throws: `KubeAPIError` other than not-found, `KubeTransportError`, `KubeDecodingError`.
    func liveObject<T: KubeResource>(_ type: T.Type, for key: ObjectKey) async throws -> T? {
        let object: T
        do {
            object = try await client.get(T.self, name: key.name, namespace: key.namespace)
        } catch let error as KubeAPIError where error.isNotFound {
            return nil
        }
        return object.metadata.deletionTimestamp == nil ? object : nil
    }

    /// Writes `Ready=False` with `reason` and `message` (and `fields`, typically clearing computed status), and
    /// records a Warning Event only when the status changed, so re-reading an unchanged object stays quiet.
    /// - Throws: what the status patch throws.
    func reportNotReady<T: KubeResource>(
        _ object: T, reason: String, message: String, fields: [String: JSONValue], at instant: Date
    ) async throws {
        let notReady = Condition(type: Self.readyCondition, status: .false, reason: reason, message: message)
        let written = try await statusWriter.update(object, conditions: [notReady], fields: fields, now: instant)
        if written != nil {
            events.record(.warning, reason: reason, message: message, about: object)
        }
    }

    /// The first ``listedProblems`` items joined by "; ", with "(and N more)" when there are more.
    static func summary(of items: [String]) -> String {
        let listed = items.prefix(listedProblems).joined(separator: "; ")
        let more = items.count - listedProblems
        return more > 0 ? "\(listed) (and \(more) more)" : listed
    }
}
