import Foundation
import KubeCore
import Testing
import TocsinAPI
@testable import TocsinControllers

@Suite("ProbeTarget")
struct ProbeTargetTests {
    @Test func targetsOfMonitorApplyDefaults() {
        let monitor = Monitor(
            metadata: ObjectMeta(name: "web", namespace: "shop"),
            spec: MonitorSpec(probes: [
                HTTPProbe(name: "home", url: "https://shop.example.com/"),
                HTTPProbe(
                    name: "api", url: "http://api:8080/healthz", method: .head, interval: .minutes(1),
                    timeout: .seconds(2), expectedStatus: [200, 204], bodyContains: "ok", tlsInsecureSkipVerify: true),
            ]))
        let targets = ProbeTarget.targets(of: monitor)
        #expect(targets == [
            ProbeTarget(
                id: .init(namespace: "shop", monitor: "web", probe: "home"), url: "https://shop.example.com/",
                method: .get, interval: .seconds(30), timeout: .seconds(5), expectedStatus: [200],
                bodyContains: nil, tlsInsecureSkipVerify: false),
            ProbeTarget(
                id: .init(namespace: "shop", monitor: "web", probe: "api"), url: "http://api:8080/healthz",
                method: .head, interval: .seconds(60), timeout: .seconds(2), expectedStatus: [200, 204],
                bodyContains: "ok", tlsInsecureSkipVerify: true),
        ])
    }

    @Test func monitorWithoutProbesHasNoTargets() {
        #expect(ProbeTarget.targets(of: Monitor(metadata: ObjectMeta(name: "web", namespace: "shop"))).isEmpty)
    }

    @Test func timeoutIsAtMostTheInterval() {
        let target = ProbeTarget(
            id: .init(namespace: "a", monitor: "b", probe: "c"), url: "http://x/", interval: .seconds(5),
            timeout: .seconds(9))
        #expect(target.timeout == .seconds(5))
    }

    @Test func firstCheckOffsetsAreStableSpreadAndWithinTheInterval() {
        let targets = (0..<100).map { index in
            ProbeTarget(id: .init(namespace: "default", monitor: "web", probe: "p\(index)"), url: "http://x/")
        }
        let offsets = targets.map(\.firstCheckOffset)
        #expect(offsets.allSatisfy { $0 >= .zero && $0 < .seconds(30) })
        #expect(Set(offsets).count >= 95)
        #expect(targets.map(\.firstCheckOffset) == offsets)
        // Spread: each third of the interval holds some of them.
        for third in 0..<3 {
            let low = Duration.seconds(10 * third)
            #expect(offsets.contains { $0 >= low && $0 < low + .seconds(10) })
        }
    }

    @Test func stableHashIsFNV1a() {
        #expect(ProbeTarget.stableHash("") == 0xcbf2_9ce4_8422_2325)
        #expect(ProbeTarget.stableHash("a") == 0xaf63_dc4c_8601_ec8c)
    }

    @Test(arguments: [
        ("https://user:secret@example.com:8443/health?token=abc#top", "https://example.com:8443/health"),
        ("http://127.0.0.1:8080/", "http://127.0.0.1:8080/"),
        ("http://example.com/path?q=1", "http://example.com/path"),
    ])
    func redactedURLDropsUserInfoQueryAndFragment(url: String, expected: String) {
        let target = ProbeTarget(id: .init(namespace: "a", monitor: "b", probe: "c"), url: url)
        #expect(target.redactedURL == expected)
    }

    @Test(arguments: [
        ([200], nil as String?, 200, nil as String?, nil as String?),
        ([200], nil, 500, nil, "status 500, expected 200"),
        ([200, 204], nil, 404, nil, "status 404, expected one of 200, 204"),
        ([204], nil, 204, nil, nil),
        ([200], "ready", 200, "all ready here", nil),
        ([200], "ready", 200, "starting", "body does not contain \"ready\" in its first 64 KiB"),
        ([200], "ready", 200, nil, "body does not contain \"ready\" in its first 64 KiB"),
        ([200], "ready", 503, "ready", "status 503, expected 200"),
    ])
    func failureReason(expected: [Int], bodyContains: String?, status: Int, body: String?, reason: String?) {
        let target = ProbeTarget(
            id: .init(namespace: "a", monitor: "b", probe: "c"), url: "http://x/", expectedStatus: expected,
            bodyContains: bodyContains)
        #expect(target.failureReason(statusCode: status, body: body) == reason)
    }
}
