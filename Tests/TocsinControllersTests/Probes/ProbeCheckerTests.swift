import TocsinEngine
import Foundation
import Testing
import TocsinAPI
@testable import TocsinControllers

@Suite("ProbeChecker")
struct ProbeCheckerTests {
    private func check(_ makeTarget: @Sendable (ProbeTestServer) -> ProbeTarget) async throws
        -> (ProbeOutcome, ProbeServerRecorder, String)
    {
        try await withProbeServer { server in
            let checker = ProbeChecker()
            let outcome = await checker.check(makeTarget(server))
            try await checker.shutdown()
            return (outcome, server.recorder, server.baseURL)
        }
    }

    @Test func upWith200() async throws {
        let (outcome, _, _) = try await check { $0.target("ok", path: "/ok") }
        #expect(outcome.isUp)
        #expect(outcome.statusCode == 200)
        #expect(outcome.error == nil)
    }

    @Test func expectedStatusListAccepts204() async throws {
        let (outcome, _, _) = try await check { $0.target("nc", path: "/no-content", expectedStatus: [200, 204]) }
        #expect(outcome.isUp)
        #expect(outcome.statusCode == 204)
    }

    @Test func status500IsDown() async throws {
        let (outcome, _, base) = try await check { server in
            server.recorder.setStatusCode(500)
            return server.target("st", path: "/status", expectedStatus: [200, 204])
        }
        #expect(!outcome.isUp)
        #expect(outcome.statusCode == 500)
        #expect(outcome.error == "GET \(base)/status: status 500, expected one of 200, 204")
    }

    @Test func bodyContainsPresent() async throws {
        let (outcome, _, _) = try await check { $0.target("b", path: "/ok", bodyContains: "ok") }
        #expect(outcome.isUp)
    }

    @Test func bodyContainsAbsent() async throws {
        let (outcome, _, base) = try await check { $0.target("b", path: "/ok", bodyContains: "healthy") }
        #expect(!outcome.isUp)
        #expect(outcome.statusCode == 200)
        #expect(outcome.error == "GET \(base)/ok: body does not contain \"healthy\" in its first 64 KiB")
    }

    @Test func timeoutIsDown() async throws {
        let (outcome, _, base) = try await check { $0.target("slow", path: "/slow", timeout: .milliseconds(100)) }
        #expect(!outcome.isUp)
        #expect(outcome.statusCode == nil)
        #expect(outcome.error == "GET \(base)/slow: timed out after 0.1 seconds")
    }

    @Test func timeoutCoversTheBody() async throws {
        let (outcome, _, base) = try await check {
            $0.target("slow-body", path: "/slow-body", timeout: .milliseconds(200), bodyContains: "ready")
        }
        #expect(!outcome.isUp)
        #expect(outcome.statusCode == nil)
        // Far below the 4 s the body takes to arrive, with room for a loaded machine.
        #expect(outcome.latency < .milliseconds(3500))
        #expect(outcome.error == "GET \(base)/slow-body: timed out after 0.2 seconds")
    }

    @Test func connectionRefusedIsDown() async throws {
        // Port 1 on loopback: nothing listens there.
        let target = ProbeTarget(
            id: .init(namespace: "default", monitor: "web", probe: "closed"), url: "http://127.0.0.1:1/",
            timeout: .milliseconds(500))
        let checker = ProbeChecker()
        let outcome = await checker.check(target)
        try await checker.shutdown()
        #expect(!outcome.isUp)
        #expect(outcome.statusCode == nil)
        #expect(outcome.error == "GET http://127.0.0.1:1/: connection refused")
    }

    @Test func headSendsHead() async throws {
        let (outcome, recorder, _) = try await check { $0.target("h", path: "/method", method: .head) }
        #expect(outcome.isUp)
        #expect(recorder.methods == ["HEAD"])
    }

    @Test func redirectIsNotFollowed() async throws {
        let (outcome, _, base) = try await check { $0.target("r", path: "/redirect") }
        #expect(outcome.statusCode == 302)
        #expect(outcome.error == "GET \(base)/redirect: status 302, expected 200")
    }

    @Test func redirectCountsWhenExpected() async throws {
        let (outcome, _, _) = try await check { $0.target("r", path: "/redirect", expectedStatus: [302]) }
        #expect(outcome.isUp)
    }
}
