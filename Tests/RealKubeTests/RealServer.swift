import Foundation
import KubeClient
import KubeCore
import Testing
import TocsinTesting

/// The real-server tier: every test in a suite nested in ``RealServer`` runs against a real kube-apiserver + etcd
/// (`KUBEBUILDER_ASSETS`), one control plane per test run, a namespace per test. Where the binaries are missing
/// the suite is skipped with one line saying how to enable it; with `CI=true` that is a failure
/// (``RealServerAvailabilityTests``).
@Suite(
    .enabled(if: RealCluster.isAvailable, Comment(rawValue: RealCluster.skipMessage)),
    RealCluster.StopsSharedControlPlane()
)
enum RealServer {}

/// Where the real-server tier finds its control plane and the repository's files.
enum RealCluster {
    static let assets = ControlPlaneAssets.locate()

    static var isAvailable: Bool { (try? assets.get()) != nil }

    /// Whether a missing control plane fails the run (`CI=true`).
    static var isRequired: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    static var skipMessage: String {
        if case .failure(let error) = assets { return "real kube-apiserver tests skipped: \(error.message)" }
        return ""
    }

    /// The repository's root folder (three levels above this file).
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The shared control plane with the Tocsin CRDs from `crds/` installed (once per run).
    static func controlPlane() async throws -> KubeControlPlane {
        let controlPlane = try await SharedControlPlane.instance.controlPlane()
        try await CRDInstallation.instance.install(into: controlPlane)
        return controlPlane
    }

    /// Runs `body` with the shared control plane, an admin client and a fresh namespace named after `prefix`.
    static func withNamespace(
        _ prefix: String, on dedicated: KubeControlPlane? = nil,
        _ body: (KubeControlPlane, KubernetesClient, String) async throws -> Void
    ) async throws {
        let controlPlane: KubeControlPlane
        if let dedicated { controlPlane = dedicated } else { controlPlane = try await Self.controlPlane() }
        let client = try controlPlane.makeClient()
        do {
            let namespace = try await controlPlane.createNamespace(prefix, client: client)
            try await body(controlPlane, client, namespace)
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
    }

    /// Runs `body` with a control plane of its own (started with `options`, the Tocsin CRDs installed), for a
    /// test that restarts the API server or needs other flags; stops it afterwards.
    static func withDedicatedControlPlane(
        _ options: KubeControlPlane.Options = .init(), _ body: (KubeControlPlane) async throws -> Void
    ) async throws {
        let controlPlane = try await KubeControlPlane.start(assets: try assets.get(), options: options)
        do {
            let client = try controlPlane.makeClient()
            try await controlPlane.installCRDs(from: repositoryRoot.appendingPathComponent("crds"), client: client)
            try await client.shutdown()
            try await body(controlPlane)
        } catch {
            await controlPlane.stop()
            throw error
        }
        await controlPlane.stop()
    }

    /// Stops the shared control plane once every real-server test has run.
    struct StopsSharedControlPlane: SuiteTrait, TestScoping {
        func provideScope(
            for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
        ) async throws {
            do {
                try await function()
            } catch {
                await SharedControlPlane.instance.stop()
                throw error
            }
            await SharedControlPlane.instance.stop()
        }
    }
}

/// Installs `crds/` into the shared control plane once; tests asking at the same time wait for the same install.
actor CRDInstallation {
    static let instance = CRDInstallation()
    /// The install in progress or done, awaited by every caller (so it never outlives them).
    private var installing: Task<Void, any Error>?

    func install(into controlPlane: KubeControlPlane) async throws {
        if let installing { return try await installing.value }
        let task = Task {
            let client = try controlPlane.makeClient()
            do {
                try await controlPlane.installCRDs(from: RealCluster.repositoryRoot.appendingPathComponent("crds"), client: client)
            } catch {
                try? await client.shutdown()
                throw error
            }
            try await client.shutdown()
        }
        installing = task
        try await task.value
    }
}

/// With `CI=true` the real-server tier must run: a missing control plane fails here instead of skipping.
@Suite struct RealServerAvailabilityTests {
    @Test func theRealServerTierRunsInCI() {
        if RealCluster.isRequired {
            #expect(RealCluster.isAvailable, "CI=true requires the real-server tier: \(RealCluster.skipMessage)")
        }
    }
}

/// Polls `condition` every 50 ms until it returns a value; errors count as nil.
/// - Throws: an error naming `what` after `timeout` (generous: CI shares two cores).
@discardableResult
func eventually<T>(
    _ what: String, timeout: Duration = .seconds(60), _ condition: () async throws -> T?
) async throws -> T {
    let clock = ContinuousClock()
    let deadline = clock.now + timeout
    var lastError: (any Error)?
    while clock.now < deadline {
        do {
            if let value = try await condition() { return value }
        } catch {
            lastError = error
        }
        try await Task.sleep(for: .milliseconds(50))
    }
    throw KubeControlPlaneError("timed out after \(timeout) waiting for \(what)\(lastError.map { " (last error: \($0))" } ?? "")")
}
