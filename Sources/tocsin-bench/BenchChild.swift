import Foundation
import NIOPosix
import Synchronization

/// This binary re-executed with a hidden subcommand (`cache-case`, `watch-case`), so a figure measures a process
/// that runs the operator's side alone while the fake API server runs in the parent.
///
/// The pipes are read on NIO's blocking-I/O thread pool, never on the cooperative pool: the parent's fake API
/// server needs those threads to serve the child meanwhile.
final class BenchChild: Sendable {
    private let process: Process
    private let output = Pipe()
    private let buffered = Mutex(Data())
    private let name: String

    /// Starts the child with `arguments`; its standard output is read by ``waitForLine(_:)`` and ``finish(as:)``,
    /// its standard error passes through.
    init(_ arguments: [String]) throws {
        name = arguments.first ?? "child"
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = output
        try process.run()
        self.process = process
    }

    /// Reads the child's output until a line equal to `line` arrives.
    /// - Throws: ``BenchError`` when the child ends first.
    func waitForLine(_ line: String) async throws {
        let marker = Data((line + "\n").utf8)
        while buffered.withLock({ $0.range(of: marker) == nil }) {
            let chunk = try await NIOThreadPool.singleton.runIfActive { self.output.fileHandleForReading.availableData }
            guard !chunk.isEmpty else {
                throw BenchError("The \(name) child ended before printing \(line)")
            }
            buffered.withLock { $0.append(chunk) }
        }
    }

    /// Waits for the child to exit and decodes the last JSON line it printed.
    /// - Throws: ``BenchError`` when it failed or printed no JSON line.
    func finish<Result: Decodable>(as type: Result.Type) async throws -> Result {
        let (rest, status) = try await NIOThreadPool.singleton.runIfActive {
            let rest = self.output.fileHandleForReading.readDataToEndOfFile()
            self.process.waitUntilExit()
            return (rest, self.process.terminationStatus)
        }
        let text = String(decoding: buffered.withLock { $0 + rest }, as: UTF8.self)
        guard status == 0, let line = text.split(separator: "\n").last(where: { $0.hasPrefix("{") }) else {
            throw BenchError("The \(name) child exited with status \(status): \(text.suffix(500))")
        }
        return try JSONDecoder().decode(Result.self, from: Data(line.utf8))
    }

    /// Stops the child if it still runs.
    func terminate() {
        if process.isRunning { process.terminate() }
    }
}
