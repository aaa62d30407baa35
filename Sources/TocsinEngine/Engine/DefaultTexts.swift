import TocsinAPI

/// The summaries used when an AlertRule sets none (templates, like the users' own).
public enum DefaultTexts {
    /// The default summary template of `type`.
    public static func summary(for type: AlertConditionType) -> String {
        switch type {
        case .podCrashLooping: "{{ .subject }} is crash looping"
        case .containerWaiting: "{{ .subject }} has containers stuck waiting"
        case .containerOOMKilled: "{{ .subject }} was OOMKilled"
        case .podFailed: "{{ .subject }} has failed pods"
        case .podNotReady: "{{ .subject }} has pods that are not ready"
        case .podPending: "{{ .subject }} has pods stuck pending"
        case .podRestarts: "{{ .subject }} restarted {{ .value }} times"
        case .nodeNotReady: "Node {{ .subject }} is not ready"
        case .nodePressure: "Node {{ .subject }} reports {{ .labels.reason }}"
        case .nodeUnschedulable: "Node {{ .subject }} is cordoned"
        case .warningEvent: "{{ .value }} warning events in {{ .subject }}"
        case .workloadPodsNotReady: "{{ printf \"%.0f\" .value }}% of the pods of {{ .subject }} are not ready"
        case .probeDown: "Probe {{ .subject }} is down"
        case .probeSlow: "Probe {{ .subject }} is slow"
        case .field: "{{ .subject }} matches {{ .rule }}"
        case .onCallGap: "Nobody on call in schedule {{ .labels.schedule }}"
        }
    }
}
