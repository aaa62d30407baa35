import Foundation
import KubeCore

/// A kubectl-style table of objects: NAMESPACE (when several), NAME, a few resource-specific columns, AGE.
struct ObjectTable {
    let resource: ResourceType
    let objects: [GenericObject]
    let now: Date

    func render() -> String {
        if objects.isEmpty { return "No \(resource.plural) found.\n" }
        let showNamespace = Set(objects.compactMap(\.metadata.namespace)).count > 1
        var header = showNamespace ? ["NAMESPACE"] : []
        header += ["NAME"] + extraColumns.map(\.title) + ["AGE"]
        var rows = [header]
        for object in objects {
            var row = showNamespace ? [object.metadata.namespace ?? ""] : []
            row.append(object.metadata.name ?? "")
            row += extraColumns.map { $0.value(object) }
            row.append(Self.age(since: object.metadata.creationTimestamp, now: now))
            rows.append(row)
        }
        let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padding(toLength: widths[index] + 3, withPad: " ", startingAt: 0)
            }.joined()
        }.joined(separator: "\n") + "\n"
    }

    private struct Column {
        let title: String
        let value: (GenericObject) -> String
    }

    private var extraColumns: [Column] {
        switch (resource.group, resource.plural) {
        case ("", "pods"):
            return [
                Column(title: "STATUS") { $0.content["status"]?["phase"]?.stringValue ?? "" },
                Column(title: "RESTARTS") { object in
                    let statuses = object.content["status"]?["containerStatuses"]?.arrayValue ?? []
                    return String(statuses.compactMap { $0["restartCount"]?.int64Value }.reduce(0, +))
                },
                Column(title: "NODE") { $0.content["spec"]?["nodeName"]?.stringValue ?? "" },
            ]
        case ("", "nodes"):
            return [
                Column(title: "STATUS") { object in
                    let conditions = object.content["status"]?["conditions"]?.arrayValue ?? []
                    let ready = conditions.first { $0["type"]?.stringValue == "Ready" }
                    return ready?["status"]?.stringValue == "True" ? "Ready" : "NotReady"
                }
            ]
        case ("", "events"):
            return [
                Column(title: "TYPE") { $0.content["type"]?.stringValue ?? "" },
                Column(title: "REASON") { $0.content["reason"]?.stringValue ?? "" },
                Column(title: "OBJECT") { object in
                    let involved = object.content["involvedObject"]
                    return "\(involved?["kind"]?.stringValue ?? "")/\(involved?["name"]?.stringValue ?? "")"
                },
            ]
        case ("", "secrets"):
            return [
                Column(title: "TYPE") { $0.content["type"]?.stringValue ?? "" },
                Column(title: "DATA") { String($0.content["data"]?.objectValue?.count ?? 0) },
            ]
        default:
            return []
        }
    }

    /// kubectl's short age: 45s, 12m, 5h, 3d.
    static func age(since date: Date?, now: Date) -> String {
        guard let date else { return "<unknown>" }
        let seconds = max(0, Int(now.timeIntervalSince(date)))
        switch seconds {
        case ..<120: return "\(seconds)s"
        case ..<(120 * 60): return "\(seconds / 60)m"
        case ..<(48 * 3600): return "\(seconds / 3600)h"
        default: return "\(seconds / 86400)d"
        }
    }
}
