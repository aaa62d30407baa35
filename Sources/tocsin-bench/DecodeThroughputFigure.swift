import Foundation
import KubeCore
import TocsinTesting

/// Figure 1b: decode-only watch events per second on one thread — ``WatchLineSplitter`` and
/// ``WatchEventDecoder`` of ``Pod`` over MODIFIED lines pre-encoded in memory (no HTTP, no informer), fed in
/// 16 KiB chunks as a chunked HTTP body would arrive.
struct DecodeThroughputFigure: Sendable {
    /// Distinct pods encoded (the lines repeat over them).
    var distinctPods: Int
    /// Events decoded in total.
    var events: Int

    func run() throws -> [Figure] {
        var body: [UInt8] = []
        for index in 0..<distinctPods {
            let line = "{\"type\":\"MODIFIED\",\"object\":\(PodFixture.pod(index, restarts: 1, resourceVersion: 1000 + index).jsonString)}\n"
            body.append(contentsOf: line.utf8)
        }
        let averageLineBytes = Double(body.count) / Double(distinctPods)
        let chunkSize = 16 << 10
        let chunks = stride(from: 0, to: body.count, by: chunkSize).map { Array(body[$0..<min($0 + chunkSize, body.count)]) }
        let decoder = WatchEventDecoder<Pod>()
        var decoded = 0
        var restarts = 0
        let passes = max(1, (events + distinctPods - 1) / distinctPods)
        let start = ContinuousClock.now
        for _ in 0..<passes {
            var splitter = WatchLineSplitter()
            for chunk in chunks {
                splitter.append(chunk)
                while let line = try splitter.nextLine() {
                    if case .modified(let pod) = try decoder.decode(line) {
                        restarts += Int(pod.status?.containerStatuses?.first?.restartCount ?? 0)
                    }
                    decoded += 1
                }
            }
        }
        let elapsed = ContinuousClock.now - start
        guard restarts == decoded else {
            throw BenchError("Decoded \(decoded) events but \(restarts) restarts: the fixture or the decoder is wrong")
        }
        let perSecond = Double(decoded) / elapsed.seconds
        return [
            Figure(
                key: "decodeEventsPerSecond", title: "decode-only events/s (1 thread, splitter + decoder)",
                value: perSecond, unit: "events/s", target: .atLeast(20_000)),
            Figure(
                key: "decodeMegabytesPerSecond", title: "decode-only throughput", value: perSecond * averageLineBytes / 1e6,
                unit: "MB/s", target: nil),
            Figure(key: "watchLineBytes", title: "bytes per watch event line (pod)", value: averageLineBytes, unit: "B", target: nil),
        ]
    }
}
