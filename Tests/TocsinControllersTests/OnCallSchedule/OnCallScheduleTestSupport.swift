import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import Logging
import Synchronization
import TocsinAPI
import TocsinTesting

/// The OnCallSchedule custom resource as its CRD declares it.
let onCallScheduleResource = FakeAPIServer.Resource(
    group: "tocsin.dev", version: "v1alpha1", plural: "oncallschedules", kind: "OnCallSchedule", isNamespaced: true,
    hasStatusSubresource: true, isCustomResource: true)

/// A fake API server with the OnCallSchedule resource registered, a client, and an event recorder running for
/// the duration of `body` (finished and drained before the server shuts down).
func withOnCallCluster(_ body: (FakeAPIServer, KubernetesClient, EventRecorder) async throws -> Void) async throws {
    try await withControllerCluster(
        resources: [onCallScheduleResource], now: { onCallEpoch }, eventLogger: quietLogger("test.oncall.events"), body)
}

/// Monday 2026-07-06 10:00 in Europe/Amsterdam (08:00Z).
let onCallEpoch = Date(timeIntervalSince1970: 1_783_324_800)

/// A wall clock the test moves.
final class TestWallClock: Sendable {
    private let current: Mutex<Date>

    init(_ date: Date) {
        current = Mutex(date)
    }

    var now: Date { current.withLock { $0 } }

    func set(_ date: Date) {
        current.withLock { $0 = date }
    }
}

/// Parses an RFC 3339 instant written in a test.
func instant(_ text: String) -> Date {
    Timestamp(rfc3339: text)?.date ?? .distantPast
}

/// The schedule of the tests, in Europe/Amsterdam with precedence layering:
/// - "primary": ana and ben daily at 09:00 from 2026-07-01 (ben on 07-06, ana on 07-07), weekdays only;
/// - "business": cem on weekdays 09:00–17:00;
/// - an override: dan 20:00–22:00 on Monday 07-06.
func onCallSpec(shiftLength: KubeDuration = .days(1)) -> OnCallScheduleSpec {
    let start = Timestamp(instant("2026-07-01T07:00:00Z"))
    return OnCallScheduleSpec(
        timeZone: "Europe/Amsterdam",
        rotations: [
            Rotation(
                name: "primary",
                participants: [
                    Participant(name: "ana", slackUserID: "U0ANA00001", opsgenieUser: "ana@example.com"),
                    Participant(name: "ben", slackUserID: "U0BEN00001"),
                ],
                shiftLength: shiftLength, handoffTime: "09:00", start: start,
                restrictions: [TimeWindow(
                    daysOfWeek: [.monday, .tuesday, .wednesday, .thursday, .friday], startTime: "00:00", endTime: "24:00")]),
            Rotation(
                name: "business", participants: [Participant(name: "cem", slackUserID: "U0CEM00001")],
                shiftLength: .days(1), handoffTime: "09:00", start: start,
                restrictions: [TimeWindow(
                    daysOfWeek: [.monday, .tuesday, .wednesday, .thursday, .friday], startTime: "09:00", endTime: "17:00")]),
        ],
        overrides: [
            ScheduleOverride(
                start: Timestamp(instant("2026-07-06T18:00:00Z")), end: Timestamp(instant("2026-07-06T20:00:00Z")),
                participant: Participant(name: "dan", opsgenieUser: "dan@example.com"), reason: "swap with ben")
        ])
}

/// The schedule `name` in `default` as the API server stores it.
func onCallScheduleJSON(_ name: String, spec: OnCallScheduleSpec = onCallSpec()) throws -> FakeJSON {
    let schedule = OnCallSchedule(metadata: ObjectMeta(name: name, namespace: "default"), spec: spec)
    return try FakeJSON(jsonData: try JSONEncoder().encode(schedule))
}

/// Polls `condition` up to `attempts` times, 20 ms apart (for writes made by another task over HTTP).
func pollOnCall(attempts: Int = 250, _ condition: () -> Bool) async throws -> Bool {
    for _ in 0..<attempts {
        if condition() { return true }
        try await Task.sleep(for: .milliseconds(20))
    }
    return condition()
}
