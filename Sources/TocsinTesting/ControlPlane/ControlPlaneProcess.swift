import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// One child process of a test control plane (`etcd` or `kube-apiserver`), its output appended to a log file.
///
/// Only the processes started here are ever signalled. Every running one is also remembered process-wide, so
/// that a test run that exits without stopping its control plane (a failed precondition, `exit`) does not
/// leave them behind.
final class ControlPlaneProcess: Sendable {
    /// The name used in messages: `etcd`, `kube-apiserver`.
    let name: String
    /// The log file the process writes to.
    let logPath: String
    private let process: Mutex<Process>
    private let processIdentifier: Int32

    /// Starts `executable` with `arguments`, its standard output and error appended to `logPath`.
    /// - Throws: ``KubeControlPlaneError`` when it cannot be started.
    init(name: String, executable: String, arguments: [String], logPath: String) throws {
        self.name = name
        self.logPath = logPath
        if !FileManager.default.fileExists(atPath: logPath) {
            _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        }
        guard let log = FileHandle(forWritingAtPath: logPath) else {
            throw KubeControlPlaneError("cannot write the \(name) log \(logPath)")
        }
        log.seekToEndOfFile()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw KubeControlPlaneError("cannot start \(name) (\(executable)): \(error)")
        }
        try? log.close()
        processIdentifier = process.processIdentifier
        self.process = Mutex(process)
        ChildProcessRegistry.register(processIdentifier)
    }

    /// Whether the process is still running.
    var isRunning: Bool {
        process.withLock { $0.isRunning }
    }

    /// The last `lines` lines of the log, for error messages.
    func logTail(lines: Int = 20) -> String {
        guard let data = FileManager.default.contents(atPath: logPath) else { return "" }
        let text = String(decoding: data, as: UTF8.self)
        return text.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines).joined(separator: "\n")
    }

    /// Sends `SIGTERM`, waits up to `grace` for the process to exit, then sends `SIGKILL` and waits for it.
    func stop(grace: Duration = .seconds(5)) async {
        guard isRunning else {
            ChildProcessRegistry.unregister(processIdentifier)
            return
        }
        kill(processIdentifier, SIGTERM)
        let clock = ContinuousClock()
        let deadline = clock.now + grace
        while isRunning, clock.now < deadline {
            try? await Task.sleep(for: .milliseconds(50))
        }
        if isRunning {
            kill(processIdentifier, SIGKILL)
            while isRunning {
                try? await Task.sleep(for: .milliseconds(20))
            }
        }
        ChildProcessRegistry.unregister(processIdentifier)
    }
}

/// The process identifiers of the running control-plane children, killed when the test process exits.
enum ChildProcessRegistry {
    private static let running = Mutex<Set<Int32>>([])
    private static let installed = Mutex(false)

    static func register(_ processIdentifier: Int32) {
        running.withLock { _ = $0.insert(processIdentifier) }
        let isFirst = installed.withLock { isInstalled in
            defer { isInstalled = true }
            return !isInstalled
        }
        if isFirst {
            atexit { ChildProcessRegistry.killAll() }
        }
    }

    static func unregister(_ processIdentifier: Int32) {
        running.withLock { _ = $0.remove(processIdentifier) }
    }

    static func killAll() {
        for processIdentifier in running.withLock({ $0 }) {
            kill(processIdentifier, SIGKILL)
        }
    }
}

/// A TCP port on 127.0.0.1 that nothing listens on right now (bound to port 0, then closed).
/// - Throws: ``KubeControlPlaneError`` when no socket can be bound.
public func freeLoopbackPort() throws -> Int {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { throw KubeControlPlaneError("cannot open a socket to find a free port") }
    defer { close(descriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let bound = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
        }
    }
    guard bound == 0 else { throw KubeControlPlaneError("cannot bind 127.0.0.1:0 to find a free port") }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let named = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
    }
    guard named == 0 else { throw KubeControlPlaneError("cannot read the port bound on 127.0.0.1") }
    return Int(UInt16(bigEndian: address.sin_port))
}
