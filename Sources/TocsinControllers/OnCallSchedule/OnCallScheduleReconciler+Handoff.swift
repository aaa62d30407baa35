import Foundation
import KubeClient
import KubeCore
import TocsinAPI
import TocsinEngine
import TocsinNotifiers

/// What announces handoffs of OnCallSchedules that declare `spec.notifications.slack`: the Slack client, and the
/// Kubernetes client the bot token's Secret is read with (on each announcement; the token is kept nowhere).
public struct HandoffNotifier: Sendable {
    /// Posts the messages and updates the user groups.
    public let slack: SlackClient
    /// Reads the Secret named by `tokenSecretRef`, in the schedule's namespace.
    public let client: KubernetesClient

    /// Creates a notifier.
    public init(slack: SlackClient, client: KubernetesClient) {
        self.slack = slack
        self.client = client
    }

    /// The trimmed value of `selector` in `namespace`.
    /// - Throws: ``HandoffNotificationError`` when the Secret or key is missing or empty, or could not be read.
    func token(_ selector: SecretKeySelector, namespace: String) async throws(HandoffNotificationError) -> String {
        let secret: Secret
        do {
            secret = try await client.get(Secret.self, name: selector.name, namespace: namespace)
        } catch let error as KubeAPIError where error.isNotFound {
            throw HandoffNotificationError("Secret \(namespace)/\(selector.name) not found: create it with key \(selector.key)")
        } catch {
            throw HandoffNotificationError(
                "could not read Secret \(namespace)/\(selector.name): \(SecretValueCache.describe(error))")
        }
        let value = secret.data?[selector.key].map { String(decoding: $0, as: UTF8.self) }
        guard let value = value?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
            throw HandoffNotificationError("key \(selector.key) of Secret \(namespace)/\(selector.name) is missing or empty")
        }
        return value
    }
}

/// A handoff could not be announced (Slack refused or failed, or the token could not be read): retryable, the
/// reconcile runs again with its backoff. Never holds a credential.
public struct HandoffNotificationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What failed and what to do.
    public var message: String
    /// Slack's error code when Slack answered, e.g. `notFound` for `channel_not_found`.
    public var code: DeliveryError.Code?

    /// Creates an error.
    public init(_ message: String, code: DeliveryError.Code? = nil) {
        self.message = message
        self.code = code
    }

    /// ``message``.
    public var description: String { message }
}

extension OnCallScheduleReconciler {
    /// The outcome of announcing: the `status.lastHandoff` to write (`nil`: leave it), and the error to throw after
    /// writing it.
    struct HandoffOutcome {
        var record: HandoffRecord?
        var failure: HandoffNotificationError?
    }

    /// Announces the stretch of on-call running now when `status.lastHandoff` does not show it announced yet:
    /// one message to the channel, then the user group set to the Slack users on call. Each step is recorded on
    /// success, so a retry repeats only what failed.
    func announceHandoff(
        of schedule: OnCallSchedule, timeline: OnCallTimeline, spec: OnCallScheduleSpec, at instant: Date
    ) async -> HandoffOutcome {
        guard let handoffNotifier, let slack = spec.notifications?.slack, let namespace = schedule.metadata.namespace,
            let current = timeline.current
        else { return HandoffOutcome() }
        var record = HandoffRecord(time: Timestamp(current.start), participants: current.participants)
        if let last = schedule.status?.lastHandoff, last.participants == current.participants,
            abs(last.time.date.timeIntervalSince(current.start)) < 0.001
        {
            record = last
        }
        let userIDs = Self.slackUserIDs(of: current, in: spec)
        let needsMessage = slack.postsOnChange && record.notifiedTime == nil
        let needsUserGroup = slack.userGroupID != nil && record.userGroupSynced != true && !userIDs.isEmpty
        let skipped = slack.userGroupID.flatMap { group in
            userIDs.isEmpty
                ? "user group \(group) left unchanged: nobody on call has a slackUserID (Slack requires at least one member)"
                : nil
        }
        guard needsMessage || needsUserGroup else {
            if let skipped {
                record.userGroupSynced = false
                record.error = skipped
            }
            return HandoffOutcome(record: record)
        }
        let token: String
        do {
            token = try await handoffNotifier.token(slack.tokenSecretRef, namespace: namespace)
        } catch {
            record.error = error.message
            return HandoffOutcome(record: record, failure: error)
        }
        if needsMessage {
            let text = Self.handoffText(timeline: timeline, timeZone: spec.timeZone)
            do {
                _ = try await handoffNotifier.slack.postMessage(SlackMessage(text: text), channel: slack.channel, token: token)
                record.notifiedTime = Timestamp(instant)
                record.error = nil
            } catch {
                record.error = error.message
                return HandoffOutcome(record: record, failure: HandoffNotificationError(error.message, code: error.code))
            }
        }
        if needsUserGroup, let group = slack.userGroupID {
            do {
                try await handoffNotifier.slack.updateUserGroup(id: group, users: userIDs, token: token)
                record.userGroupSynced = true
                record.error = nil
            } catch {
                record.userGroupSynced = false
                record.error = error.message
                return HandoffOutcome(record: record, failure: HandoffNotificationError(error.message, code: error.code))
            }
        }
        if let skipped {
            record.userGroupSynced = false
            record.error = skipped
        }
        return HandoffOutcome(record: record)
    }

