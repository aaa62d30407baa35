import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import Logging
import Testing
import TocsinAPI
import TocsinControllers
import TocsinTesting

@Suite("The AlertRule controller wired to shared informers")
struct AlertRuleControllerTests {
    typealias Fixtures = AlertRuleFixtures

    func reason(_ server: FakeAPIServer) -> FakeJSON? {
        let conditions = server.object(Fixtures.alertRules, name: "web-down")?[path: ["status", "conditions"]]
        return conditions?.arrayValue?.first?["reason"]
    }

    @Test func referencesAppearingLaterMakeTheRuleReady() async throws {
        try await withAlertRuleCluster { server, client, events, logs in
            let informers = SharedInformers(client: client, logger: logs.logger("test.alertrule.informers"))
            let (controller, subscriptions) = Controller.alertRules(
                client: client, informers: informers, events: events, logger: logs.logger("test.alertrule"),
                now: { Fixtures.epoch })
            #expect(controller.name == "alertrule")
            try Fixtures.createReferences(in: server, except: ["web", "slack"])
            try server.create(.secrets, Fixtures.secret("slack", keys: ["other"]))
            try server.create(Fixtures.alertRules, Fixtures.rule())

            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await informers.run() }
                group.addTask { try await controller.run() }
                try await subscriptions.waitUntilSynced()

                #expect(try await pollOnCall { reason(server) == "MonitorNotFound" })
                try server.create(Fixtures.monitors, Fixtures.monitor())
                #expect(try await pollOnCall { reason(server) == "SecretKeyNotFound" })
                var secret = try #require(server.object(.secrets, name: "slack"))
                secret["data"] = Fixtures.secret("slack", keys: ["other", "token"])["data"]
                try server.update(.secrets, secret)
                #expect(try await pollOnCall { reason(server) == "Resolved" })
                #expect(subscriptions.hasSynced)
                #expect(subscriptions.secrets.store.object(named: "slack", in: "default")?.keys == ["other", "token"])
                group.cancelAll()
            }
        }
    }
}
