import ArgumentParser
import Foundation
import KubeClient
import KubeCore
import TocsinAPI

/// `tocsin oncall override SCHEDULE --participant NAME --start T --end T`: creates an OnCallOverride in the
/// cluster — a swap that lives outside git, so a GitOps sync of the schedule never wipes it.
struct OnCallOverrideCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "override",
        abstract: "Create an OnCallOverride: someone else is on call on a schedule for a while (outside git).",
        discussion: """
            The override wins over the schedule's own spec.overrides where they overlap; among OnCallOverrides \
            the later start wins. The operator deletes it 7 days after it ends. --end is RFC 3339 or a duration \
            after --start (8h, 1d). With --dry-run the object is printed as YAML and nothing is created.
            """)

    @Argument(help: "The OnCallSchedule (metadata.name) in the namespace.")
    var schedule: String

    @Option(help: "Who is on call instead (a participant name).")
    var participant: String

    @Option(name: .customLong("slack-user-id"), help: "The participant's Slack user ID (U…).")
    var slackUserID: String?

    @Option(name: .customLong("opsgenie-user"), help: "The participant's Opsgenie username (an e-mail address).")
    var opsgenieUser: String?

    @Option(help: "When the override begins: RFC 3339 (2026-03-29T20:00:00+01:00) or \"now\".")
    var start: String

    @Option(help: "When it ends: RFC 3339, or a duration after --start (12h, 1d); at most 90 days after --start.")
    var end: String

    @Option(help: "The rotation whose participant is replaced (default: the whole schedule's result).")
    var rotation: String?

    @Option(help: "Why, for the record (e.g. \"swap with bob\").")
    var reason: String?

    @Option(help: "The object's name (default: SCHEDULE-PARTICIPANT-YYYYMMDD-HHMM of the start in UTC).")
    var name: String?

    @Option(name: .shortAndLong, help: "Namespace (default: the context's).")
    var namespace: String?

    @Flag(help: "Print the OnCallOverride as YAML instead of creating it.")
    var dryRun = false

    @OptionGroup var cluster: ClusterOptions

    func validate() throws {
        _ = try makeOverride(now: Date(), namespace: namespace)
    }

    func run() async throws {
        let override = try makeOverride(now: Date(), namespace: dryRun ? namespace : nil)
        if dryRun {
            print(try override.yaml(), terminator: "")
            return
        }
        let created = try await withClient(cluster) { client in
            var object = override
            object.metadata.namespace = namespace ?? client.configuration.namespace
            return try await client.create(object)
        }
        print("oncalloverride/\(created.metadata.name ?? "") created in \(created.metadata.namespace ?? "")")
    }

    /// The override the flags describe, validated.
    /// - Throws: `ValidationError` naming the flag or field that is wrong.
    func makeOverride(now: Date, namespace: String?) throws -> OnCallOverride {
        let startTime: Timestamp
        if start == "now" {
            startTime = Timestamp(now)
        } else if let parsed = Timestamp(rfc3339: start) {
            startTime = parsed
        } else {
            throw ValidationError("--start \"\(start)\" is not a time: write RFC 3339 (2026-03-29T20:00:00+01:00) or now")
        }
        let endTime: Timestamp
        if let parsed = Timestamp(rfc3339: end) {
            endTime = parsed
        } else if let length = try? KubeDuration(parsing: end) {
            endTime = Timestamp(startTime.date.addingTimeInterval(TimeInterval(length.milliseconds) / 1_000))
        } else {
            throw ValidationError("--end \"\(end)\" is neither RFC 3339 nor a duration such as 12h or 1d")
        }
        let override = OnCallOverride(
            metadata: ObjectMeta(
                name: name ?? OnCallOverride.defaultName(schedule: schedule, participant: participant, start: startTime),
                namespace: namespace),
            spec: OnCallOverrideSpec(
                scheduleRef: LocalObjectReference(name: schedule), start: startTime, end: endTime,
                participant: Participant(name: participant, slackUserID: slackUserID, opsgenieUser: opsgenieUser),
                rotation: rotation, reason: reason))
        let problems = override.validate()
        guard problems.isEmpty else {
            throw ValidationError(problems.map(\.description).joined(separator: "\n"))
        }
        return override
    }
}
