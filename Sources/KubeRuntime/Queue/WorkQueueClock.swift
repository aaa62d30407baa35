/// The injected clock seen as offsets from the moment the queue was created, so that the queue's state can
/// hold instants of any `Clock<Duration>` without knowing its `Instant` type.
struct WorkQueueClock: Sendable {
    /// The time elapsed since the origin.
    let now: @Sendable () -> Duration
    /// Sleeps until `origin + offset`.
    let sleep: @Sendable (_ offset: Duration) async throws -> Void

    /// Wraps `clock`, taking its current instant as the origin.
    init(_ clock: any Clock<Duration>) {
        self.init(opening: clock)
    }

    private init<C: Clock<Duration>>(opening clock: C) {
        let origin = clock.now
        now = { origin.duration(to: clock.now) }
        sleep = { offset in try await clock.sleep(until: origin.advanced(by: offset), tolerance: nil) }
    }
}
