import Foundation
import Synchronization

/// Runs an exec credential plugin without blocking a thread of the cooperative pool: the exit is observed through
/// `terminationHandler` and both pipes are drained concurrently (through `readabilityHandler`), so a plugin writing a
/// lot to stderr cannot deadlock on a full pipe.
struct ExecPluginRunner: Sendable {
    /// What a finished plugin produced.
    struct Output: Sendable, Equatable {
        var exitCode: Int32
        var standardOutput: [UInt8]
        var standardError: [UInt8]
    }

    /// At most this many bytes are kept from each stream; the rest is drained and dropped.
    static let outputLimit = 4 << 20

    /// Runs `executable` with `arguments` and `environment`, standard input closed, and waits for it to exit
    /// and for both output streams to reach end of file. Cancelling the task terminates the plugin.
    /// - Throws: an error from `Process.run()` when the plugin cannot be started.
    func run(executable: URL, arguments: [String], environment: [String: String]) async throws -> Output {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        let standardOutput = Pipe()
        let standardError = Pipe()
        process.standardOutput = standardOutput
        process.standardError = standardError
        let collector = OutputCollector()

        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Output, any Error>) in
                collector.install(continuation)
                let outputHandle = standardOutput.fileHandleForReading
                let errorHandle = standardError.fileHandleForReading
                outputHandle.readabilityHandler = { handle in
                    collector.read(from: handle, stream: .standardOutput)
                }
                errorHandle.readabilityHandler = { handle in
                    collector.read(from: handle, stream: .standardError)
                }
                process.terminationHandler = { finished in
                    collector.exited(
                        with: finished.terminationStatus, standardOutput: outputHandle, standardError: errorHandle
                    )
                }
                do {
                    try process.run()
                    // The child holds its own copies; closing ours lets the readers see end of file.
                    try? standardOutput.fileHandleForWriting.close()
                    try? standardError.fileHandleForWriting.close()
                    if collector.isCancelled {
                        // Cancelled before the plugin started: the cancellation handler could not stop it.
                        OutputCollector.kill(process)
                    }
                } catch {
                    standardOutput.fileHandleForReading.readabilityHandler = nil
                    standardError.fileHandleForReading.readabilityHandler = nil
                    collector.failed(error)
                }
            }
        } onCancel: {
            collector.cancel(process)
        }
    }
}

/// Gathers both streams and the exit status, and resumes the waiting task once all three are complete.
private final class OutputCollector: Sendable {
    enum Stream {
        case standardOutput, standardError
    }

    /// A continuation ready to resume, with its result.
    typealias Completion = (CheckedContinuation<ExecPluginRunner.Output, any Error>, Result<ExecPluginRunner.Output, any Error>)

    private struct State {
        var continuation: CheckedContinuation<ExecPluginRunner.Output, any Error>?
        var standardOutput: [UInt8] = []
        var standardError: [UInt8] = []
        var isStandardOutputClosed = false
        var isStandardErrorClosed = false
        var exitCode: Int32?
        var isCancelled = false

        func isClosed(_ stream: Stream) -> Bool {
            stream == .standardOutput ? isStandardOutputClosed : isStandardErrorClosed
        }

        mutating func close(_ stream: Stream) {
            if stream == .standardOutput {
                isStandardOutputClosed = true
            } else {
                isStandardErrorClosed = true
            }
        }

        /// Appends up to the output limit; the rest is dropped.
        mutating func append(_ data: Data, to stream: Stream) {
            let limit = ExecPluginRunner.outputLimit
            if stream == .standardOutput {
                standardOutput.append(contentsOf: data.prefix(max(0, limit - standardOutput.count)))
            } else {
                standardError.append(contentsOf: data.prefix(max(0, limit - standardError.count)))
            }
        }
    }

    private let state = Mutex(State())

    func install(_ continuation: CheckedContinuation<ExecPluginRunner.Output, any Error>) {
        state.withLock { $0.continuation = continuation }
    }

    /// Reads what is available on `handle` (called by its readability handler while the plugin runs).
    ///
    /// The read happens under the lock so that it cannot interleave with the final drain in `exited`.
    func read(from handle: FileHandle, stream: Stream) {
        let ready = state.withLock { state in
            guard !state.isClosed(stream) else {
                return nil as Completion?
            }
            let data = handle.availableData
            if data.isEmpty {
                handle.readabilityHandler = nil
                state.close(stream)
            } else {
                state.append(data, to: stream)
            }
            return Self.takeIfComplete(&state)
        }
        if let (continuation, result) = ready {
            continuation.resume(with: result)
        }
    }

    /// Records the exit and drains both pipes to end of file. Readability handlers do not reliably report end of
    /// file on Linux; once the plugin has exited, its ends of the pipes are closed, so these reads end promptly.
    func exited(with code: Int32, standardOutput: FileHandle, standardError: FileHandle) {
        standardOutput.readabilityHandler = nil
        standardError.readabilityHandler = nil
        let ready = state.withLock { state in
            for (stream, handle) in [(Stream.standardOutput, standardOutput), (.standardError, standardError)]
            where !state.isClosed(stream) {
                // After a cancellation the output is not wanted: do not wait for a descendant that may hold the pipe.
                if !state.isCancelled {
                    state.append(handle.readDataToEndOfFile(), to: stream)
                }
                state.close(stream)
            }
            state.exitCode = code
            return Self.takeIfComplete(&state)
        }
        if let (continuation, result) = ready {
            continuation.resume(with: result)
        }
    }

    func failed(_ error: any Error) {
        let continuation = state.withLock { state in
            defer { state.continuation = nil }
            return state.continuation
        }
        continuation?.resume(throwing: error)
    }

    var isCancelled: Bool {
        state.withLock { $0.isCancelled }
    }

    func cancel(_ process: Process) {
        let isRunning = state.withLock { state in
            state.isCancelled = true
            return state.exitCode == nil
        }
        if isRunning, process.isRunning {
            Self.kill(process)
        }
    }

    /// Stops the plugin with SIGKILL: children spawned from Swift threads may inherit a mask blocking SIGTERM, which
    /// makes `Process.terminate()` ineffective, and a credential plugin has no state worth a graceful shutdown.
    static func kill(_ process: Process) {
        let pid = process.processIdentifier
        if pid > 0 {
            _ = Foundation.kill(pid, SIGKILL)
        }
    }

    private static func takeIfComplete(
        _ state: inout State
    ) -> Completion? {
        guard let code = state.exitCode, state.isStandardOutputClosed, state.isStandardErrorClosed,
            let continuation = state.continuation
        else {
            return nil
        }
        state.continuation = nil
        if state.isCancelled {
            return (continuation, .failure(CancellationError()))
        }
        let output = ExecPluginRunner.Output(
            exitCode: code, standardOutput: state.standardOutput, standardError: state.standardError
        )
        return (continuation, .success(output))
    }
}
