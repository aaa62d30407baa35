import Foundation

/// The one control plane a test run shares (start-up takes seconds): started on first use, stopped by
/// ``stop()`` (and killed when the test process exits without it). Tests isolate themselves with a namespace
/// each (``KubeControlPlane/createNamespace(_:client:)``); a test that restarts the API server or needs other
/// flags starts a control plane of its own.
public actor SharedControlPlane {
    /// The instance of the test process.
    public static let instance = SharedControlPlane()

    /// The start in progress or done. A task, so that tests asking at the same time wait for the same start;
    /// it is owned here and awaited by every caller and by ``stop()``.
    private var starting: Task<KubeControlPlane, any Error>?

    /// The shared control plane, started on first use with the binaries ``ControlPlaneAssets/locate(environment:)``
    /// finds.
    /// - Throws: ``KubeControlPlaneError`` when no binaries are found or the start fails (every later call
    ///   throws the same error).
    public func controlPlane() async throws -> KubeControlPlane {
        if let starting { return try await starting.value }
        let task = Task {
            let assets = try ControlPlaneAssets.locate().get()
            return try await KubeControlPlane.start(assets: assets)
        }
        starting = task
        return try await task.value
    }

    /// Stops the shared control plane if it was started.
    public func stop() async {
        guard let starting else { return }
        self.starting = nil
        if let controlPlane = try? await starting.value {
            await controlPlane.stop()
        }
    }
}
