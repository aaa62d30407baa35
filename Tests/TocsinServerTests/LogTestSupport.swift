import Foundation
import Logging
import Synchronization
import TocsinServer

/// Collects the lines a handler writes.
final class CollectedLines: Sendable {
    private let lines = Mutex<[String]>([])

    var all: [String] { lines.withLock { $0 } }

    var sink: LogSink {
        LogSink { line in self.lines.withLock { $0.append(line) } }
    }
}

/// 2026-03-05T07:08:09.012Z.
let fixedLogDate = Date(timeIntervalSince1970: 1_772_694_489.012)

/// A logger whose JSON handler writes to `lines`, stamped with ``fixedLogDate``.
func jsonLogger(
    _ lines: CollectedLines, label: String = "tocsin.test", level: Logger.Level = .info,
    metadataProvider: Logger.MetadataProvider? = nil
) -> Logger {
    Logger(label: label) { label in
        LineLogHandler(
            format: .json, label: label, logLevel: level, sink: lines.sink, metadataProvider: metadataProvider,
            now: { fixedLogDate })
    }
}

/// A logger whose text handler writes to `lines`, stamped with ``fixedLogDate``.
func textLogger(_ lines: CollectedLines, label: String = "tocsin.test") -> Logger {
    Logger(label: label) { label in
        LineLogHandler(format: .text, label: label, sink: lines.sink, now: { fixedLogDate })
    }
}

/// The single line written, decoded as a JSON object of strings.
func decodedSingleLine(_ lines: CollectedLines) throws -> [String: String] {
    let all = lines.all
    guard all.count == 1, let line = all.first else {
        throw DecodingProblem(description: "expected exactly one line, got \(all)")
    }
    guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String] else {
        throw DecodingProblem(description: "not a JSON object of strings: \(line)")
    }
    return object
}

struct DecodingProblem: Error, CustomStringConvertible {
    var description: String
}
