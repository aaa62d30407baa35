import Foundation
import KubeCore
import TocsinAPI
import TocsinNotifiers

extension SlackEndpoints {
    /// `/tocsin override <schedule> <duration>`: creates an OnCallOverride that puts the Slack user on call on the
    /// schedule from now for `duration` (1m to 90d) — a swap outside git that a GitOps sync never wipes. The schedule is
    /// `namespace/name` or a name unique among the visible namespaces.
    /// - Throws: the client's errors other than a refused create (which is answered).
    func takeOnCall(schedule reference: String, duration text: String, for command: SlackSlashCommand) async throws
        -> String
    {
        let quoted = SlackText.escapedTruncated(reference, limit: 100)
        guard let duration = try? KubeDuration(parsing: text), duration >= .minutes(1),
            duration <= OnCallOverride.maximumLength
        else {
            return "“\(SlackText.escapedTruncated(text, limit: 20))” is not a duration from 1m to 90d (e.g. `4h`, `2d`)."
        }
        let matches = try await directory.schedules().filter { schedule in
            guard let name = schedule.metadata.name else { return false }
            return reference.contains("/") ? "\(schedule.metadata.namespace ?? "")/\(name)" == reference : name == reference
        }
        guard let schedule = matches.first, let namespace = schedule.metadata.namespace,
            let scheduleName = schedule.metadata.name
        else { return "No on-call schedule `\(quoted)` found." }
        guard matches.count == 1 else {
            return "Several schedules are named `\(quoted)`: name one as `namespace/name`."
        }
        let person = command.userName.flatMap { $0.isEmpty ? nil : $0 } ?? command.userID
        let start = Timestamp(now())
        let end = Timestamp(start.date.addingTimeInterval(duration.timeInterval))
        let override = OnCallOverride(
            metadata: ObjectMeta(
                name: OnCallOverride.defaultName(schedule: scheduleName, participant: person, start: start),
                namespace: namespace),
            spec: OnCallOverrideSpec(
                scheduleRef: LocalObjectReference(name: scheduleName), start: start, end: end,
                participant: Participant(name: person, slackUserID: command.userID),
                reason: "taken in Slack by \(command.actor)"))
        if let problem = override.validate().first {
            return "Tocsin cannot create that override: \(SlackText.escapedTruncated(problem.description, limit: 300))"
        }
        do {
            try await directory.create(override)
        } catch let error as KubeAPIError where error.isAlreadyExists || error.isForbidden || error.isInvalid {
            return "Tocsin cannot create that override: \(SlackText.escapedTruncated(error.message ?? "\(error)", limit: 300))"
        }
        return "<@\(command.userID)> is on call for `\(SlackText.escaped(namespace))/\(SlackText.escaped(scheduleName))` "
            + "until <!date^\(Int(end.date.timeIntervalSince1970))^{date_short_pretty} {time}|\(end)> "
            + "(OnCallOverride `\(SlackText.escaped(override.metadata.name ?? ""))`)."
    }
}
