import KubeCore

/// The Tocsin API group and version, and what every Tocsin kind offers.
public protocol TocsinResource: KubeResource, Hashable {
    /// Short names for `kubectl get` (the CRD's `names.shortNames`).
    static var shortNames: [String] { get }
    /// Every problem of the object, each with its field path; empty when valid.
    func validate() -> [ValidationError]
    /// The object with every unset field that has a default filled in.
    func withDefaults() -> Self
}

extension ResourceType {
    /// The API group of Tocsin's resources.
    public static let tocsinGroup = "tocsin.dev"
    /// The API version of Tocsin's resources.
    public static let tocsinVersion = "v1alpha1"

    /// `tocsin.dev/v1alpha1` monitors.
    public static let monitors = ResourceType(
        group: tocsinGroup, version: tocsinVersion, plural: "monitors", kind: "Monitor", isNamespaced: true
    )
    /// `tocsin.dev/v1alpha1` alert rules.
    public static let alertRules = ResourceType(
        group: tocsinGroup, version: tocsinVersion, plural: "alertrules", kind: "AlertRule", isNamespaced: true
    )
    /// `tocsin.dev/v1alpha1` on-call schedules.
    public static let onCallSchedules = ResourceType(
        group: tocsinGroup, version: tocsinVersion, plural: "oncallschedules", kind: "OnCallSchedule", isNamespaced: true
    )
    /// `tocsin.dev/v1alpha1` on-call overrides.
    public static let onCallOverrides = ResourceType(
        group: tocsinGroup, version: tocsinVersion, plural: "oncalloverrides", kind: "OnCallOverride", isNamespaced: true
    )
    /// `tocsin.dev/v1alpha1` incidents.
    public static let incidents = ResourceType(
        group: tocsinGroup, version: tocsinVersion, plural: "incidents", kind: "Incident", isNamespaced: true
    )
}
