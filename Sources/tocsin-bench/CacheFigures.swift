import Foundation

/// Figures 2 and 3: resident bytes per cached pod (full model and ``PodSummary``) and the time from start
/// to caches synced. Each case runs in a fresh child process (this binary's hidden `cache-case`
/// subcommand), so the cases do not pollute each other's heap.
struct CacheFigures: Sendable {
    var pods: Int
    var qps: Double
    var timeoutSeconds: Int

    func run() throws -> (figures: [Figure], results: [CacheCaseResult]) {
        let full = try runChild(.full)
        let summary = try runChild(.summary)
        let figures = [
            Figure(
                key: "bytesPerPodFull", title: "resident bytes per cached pod, full Pod model",
                value: full.bytesPerPod, unit: "B", target: .atMost(1024)),
            Figure(
                key: "bytesPerPodSummary", title: "resident bytes per cached pod, summary projection",
                value: summary.bytesPerPod, unit: "B", target: .atMost(1024)),
            Figure(
                key: "cacheMiBSummary", title: "cache resident size, \(pods) pods, summary projection",
                value: Double(summary.afterBytes - summary.baselineBytes) / 1_048_576, unit: "MiB", target: nil),
            Figure(
                key: "syncSeconds", title: "start to synced, \(pods) pods, limit 500 (summary)",
                value: summary.syncSeconds, unit: "s", target: .atMost(2)),
            Figure(
                key: "syncSecondsFull", title: "start to synced, \(pods) pods, limit 500 (full Pod)",
                value: full.syncSeconds, unit: "s", target: nil),
            Figure(
                key: "syncSecondsWithoutFakeEncoding",
                title: "start to synced minus the fake's JSON encoding (estimate, summary)",
                value: summary.syncSeconds - summary.fakeEncodeSeconds, unit: "s", target: nil),
        ]
        return (figures, [full, summary])
    }

    /// Re-executes this binary with `cache-case` and decodes the JSON line it prints last.
    private func runChild(_ cache: CacheKind) throws -> CacheCaseResult {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = [
            "cache-case", "--cache", cache.rawValue, "--pods", String(pods), "--qps", String(qps),
            "--timeout-seconds", String(timeoutSeconds),
        ]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0,
            let line = text.split(separator: "\n").last(where: { $0.hasPrefix("{") })
        else {
            throw BenchError(
                "The cache-case child (\(cache.rawValue)) exited with status \(process.terminationStatus): \(text.suffix(500))")
        }
        return try JSONDecoder().decode(CacheCaseResult.self, from: Data(line.utf8))
    }
}
