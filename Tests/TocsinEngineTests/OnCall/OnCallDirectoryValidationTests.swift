import Foundation
import KubeCore
import Testing
import TocsinAPI
import TocsinEngine

/// The engine uses only the schedules and overrides their reconcilers accept.
@Suite("On-call directory: refused schedules page nobody")
struct OnCallDirectoryValidationTests {
    static func schedule(_ name: String, rotation: String) -> OnCallSchedule {
        OnCallSchedule(
            metadata: ObjectMeta(name: name, namespace: "shop"),
            spec: OnCallScheduleSpec(
                timeZone: "Europe/Amsterdam",
                rotations: [Rotation(
                    name: rotation, participants: [Participant(name: "alice", slackUserID: "U0123456789")],
                    shiftLength: .weeks(1), handoffTime: "09:00",
                    start: Timestamp(Date(timeIntervalSince1970: 1_700_000_000)))]))
    }

    @Test func aScheduleThatFailsValidationIsLeftOut() {
        let valid = Self.schedule("primary", rotation: "weekly")
        // Maps to a plan, but its reconciler refuses it (Ready=False InvalidSpec): a rotation name is a DNS label.
        let refused = Self.schedule("secondary", rotation: "Weekly Rotation")
        #expect(valid.withDefaults().validate().isEmpty)
        #expect(!refused.withDefaults().validate().isEmpty)

        let directory = OnCallDirectory(schedules: [valid, refused])
        #expect(directory.scheduleNames == ["primary"])
        let instant = Date(timeIntervalSince1970: 1_790_000_000)
        #expect(directory.page(schedule: "primary", at: instant, level: 0).map(\.name) == ["alice"])
        #expect(directory.page(schedule: "secondary", at: instant, level: 0).isEmpty)
    }
}
