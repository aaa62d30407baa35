import Foundation
import KubeCore
import TocsinAPI
import TocsinControllers

/// An operation the plugin asks the operator for, by annotation.
enum PluginOperation: String {
    case acknowledge
    case resolve

    /// The merge patch that sets the operator's annotation to `actor` (``IncidentReconciler/requestPatch(_:by:)``).
    func patch(actor: String) -> Patch {
        IncidentReconciler.requestPatch(self == .acknowledge ? .acknowledge : .resolve, by: actor)
    }
}

/// `kubectl tocsin incidents`: [NAMESPACE] NAME PHASE SEVERITY SUBJECT AGE, oldest first; age since `startTime`.
struct PluginIncidentTable {
    let incidents: [Incident]
    let showsNamespace: Bool
    let now: Date

    func render(scope: String?) -> String {
        guard !incidents.isEmpty else {
            return scope.map { "No open incidents in \($0).\n" } ?? "No open incidents.\n"
        }
        let sorted = incidents.sorted {
            ($0.status?.startTime.date ?? .distantPast, $0.metadata.name ?? "")
                < ($1.status?.startTime.date ?? .distantPast, $1.metadata.name ?? "")
        }
        var rows = [(showsNamespace ? ["NAMESPACE"] : []) + ["NAME", "PHASE", "SEVERITY", "SUBJECT", "AGE"]]
        for incident in sorted {
            let status = incident.status
            rows.append(
                (showsNamespace ? [incident.metadata.namespace ?? ""] : []) + [
                    incident.metadata.name ?? "", status?.phase.rawValue ?? "", status?.severity.rawValue ?? "",
                    status?.subject ?? "",
                    ObjectTable.age(since: status?.startTime.date ?? incident.metadata.creationTimestamp, now: now),
                ])
        }
        return PluginTableLayout.render(rows)
    }
}

/// `kubectl tocsin oncall`: [NAMESPACE] SCHEDULE ON-CALL UNTIL NEXT-HANDOFF, from each schedule's status.
struct PluginOnCallTable {
    let schedules: [OnCallSchedule]
    let showsNamespace: Bool

    func render() -> String {
        guard !schedules.isEmpty else { return "No on-call schedules found.\n" }
        var rows = [(showsNamespace ? ["NAMESPACE"] : []) + ["SCHEDULE", "ON-CALL", "UNTIL", "NEXT-HANDOFF"]]
        let sorted = schedules.sorted {
            ($0.metadata.namespace ?? "", $0.metadata.name ?? "") < ($1.metadata.namespace ?? "", $1.metadata.name ?? "")
        }
        for schedule in sorted {
            let now = schedule.status?.onCallNow ?? []
            let people = now.map { $0.participant + ($0.isOverride == true ? " (override)" : "") }
            rows.append(
                (showsNamespace ? [schedule.metadata.namespace ?? ""] : []) + [
                    schedule.metadata.name ?? "",
                    people.isEmpty
                        ? (schedule.status == nil ? "<not reconciled>" : "<nobody>") : people.joined(separator: ", "),
                    now.map(\.end).min().map(\.description) ?? "",
                    schedule.status?.nextHandoff?.description ?? "",
                ])
        }
        return PluginTableLayout.render(rows)
    }
}

/// kubectl's column layout: each column padded to its widest cell plus three spaces, the last one not padded.
enum PluginTableLayout {
    static func render(_ rows: [[String]]) -> String {
        guard let header = rows.first else { return "" }
        let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padding(toLength: widths[index] + 3, withPad: " ", startingAt: 0)
            }.joined()
        }.joined(separator: "\n") + "\n"
    }
}
