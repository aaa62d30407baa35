import Foundation
import Logging
import Synchronization

@testable import KubeClient

/// The test bundle's fixtures.
enum ConfigFixtures {
    static var root: URL {
        guard let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
            preconditionFailure("the Fixtures resource folder is missing from the test bundle")
        }
        return url
    }

    static func path(_ relative: String) -> String {
        root.appendingPathComponent(relative).standardizedFileURL.path
    }

    static func bytes(_ relative: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: path(relative))))
    }

    static func base64(_ relative: String) throws -> String {
        Data(try bytes(relative)).base64EncodedString()
    }

    /// The exec plugin script, made executable (resource copying may drop the bit).
    static func execPlugin() throws -> String {
        let plugin = path("config/exec-plugin.sh")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: plugin)
        return plugin
    }
}

/// A fresh folder under the temporary directory, removed by `remove()`.
struct TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("tocsin-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    var path: String { url.standardizedFileURL.path }

    /// Writes `contents` to `name` (subfolders created) and returns the absolute path.
    @discardableResult
    func write(_ name: String, _ contents: String) throws -> String {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(contents.utf8).write(to: file)
        return file.standardizedFileURL.path
    }

    func file(_ name: String) -> String {
        url.appendingPathComponent(name).standardizedFileURL.path
    }

    func read(_ name: String) throws -> String {
        String(decoding: try Data(contentsOf: url.appendingPathComponent(name)), as: UTF8.self)
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}

/// A wall clock the test moves by hand.
final class ManualNow: Sendable {
    private let current: Mutex<Date>

    init(_ start: Date = Date(timeIntervalSince1970: 1_800_000_000)) {
        current = Mutex(start)
    }

    var now: Date { current.withLock { $0 } }

    func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }

    var closure: @Sendable () -> Date {
        { [self] in self.now }
    }
}

/// A log handler that keeps every rendered message and its metadata, to check that secrets never appear.
struct RecordingLogHandler: LogHandler {
    final class Storage: Sendable {
        let lines = Mutex<[String]>([])
        var all: String { lines.withLock { $0.joined(separator: "\n") } }
    }

    let storage: Storage
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        storage.lines.withLock { $0.append("\(event.level) \(event.message) \(merged)") }
    }
}

extension Logger {
    static func recording() -> (Logger, RecordingLogHandler.Storage) {
        let storage = RecordingLogHandler.Storage()
        return (Logger(label: "test.config") { _ in RecordingLogHandler(storage: storage) }, storage)
    }

    static var quiet: Logger {
        Logger(label: "test.config") { _ in SwiftLogNoOpLogHandler() }
    }
}