    /// How late a set-time summary may still be posted (after an outage or a restart): later it is old news.
    static let scheduledPostGrace: TimeInterval = 3_600

    /// The outcome of a set-time summary: the set time posted (`nil`: nothing posted), the error to throw after
    /// writing the status, and the next set time.
    struct ScheduledPostOutcome {
        var posted: Date?
        var failure: HandoffNotificationError?
        var next: Date?
    }

    /// Posts the on-call summary when a `postAt` time has passed (at most ``scheduledPostGrace`` ago) that
    /// `status.lastScheduledPost` does not show posted yet.
    func postScheduledSummary(
        of schedule: OnCallSchedule, timeline: OnCallTimeline, spec: OnCallScheduleSpec, at instant: Date
    ) async -> ScheduledPostOutcome {
        guard let handoffNotifier, let slack = spec.notifications?.slack, let postAt = slack.postAt,
            let namespace = schedule.metadata.namespace, let times = PostingTimes(postAt, timeZone: spec.timeZone)
        else { return ScheduledPostOutcome() }
        let next = times.next(after: instant)
        guard let due = times.latest(atOrBefore: instant), instant.timeIntervalSince(due) <= Self.scheduledPostGrace,
            (schedule.status?.lastScheduledPost?.date).map({ $0 < due }) ?? true
        else { return ScheduledPostOutcome(next: next) }
        let token: String
        do {
            token = try await handoffNotifier.token(slack.tokenSecretRef, namespace: namespace)
        } catch {
            return ScheduledPostOutcome(failure: error, next: next)
        }
        let text = Self.handoffText(timeline: timeline, timeZone: spec.timeZone)
        do {
            _ = try await handoffNotifier.slack.postMessage(SlackMessage(text: text), channel: slack.channel, token: token)
        } catch {
            return ScheduledPostOutcome(failure: HandoffNotificationError(error.message, code: error.code), next: next)
        }
        return ScheduledPostOutcome(posted: due, next: next)
    }

    /// `record` as a merge-patch value: the fields `old` had and `record` lacks are `null`, so that they are
    /// removed (a merge patch keeps the fields of a nested object it does not name).
    static func lastHandoffPatch(_ record: HandoffRecord, replacing old: HandoffRecord?) throws -> JSONValue {
        guard case .object(var members) = try JSONValue(encoding: record) else { return try JSONValue(encoding: record) }
        if let old, case .object(let previous) = try JSONValue(encoding: old) {
            for key in previous.keys where members[key] == nil { members[key] = .null }
        }
        return .object(members)
    }

    /// The Slack user IDs of those on call in `segment`, in order, each once.
    static func slackUserIDs(of segment: OnCallTimeline.Segment, in spec: OnCallScheduleSpec) -> [String] {
        var seen = Set<String>()
        return ContactDirectory(spec: spec).shifts(of: segment, in: spec).compactMap(\.slackUserID)
            .filter { seen.insert($0).inserted }
    }

    /// `On call now: ana, cem (until Mon 17:00 GMT+2); next: ben`, or `Nobody is on call now (until …)` in a gap;
    /// times in the schedule's zone (a weekday alone for a stretch shorter than six days, else with the date).
    static func handoffText(timeline: OnCallTimeline, timeZone: String) -> String {
        guard let current = timeline.current else { return "On-call schedule changed" }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: timeZone) ?? TimeZone(secondsFromGMT: 0)
        formatter.dateFormat =
            current.end.timeIntervalSince(current.start) < 6 * 86_400 ? "EEE HH:mm zzz" : "EEE d MMM HH:mm zzz"
        let until = formatter.string(from: current.end)
        var text =
            current.participants.isEmpty
            ? "Nobody is on call now (until \(until))"
            : "On call now: \(current.participants.joined(separator: ", ")) (until \(until))"
        if let next = timeline.upcoming.first {
            text += "; next: \(next.participants.joined(separator: ", "))"
        }
        return text
    }
}
