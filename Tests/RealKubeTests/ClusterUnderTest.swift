import Foundation
import KubeClient
import KubeCore
import Testing
import TocsinAPI
import TocsinTesting

/// The two servers the client's behaviour is tested against, from the same test code: the in-process fake and
/// the real kube-apiserver. Where they differ the fake is wrong.
enum Backend: String, Sendable, CaseIterable, CustomTestStringConvertible {
    case fake
    case real

    var testDescription: String { rawValue }

    /// The fake always; the real server where its binaries are (a skip line says so otherwise; CI requires it).
    static var available: [Backend] { RealCluster.isAvailable ? [.fake, .real] : [.fake] }
}

/// A cluster of either backend with an admin client and a namespace of the test's own.
struct ClusterUnderTest: Sendable {
    let backend: Backend
    let client: KubernetesClient
    let namespace: String
    /// The fake, for the backend `.fake`.
    let fake: FakeAPIServer?
    /// The real control plane, for the backend `.real`.
    var controlPlane: KubeControlPlane? = nil

    /// Runs `body` against a fresh namespace of `backend`; the Tocsin CRDs are installed in both.
    static func with(_ backend: Backend, _ body: (ClusterUnderTest) async throws -> Void) async throws {
        switch backend {
        case .real:
            try await RealCluster.withNamespace("client") { controlPlane, client, namespace in
                try await body(
                    ClusterUnderTest(backend: .real, client: client, namespace: namespace, fake: nil, controlPlane: controlPlane))
            }
        case .fake:
            let server = try await FakeAPIServer.start()
            for resource in FakeAPIServer.Resource.tocsinResources { server.register(resource) }
            do {
                let client = try KubernetesClient(
                    configuration: ClientConfiguration(server: server.baseURL, qps: 0, source: "test"), maximumRetries: 2)
                do {
                    let namespace = "client-" + UUID().uuidString.prefix(6).lowercased()
                    _ = try await client.create(Namespace(metadata: ObjectMeta(name: namespace)))
                    try await body(ClusterUnderTest(backend: .fake, client: client, namespace: namespace, fake: server))
                } catch {
                    try? await client.shutdown()
                    throw error
                }
                try await client.shutdown()
            } catch {
                await server.shutdown()
                throw error
            }
            await server.shutdown()
        }
    }
}
