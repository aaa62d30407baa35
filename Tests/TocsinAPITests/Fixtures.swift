import Foundation
import KubeCore
import TocsinAPI

/// Valid objects that the invalid-spec tables break one field at a time.
enum Fixtures {
    static let examplesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().appendingPathComponent("../../crds/examples").standardizedFileURL

    static func time(_ text: String) -> Timestamp {
        Timestamp(rfc3339: text) ?? Timestamp(Date(timeIntervalSince1970: 0))
    }

    static let slack = SlackReceiver(channel: "#alerts", tokenSecretRef: SecretKeySelector(name: "tocsin-slack", key: "bot-token"))

    static let alertRule = AlertRule(
        metadata: ObjectMeta(name: "crash", namespace: "shop"),
        spec: AlertRuleSpec(
            monitorRef: LocalObjectReference(name: "production"), severity: .high,
            condition: AlertCondition(.podCrashLooping(PodCrashLoopingCondition())),
            routes: [Route(slack: slack)]
        )
    )

    static let monitor = Monitor(
        metadata: ObjectMeta(name: "production", namespace: "shop"),
        spec: MonitorSpec(probes: [HTTPProbe(name: "api", url: "https://api.example.com/healthz")])
    )

    static let schedule = OnCallSchedule(
        metadata: ObjectMeta(name: "sre", namespace: "shop"),
        spec: OnCallScheduleSpec(
            timeZone: "Europe/Amsterdam",
            rotations: [
                Rotation(
                    name: "primary", participants: [Participant(name: "alice"), Participant(name: "bob")],
                    shiftLength: .weeks(1), handoffTime: "09:00", start: time("2024-01-01T09:00:00+01:00")
                )
            ]
        )
    )

    static let incident = Incident(
        metadata: ObjectMeta(name: "crash-1", namespace: "shop"),
        spec: IncidentSpec(alertRuleRef: LocalObjectReference(name: "crash"), fingerprint: "abc123"),
        status: IncidentStatus(phase: .firing, severity: .high, startTime: time("2024-03-12T10:15:00Z"))
    )
}
