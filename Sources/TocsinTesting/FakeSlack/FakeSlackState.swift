import Foundation
import Synchronization

/// The lock-protected state of one fake Slack workspace.
final class FakeSlackStore: Sendable {
    let state: Mutex<FakeSlackState>

    init(configuration: FakeSlackServer.Configuration) {
        state = Mutex(FakeSlackState(configuration: configuration))
    }

    func withState<Result>(_ body: (inout FakeSlackState) throws -> Result) rethrows -> Result {
        try state.withLock { try body(&$0) }
    }
}

/// Channels, messages, recorded requests and injected answers of the fake.
struct FakeSlackState {
    /// An answer forced on the next matching requests.
    struct Injection {
        var answer: FakeSlackServer.InjectedAnswer
        var pathPrefix: String?
        var remaining: Int
    }

    static let maximumRecordedRequests = 10_000
    /// The first `ts`: 1700000000.000100; each message adds 100 µs, so `ts` strictly increase.
    static let firstTSSeconds: Int64 = 1_700_000_000

    var configuration: FakeSlackServer.Configuration
    var requests: [FakeSlackServer.RecordedRequest] = []
    var messages: [FakeSlackServer.Message] = []
    var injected: [Injection] = []
    var tsCounter: Int64 = 0
    /// Socket Mode: tickets, connections and acknowledgements.
    var socketMode = FakeSlackSocketModeState()
    /// `http://127.0.0.1:<port>`, once the server listens (for the Socket Mode URLs it hands out).
    var baseURL: URL?

    init(configuration: FakeSlackServer.Configuration) {
        self.configuration = configuration
    }

    mutating func record(_ request: FakeSlackServer.RecordedRequest) {
        requests.append(request)
        if requests.count > Self.maximumRecordedRequests { requests.removeFirst(requests.count - Self.maximumRecordedRequests) }
    }

    /// The first injected answer matching `path`, counting it down.
    mutating func takeInjection(path: String) -> FakeSlackServer.InjectedAnswer? {
        guard let index = injected.firstIndex(where: { $0.pathPrefix.map { path.hasPrefix($0) } ?? true }) else {
            return nil
        }
        let answer = injected[index].answer
        injected[index].remaining -= 1
        if injected[index].remaining <= 0 { injected.remove(at: index) }
        return answer
    }

    /// The next message timestamp, e.g. `1700000000.000100`.
    mutating func nextTS() -> String {
        tsCounter += 1
        let micros = tsCounter * 100
        let seconds = Self.firstTSSeconds + micros / 1_000_000
        let fraction = String(micros % 1_000_000)
        return "\(seconds).\(String(repeating: "0", count: 6 - fraction.count))\(fraction)"
    }

    /// The channel with this ID, or this name with or without `#`.
    func channel(named reference: String) -> FakeSlackServer.Channel? {
        let name = reference.hasPrefix("#") ? String(reference.dropFirst()) : reference
        return configuration.channels.first { $0.id == reference || $0.name == name }
    }

    /// The index of the top-level message `ts` in `channelID`, or of the parent of the reply `ts`.
    func threadIndex(channelID: String, ts: String) -> Int? {
        messages.firstIndex { message in
            message.channelID == channelID && (message.ts == ts || message.replies.contains { $0.ts == ts })
        }
    }
}
