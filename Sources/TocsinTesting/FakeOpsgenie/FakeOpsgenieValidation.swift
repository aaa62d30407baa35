import Foundation

/// The checks the fake applies to request bodies before accepting them, with the Alert API v2's limits.
/// Lengths are counted in UTF-16 code units, as Opsgenie (a JVM service) counts them.
enum FakeOpsgenieValidation {
    static let priorities: Set<String> = ["P1", "P2", "P3", "P4", "P5"]
    static let responderTypes: Set<String> = ["team", "user", "escalation", "schedule"]

    /// The problems of a Create Alert body, by field; empty when it is acceptable.
    static func createErrors(_ body: [String: FakeJSON]) -> [String: String] {
        var errors: [String: String] = [:]
        if let message = body["message"]?.stringValue {
            if message.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                errors["message"] = "Message can not be empty."
            } else if message.utf16.count > 130 {
                errors["message"] = "Message can not be longer than 130 characters."
            }
        } else {
            errors["message"] = body["message"] == nil ? "Message can not be empty." : "Message must be a string."
        }
        checkString(body, "alias", "Alias", limit: 512, into: &errors)
        checkString(body, "description", "Description", limit: 15_000, into: &errors)
        checkString(body, "entity", "Entity", limit: 512, into: &errors)
        checkString(body, "source", "Source", limit: 100, into: &errors)
        checkString(body, "user", "User", limit: 100, into: &errors)
        checkString(body, "note", "Note", limit: 25_000, into: &errors)
        checkStrings(body, "tags", "Tags", count: 20, each: 50, into: &errors)
        checkStrings(body, "actions", "Actions", count: 10, each: 50, into: &errors)
        checkResponders(body, "responders", into: &errors)
        checkResponders(body, "visibleTo", into: &errors)
        if let priority = body["priority"], !priorities.contains(priority.stringValue ?? "") {
            errors["priority"] = "Priority should be one of [P1, P2, P3, P4, P5]."
        }
        if let details = body["details"] {
            if let members = details.objectValue, members.values.allSatisfy({ $0.stringValue != nil }) {
                let total = members.reduce(0) { $0 + $1.key.utf16.count + ($1.value.stringValue?.utf16.count ?? 0) }
                if total > 8_000 { errors["details"] = "Details can not be longer than 8000 characters in total." }
            } else {
                errors["details"] = "Details must be a map of strings to strings."
            }
        }
        return errors
    }

    /// The problems of an action body (acknowledge, close, notes, escalate), by field.
    static func actionErrors(_ action: FakeOpsgenieAction, _ body: [String: FakeJSON]) -> [String: String] {
        var errors: [String: String] = [:]
        checkString(body, "user", "User", limit: 100, into: &errors)
        checkString(body, "source", "Source", limit: 100, into: &errors)
        checkString(body, "note", "Note", limit: 25_000, into: &errors)
        switch action {
        case .addNote:
            if (body["note"]?.stringValue ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                errors["note"] = "Note can not be empty."
            }
        case .escalate:
            let escalation = body["escalation"]?.objectValue
            if (escalation?["id"]?.stringValue ?? escalation?["name"]?.stringValue ?? "").isEmpty {
                errors["escalation"] = "Escalation id or name must be given."
            }
        case .acknowledge, .close:
            break
        }
        return errors
    }

    private static func checkString(
        _ body: [String: FakeJSON], _ key: String, _ label: String, limit: Int, into errors: inout [String: String]
    ) {
        guard let value = body[key] else { return }
        guard let text = value.stringValue else {
            errors[key] = "\(label) must be a string."
            return
        }
        if text.utf16.count > limit { errors[key] = "\(label) can not be longer than \(limit) characters." }
    }

    private static func checkStrings(
        _ body: [String: FakeJSON], _ key: String, _ label: String, count: Int, each: Int,
        into errors: inout [String: String]
    ) {
        guard let value = body[key] else { return }
        guard let items = value.arrayValue, items.allSatisfy({ $0.stringValue != nil }) else {
            errors[key] = "\(label) must be a list of strings."
            return
        }
        if items.count > count {
            errors[key] = "\(label) can not be more than \(count)."
        } else if items.contains(where: { ($0.stringValue ?? "").utf16.count > each }) {
            errors[key] = "\(label) can not be longer than \(each) characters each."
        }
    }

    private static func checkResponders(_ body: [String: FakeJSON], _ key: String, into errors: inout [String: String])
    {
        guard let value = body[key] else { return }
        guard let items = value.arrayValue else {
            errors[key] = "Responders must be a list."
            return
        }
        for item in items {
            let type = item["type"]?.stringValue ?? ""
            guard responderTypes.contains(type) else {
                errors["\(key)#type"] = "Invalid responder type '\(type)'"
                return
            }
            let identifier = type == "user" ? item["username"]?.stringValue : item["name"]?.stringValue
            if (item["id"]?.stringValue ?? identifier ?? "").isEmpty {
                errors[key] =
                    type == "user"
                    ? "User responder must have an id or a username." : "Responder must have an id or a name."
                return
            }
        }
    }
}
