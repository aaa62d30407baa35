import AsyncHTTPClient
import Foundation
import KubeCore
import NIOCore

/// The events of one watch request, decoded incrementally from the streamed body as they arrive.
///
/// Each element is either an event or the decoding error of one malformed object; a malformed object does
/// not end the stream. An `ERROR` event ends iteration with a thrown ``KubeAPIError`` (`isGone` for an
/// expired resourceVersion, `410`). The sequence ends normally when the server closes the stream (for
/// example at `timeoutSeconds`). Cancelling the consuming task, or dropping the iterator, closes the
/// connection.
public struct WatchStream<Object: KubeResource>: AsyncSequence, Sendable {
    /// One decoded event, or the error of one object that could not be decoded.
    public typealias Element = Result<WatchEvent<Object>, KubeDecodingError>

    let client: KubernetesClient
    let request: KubeRequest
    let deadline: Duration

    /// Starts the request on the first call to `next()`.
    public func makeAsyncIterator() -> Iterator {
        Iterator(stream: self)
    }

    /// Reads the response body chunk by chunk and yields complete events.
    public struct Iterator: AsyncIteratorProtocol {
        private let stream: WatchStream
        private var body: HTTPClientResponse.Body.AsyncIterator?
        private var splitter = WatchLineSplitter()
        private let decoder = WatchEventDecoder<Object>()
        private var isFinished = false
        private var streamEnded = false

        init(stream: WatchStream) {
            self.stream = stream
        }

        /// The next event, nil when the server closed the stream.
        /// - Throws: ``KubeAPIError`` for an `ERROR` event or a non-2xx answer, ``KubeTransportError`` when the
        ///   connection fails, `CancellationError` when the task is cancelled.
        public mutating func next() async throws -> Element? {
            while !isFinished {
                if let line = try nextLine() {
                    return try decode(line)
                }
                if streamEnded {
                    isFinished = true
                    // The server may close without a final newline.
                    if let last = splitter.finish() { return try decode(last) }
                    return nil
                }
                try await readMore()
            }
            return nil
        }

        private mutating func decode(_ line: [UInt8]) throws -> Element {
            let event: WatchEvent<Object>
            do {
                event = try decoder.decode(line)
            } catch {
                return .failure(error)
            }
            if case .error(let status) = event {
                finish()
                throw KubeAPIError(
                    statusCode: Int(status.code ?? 500), status: status,
                    method: stream.request.method.rawValue, path: stream.request.path)
            }
            return .success(event)
        }

        private mutating func nextLine() throws -> [UInt8]? {
            do {
                return try splitter.nextLine()
            } catch {
                finish()
                throw error
            }
        }

        private mutating func finish() {
            isFinished = true
            body = nil
        }

        private mutating func readMore() async throws {
            if body == nil {
                let response = try await stream.client.send(stream.request, deadline: stream.deadline)
                body = response.body.makeAsyncIterator()
            }
            let chunk: ByteBuffer?
            do {
                chunk = try await body?.next()
            } catch {
                finish()
                if Task.isCancelled || error is CancellationError { throw CancellationError() }
                throw KubeTransportError(
                    method: stream.request.method.rawValue, path: stream.request.path,
                    reason: "watch stream failed: \(error)")
            }
            guard let chunk else {
                streamEnded = true
                body = nil
                return
            }
            chunk.withUnsafeReadableBytes { splitter.append($0) }
        }
    }
}

extension KubernetesClient {
    /// Watches objects, starting at `options.resourceVersion` (from a list, or the last event seen).
    ///
    /// Bookmarks are requested by default; the server ends the stream after `options.timeoutSeconds`.
    /// Nothing is sent until the stream is iterated.
    public func watch<T: KubeResource>(
        _ type: T.Type, namespace: String? = nil, options: WatchOptions = WatchOptions(),
        resource: ResourceType? = nil
    ) -> WatchStream<T> {
        let resource = resource ?? T.resourceType
        let request = KubeRequest.watch(resource, namespace: listScope(resource, namespace), options: options)
        return WatchStream(client: self, request: request, deadline: requestTimeout)
    }
}
