#if canImport(Glibc)
import Glibc
#endif
import ServiceLifecycle

/// How the operator keeps its resident memory close to its live data under glibc's allocator.
///
/// - ``limitMallocArenas(_:)``: glibc gives each thread that allocates concurrently its own arena (up to eight
///   per core), and each arena keeps its own freed memory; two arenas are plenty for an operator and keep RSS
///   down (the same as `MALLOC_ARENA_MAX=2`).
/// - ``releaseFreeMemory()``: `malloc_trim(0)` hands the free pages inside the heap back to the kernel; the list
///   and watch decoding leaves many after the first sync.
///
/// Both look the functions up at run time (they are glibc's, not in the `Glibc` module map); elsewhere they do
/// nothing.
public enum MemoryTuning {
    /// Limits glibc to `arenas` malloc arenas (`mallopt(M_ARENA_MAX, arenas)`). Call once, first thing.
    public static func limitMallocArenas(_ arenas: Int32 = 2) {
        #if canImport(Glibc)
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        // RTLD_DEFAULT is the null handle on glibc: search every loaded object. M_ARENA_MAX is -8.
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        _ = unsafeBitCast(symbol, to: Mallopt.self)(-8, max(1, arenas))
        #endif
    }

    /// Returns freed heap pages to the system (`malloc_trim(0)`).
    public static func releaseFreeMemory() {
        #if canImport(Glibc)
        typealias MallocTrim = @convention(c) (Int) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return }
        _ = unsafeBitCast(symbol, to: MallocTrim.self)(0)
        #endif
    }
}

/// Returns freed heap to the system once the caches have synced (the first lists leave the most behind) and then
/// every ``interval``; returns on graceful shutdown or cancellation.
public struct MemoryTrimService: Service {
    /// The time between trims after the first.
    public let interval: Duration
    let hasSyncedCaches: @Sendable () -> Bool
    let trim: @Sendable () -> Void

    /// Creates the service.
    /// - Parameters:
    ///   - interval: the time between trims (default 5 minutes).
    ///   - hasSyncedCaches: whether the caches have synced (polled each second until they have).
    public init(interval: Duration = .seconds(300), hasSyncedCaches: @escaping @Sendable () -> Bool) {
        self.init(interval: interval, hasSyncedCaches: hasSyncedCaches, trim: MemoryTuning.releaseFreeMemory)
    }

    init(interval: Duration, hasSyncedCaches: @escaping @Sendable () -> Bool, trim: @escaping @Sendable () -> Void) {
        self.interval = interval
        self.hasSyncedCaches = hasSyncedCaches
        self.trim = trim
    }

    /// Trims after the first sync, then every ``interval``.
    public func run() async {
        await cancelWhenGracefulShutdown {
            do {
                while !hasSyncedCaches() { try await Task.sleep(for: .seconds(1)) }
                while true {
                    trim()
                    try await Task.sleep(for: interval)
                }
            } catch {
                return
            }
        }
    }
}
