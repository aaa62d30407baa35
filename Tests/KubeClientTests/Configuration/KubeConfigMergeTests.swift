import Foundation
import Testing

@testable import KubeClient

@Suite("KUBECONFIG merging")
struct KubeConfigMergeTests {
    let first = ConfigFixtures.path("config/merge-first.yaml")
    let second = ConfigFixtures.path("config/merge-second.yaml")
    let third = ConfigFixtures.path("config/merge-third.yaml")

    func environment(_ list: String) -> [String: String] {
        ["KUBECONFIG": list, "HOME": "/nonexistent-home"]
    }

    @Test("current-context comes from the first file that sets it; its entries may come from other files")
    func currentContextFromFirstSetter() throws {
        let configuration = try KubeConfigLoader.load(environment: environment("\(first):\(second):\(third)"))
        #expect(configuration.source == "kubeconfig \(second) (context second-only)")
        #expect(configuration.server == URL(string: "https://second-only.example.com:6443"))
        #expect(configuration.tls.certificateAuthorityPEM == (try ConfigFixtures.bytes("tls/ca.crt")))
        #expect(configuration.tls.clientKeyPEM == (try ConfigFixtures.bytes("tls/client-ec.key")))
    }

    @Test("for each name, the first file that defines it wins")
    func firstDefinitionWins() throws {
        let configuration = try KubeConfigLoader.load(context: "shared", environment: environment("\(first):\(second)"))
        #expect(configuration.server == URL(string: "https://first.example.com:6443"))
        #expect(configuration.credentials == .token("first-token"))
        #expect(configuration.namespace == "first")

        let reversed = try KubeConfigLoader.load(context: "shared", environment: environment("\(second):\(first)"))
        #expect(reversed.server == URL(string: "https://second.example.com:6443"))
        #expect(reversed.credentials == .token("second-token"))
        #expect(reversed.namespace == "second")
    }

    @Test("a context from a later file combines entries defined in earlier files")
    func crossFileReferences() throws {
        let configuration = try KubeConfigLoader.load(context: "third-only", environment: environment("\(first):\(second):\(third)"))
        #expect(configuration.server == URL(string: "https://second-only.example.com:6443"))
        #expect(configuration.credentials == .token("first-token"))
        #expect(configuration.namespace == "third")
        #expect(configuration.source == "kubeconfig \(third) (context third-only)")
    }

    @Test("empty entries and missing files in KUBECONFIG are skipped")
    func missingEntriesSkipped() throws {
        let list = "::/nonexistent/config:\(third)::\(first):/also/missing"
        let configuration = try KubeConfigLoader.load(environment: environment(list))
        // third sets current-context "shared"; first defines it.
        #expect(configuration.source == "kubeconfig \(first) (context shared)")
        #expect(configuration.credentials == .token("first-token"))
    }

    @Test("KUBECONFIG listing only missing files is an error naming the list")
    func onlyMissingFiles() {
        let error = #expect(throws: KubeConfigError.self) {
            try KubeConfigLoader.load(environment: environment("/missing/a:/missing/b"))
        }
        #expect(error?.code == .fileNotFound)
        #expect(error?.file == "/missing/a:/missing/b")
    }

    @Test("explicit paths are merged in order and override KUBECONFIG")
    func explicitPaths() throws {
        let configuration = try KubeConfigLoader.load(paths: [second, first], context: "shared", environment: environment(first))
        #expect(configuration.credentials == .token("second-token"))
    }

    @Test("an empty list of explicit paths falls back to KUBECONFIG")
    func emptyExplicitPaths() throws {
        let configuration = try KubeConfigLoader.load(paths: [], context: "shared", environment: environment(second))
        #expect(configuration.credentials == .token("second-token"))
    }
}
