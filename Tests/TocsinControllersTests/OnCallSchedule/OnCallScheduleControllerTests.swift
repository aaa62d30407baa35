import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import Logging
import Testing
import TocsinAPI
import TocsinControllers
import TocsinTesting

@Suite("The OnCallSchedule controller wired to shared informers")
struct OnCallScheduleControllerTests {
    @Test func scheduleCreatedInTheClusterGetsItsStatus() async throws {
        try await withOnCallCluster { server, client, events in
            var logger = Logger(label: "test.oncall.informers")
            logger.logLevel = .critical
            let informers = SharedInformers(client: client, logger: logger)
            let (controller, subscription) = Controller.onCallSchedules(
                client: client, informers: informers, events: events, now: { onCallEpoch })
            #expect(controller.name == "oncallschedule")

            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await informers.run() }
                group.addTask { try await controller.run() }
                try server.create(onCallScheduleResource, try onCallScheduleJSON("platform"))

                let ready = try await pollOnCall {
                    server.object(onCallScheduleResource, name: "platform")?[path: ["status", "nextHandoff"]]
                        == "2026-07-06T15:00:00Z"
                }
                group.cancelAll()
                #expect(ready)
                #expect(subscription.hasSynced)
            }
            let status = try #require(server.object(onCallScheduleResource, name: "platform")?["status"])
            #expect(status[path: ["onCallNow"]]?.arrayValue?.first?["participant"] == "cem")
            #expect(status["conditions"]?.arrayValue?.first?["reason"] == "Computed")
        }
    }
}
