import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import TocsinAPI
import TocsinTesting

/// The OnCallOverride custom resource as its CRD declares it.
let onCallOverrideResource = FakeAPIServer.Resource(
    group: "tocsin.dev", version: "v1alpha1", plural: "oncalloverrides", kind: "OnCallOverride", isNamespaced: true,
    hasStatusSubresource: true, isCustomResource: true)

/// A fake API server with the OnCallSchedule and OnCallOverride resources, a client and a running event recorder.
func withOverrideCluster(_ body: (FakeAPIServer, KubernetesClient, EventRecorder) async throws -> Void) async throws {
    try await withControllerCluster(
        resources: [onCallScheduleResource, onCallOverrideResource], now: { onCallEpoch },
        eventLogger: quietLogger("test.oncalloverride.events"), body)
}

/// The override `name` in `default`: `participant` on `schedule` from `start` to `end`.
func onCallOverride(
    _ name: String, _ participant: String = "eve", schedule: String = "platform", from start: String,
    to end: String
) -> OnCallOverride {
    OnCallOverride(
        metadata: ObjectMeta(name: name, namespace: "default"),
        spec: OnCallOverrideSpec(
            scheduleRef: LocalObjectReference(name: schedule), start: Timestamp(instant(start)),
            end: Timestamp(instant(end)), participant: Participant(name: participant, slackUserID: "U0EVE00001"),
            reason: "swap"))
}

/// An override as the API server stores it.
func onCallOverrideJSON(_ override: OnCallOverride) throws -> FakeJSON {
    try FakeJSON(jsonData: try JSONEncoder().encode(override))
}
