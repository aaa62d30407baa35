import Foundation
import Hummingbird
import NIOCore

extension FakeAPIResponder {
    /// How many events a watch buffers for a slow client before the server ends that watch.
    static let watchBufferSize = 10_000

    /// Answers a watch: status 200 at once, then one JSON event per line in a chunked body, until the
    /// client goes away, `timeoutSeconds` pass, ``FakeAPIServer/dropWatches()`` or shutdown.
    func watch(_ resource: FakeAPIServer.Resource, namespace: String?, options: ListOptions) throws -> Response {
        let (lines, continuation) = AsyncStream<Data>.makeStream(bufferingPolicy: .bufferingOldest(Self.watchBufferSize))
        let id = try store.withState {
            try $0.startWatch(resource, namespace: namespace, options: options, continuation: continuation)
        }
        let store = self.store
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        let body = ResponseBody { writer in
            do {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    if let id, let seconds = options.timeoutSeconds {
                        group.addTask {
                            try await Task.sleep(for: .seconds(seconds))
                            store.withState { $0.endWatch(id) }
                        }
                    }
                    for await line in lines {
                        await store.watchGate.pass()
                        try await writer.write(ByteBuffer(bytes: line))
                    }
                    group.cancelAll()
                }
            } catch {
                if let id { store.withState { $0.endWatch(id) } }
                throw error
            }
            if let id { store.withState { $0.endWatch(id) } }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }
}
