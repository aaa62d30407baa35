import TocsinEngine
import Foundation
import Logging

extension ProbeRunner {
    /// The scheduler loop: wakes on a timer, an update, or a finished check; starts the due checks.
    func schedule(wakeups: AsyncStream<Void>, wakeup: AsyncStream<Void>.Continuation, checker: ProbeChecker) async {
        await withDiscardingTaskGroup { group in
            var timerDeadline: Duration?
            wakeup.yield()
            for await _ in wakeups {
                let now = elapsed()
                if let deadline = timerDeadline, deadline <= now { timerDeadline = nil }
                let (due, next) = state.withLock { state in
                    (state.schedule.takeDue(now: now), state.schedule.nextDeadline)
                }
                for check in due {
                    group.addTask { await self.perform(check, checker: checker, wakeup: wakeup) }
                }
                // One timer for the earliest deadline; an earlier deadline adds a timer, a later one waits.
                if let next, timerDeadline.map({ next < $0 }) ?? true {
                    timerDeadline = next
                    let clock = self.clock
                    group.addTask {
                        try? await clock.sleep(for: next - now)
                        wakeup.yield()
                    }
                }
            }
            group.cancelAll()
        }
    }

    /// Runs one check, records its result if the target is still scheduled and unchanged, and wakes the scheduler.
    func perform(_ check: ProbeSchedule.Check, checker: ProbeChecker, wakeup: AsyncStream<Void>.Continuation) async {
        let outcome = await checker.check(check.target)
        let id = check.target.id
        let result: ProbeResult? = state.withLock { state in
            guard state.schedule.finish(check) else { return nil }
            var probeState = state.states[id] ?? ProbeState()
            let result = probeState.record(outcome)
            state.states[id] = probeState
            return result
        }
        wakeup.yield()
        guard let result else { return }
        if let error = result.error {
            logger.debug(
                "Probe check failed",
                metadata: [
                    "probe": "\(id)", "probe.consecutiveFailures": "\(result.consecutiveFailures)",
                    "probe.error": "\(error)",
                ])
        }
        onResult(id, result)
    }

    /// A function returning the time elapsed on `clock` since this call.
    static func makeElapsed<C: Clock>(_ clock: C) -> @Sendable () -> Duration where C.Duration == Duration {
        let start = clock.now
        return { start.duration(to: clock.now) }
    }
}
