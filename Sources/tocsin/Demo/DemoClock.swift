import Foundation
import Synchronization

/// Simulated wall time for the demo: it starts at a fixed instant and runs `speed` times faster than real time, so
/// a rule with `for: 1m` fires two seconds after its condition begins at speed 30.
final class DemoClock: Sendable {
    let start: Date
    let speed: Double
    private let origin = ContinuousClock.now

    init(start: Date, speed: Double) {
        self.start = start
        self.speed = speed
    }

    /// The simulated now.
    @Sendable func now() -> Date {
        let elapsed = ContinuousClock.now - origin
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return start.addingTimeInterval(seconds * speed)
    }

    /// Real seconds since the demo started.
    var realSeconds: Double {
        let elapsed = ContinuousClock.now - origin
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    /// `+02:30` (simulated minutes and seconds since the start).
    func offset(_ instant: Date? = nil) -> String {
        let seconds = max(0, Int((instant ?? now()).timeIntervalSince(start)))
        return String(format: "+%02d:%02d", seconds / 60, seconds % 60)
    }
}
