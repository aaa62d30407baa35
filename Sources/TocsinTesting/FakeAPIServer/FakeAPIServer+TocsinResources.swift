extension FakeAPIServer.Resource {
    /// Tocsin's custom resources (`tocsin.dev/v1alpha1`, namespaced, with a status subresource), to ``FakeAPIServer/register(_:)``
    /// before creating any: monitors, alertrules, oncallschedules, incidents, oncalloverrides.
    public static let tocsinResources: [FakeAPIServer.Resource] = [
        ("monitors", "Monitor"), ("alertrules", "AlertRule"), ("oncallschedules", "OnCallSchedule"),
        ("incidents", "Incident"), ("oncalloverrides", "OnCallOverride"),
    ].map {
        FakeAPIServer.Resource(
            group: "tocsin.dev", version: "v1alpha1", plural: $0.0, kind: $0.1, isNamespaced: true,
            hasStatusSubresource: true, isCustomResource: true)
    }

    /// The Tocsin resource named `plural` (e.g. `incidents`).
    public static func tocsin(_ plural: String) -> FakeAPIServer.Resource {
        tocsinResources.first { $0.plural == plural }
            ?? FakeAPIServer.Resource(
                group: "tocsin.dev", version: "v1alpha1", plural: plural, kind: plural, isNamespaced: true,
                hasStatusSubresource: true, isCustomResource: true)
    }
}
