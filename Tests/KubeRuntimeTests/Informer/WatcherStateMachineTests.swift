import KubeCore
import Testing

@testable import KubeRuntime

/// A pod with just a name, namespace `default` and resourceVersion.
private func pod(_ name: String, _ resourceVersion: String) -> Pod {
    Pod(metadata: ObjectMeta(name: name, namespace: "default", resourceVersion: resourceVersion))
}

/// Renders changes as `added default/a@1`, `deleted default/b`, `synced@7` for exact comparisons.
func describe<Object: KubeResource>(_ changes: [WatcherChange<Object>]) -> [String] {
    changes.map { change in
        switch change {
        case .added(let object): "added \(ObjectKey(object.metadata)!)@\(object.metadata.resourceVersion ?? "")"
        case .modified(let object): "modified \(ObjectKey(object.metadata)!)@\(object.metadata.resourceVersion ?? "")"
        case .unchanged(let object): "unchanged \(ObjectKey(object.metadata)!)"
        case .deleted(let key, let last): last == nil ? "deleted \(key)" : "deleted \(key) (event)"
        case .synced(let resourceVersion): "synced@\(resourceVersion)"
        }
    }
}

/// A machine that has listed `pods` at resourceVersion `listVersion` and is watching.
private func watching(_ pods: [Pod], at listVersion: String = "10") -> WatcherStateMachine<Pod> {
    var machine = WatcherStateMachine<Pod>(backoff: WatcherBackoff(jitter: { 0.5 }))
    _ = machine.start()
    _ = machine.listPageReceived(pods, resourceVersion: listVersion, continueToken: nil)
    return machine
}

@Suite("WatcherStateMachine")
struct WatcherStateMachineTests {
    @Test func startListsTheFirstPageThenFollowsContinueTokensThenWatchesFromTheFirstPageVersion() {
        var machine = WatcherStateMachine<Pod>()
        #expect(machine.start() == .list(continueToken: nil))
        let first = machine.listPageReceived([pod("a", "3"), pod("b", "4")], resourceVersion: "9", continueToken: "t1")
        #expect(describe(first.changes) == ["added default/a@3", "added default/b@4"])
        #expect(first.action == .list(continueToken: "t1"))
        #expect(!machine.hasSynced)
        let last = machine.listPageReceived([pod("c", "5")], resourceVersion: "9", continueToken: "")
        #expect(describe(last.changes) == ["added default/c@5", "synced@9"])
        #expect(last.action == .watch(resourceVersion: "9"))
        #expect(machine.hasSynced)
        #expect(machine.knownCount == 3)
    }

    @Test func watchEventsAreReportedOnceAndAdvanceTheResumePoint() {
        var machine = watching([pod("a", "3")])
        #expect(describe(machine.watchEventReceived(.modified(pod("a", "11")))) == ["modified default/a@11"])
        // A repeat of the same resourceVersion is not reported twice.
        #expect(describe(machine.watchEventReceived(.modified(pod("a", "11")))).isEmpty)
        // MODIFIED of an unknown object is an addition; ADDED of a known one a modification.
        #expect(describe(machine.watchEventReceived(.modified(pod("b", "12")))) == ["added default/b@12"])
        #expect(describe(machine.watchEventReceived(.added(pod("b", "13")))) == ["modified default/b@13"])
        #expect(describe(machine.watchEventReceived(.deleted(pod("a", "14")))) == ["deleted default/a (event)"])
        // Deleting an unknown object reports nothing.
        #expect(describe(machine.watchEventReceived(.deleted(pod("a", "15")))).isEmpty)
        #expect(machine.resourceVersion == "15")
        #expect(machine.knownCount == 1)
    }

    @Test func bookmarksAdvanceTheResumePointAndAnOrderlyCloseResumesAtOnce() {
        var machine = watching([], at: "10")
        #expect(machine.watchEventReceived(.bookmark(resourceVersion: "42")).isEmpty)
        #expect(machine.resourceVersion == "42")
        #expect(machine.watchEnded() == .watch(resourceVersion: "42"))
    }

    @Test func goneRelistsAtOnceAndReportsExactlyTheDifference() {
        var machine = watching([pod("a", "1"), pod("b", "2"), pod("c", "3")])
        #expect(machine.failed(.gone) == .list(continueToken: nil))
        let page1 = machine.listPageReceived([pod("a", "1"), pod("c", "20")], resourceVersion: "30", continueToken: "k")
        #expect(describe(page1.changes) == ["unchanged default/a", "modified default/c@20"])
        let page2 = machine.listPageReceived([pod("d", "25")], resourceVersion: "30", continueToken: nil)
        #expect(describe(page2.changes) == ["added default/d@25", "deleted default/b", "synced@30"])
        #expect(page2.action == .watch(resourceVersion: "30"))
        #expect(machine.consecutiveFailures == 0)
    }

    @Test func errorsBackOffThenResumeWhereTheyWere() {
        var machine = WatcherStateMachine<Pod>(backoff: WatcherBackoff(jitter: { 0.5 }))
        _ = machine.start()
        _ = machine.listPageReceived([pod("a", "1")], resourceVersion: "5", continueToken: "page-2")
        #expect(machine.failed(.retryable(retryAfter: nil)) == .backoff(.milliseconds(800)))
        #expect(machine.backoffElapsed() == .list(continueToken: "page-2"))
        _ = machine.listPageReceived([], resourceVersion: "5", continueToken: nil)
        _ = machine.watchEventReceived(.bookmark(resourceVersion: "8"))
        #expect(machine.failed(.retryable(retryAfter: nil)) == .backoff(.milliseconds(800)))
        #expect(machine.failed(.retryable(retryAfter: nil)) == .backoff(.milliseconds(1600)))
        #expect(machine.backoffElapsed() == .watch(resourceVersion: "8"))
        #expect(machine.consecutiveFailures == 2)
    }

    @Test func aHealthyWatchResetsTheBackoff() {
        var machine = watching([], at: "10")
        _ = machine.failed(.retryable(retryAfter: nil))
        _ = machine.backoffElapsed()
        #expect(machine.failed(.retryable(retryAfter: nil)) == .backoff(.milliseconds(1600)))
        _ = machine.backoffElapsed()
        _ = machine.watchEventReceived(.bookmark(resourceVersion: "11"))
        #expect(machine.failed(.retryable(retryAfter: nil)) == .backoff(.milliseconds(800)))
    }

    @Test func retryAfterIsALowerBound() {
        var machine = watching([], at: "10")
        #expect(machine.failed(.retryable(retryAfter: .seconds(5))) == .backoff(.seconds(5)))
    }

    @Test func inputsOutsideTheirStateAreIgnored() {
        var machine = WatcherStateMachine<Pod>()
        #expect(machine.watchEventReceived(.added(pod("a", "1"))).isEmpty)
        #expect(machine.backoffElapsed() == .list(continueToken: nil))
        _ = machine.start()
        var watchingMachine = watching([], at: "3")
        let step = watchingMachine.listPageReceived([pod("x", "4")], resourceVersion: "4", continueToken: nil)
        #expect(step.changes.isEmpty)
        #expect(step.action == .watch(resourceVersion: "3"))
    }

    @Test func aRequestedRelistReplaysUnchangedObjects() {
        var machine = watching([pod("a", "1")])
        #expect(machine.relist() == .list(continueToken: nil))
        let step = machine.listPageReceived([pod("a", "1")], resourceVersion: "12", continueToken: nil)
        #expect(describe(step.changes) == ["unchanged default/a", "synced@12"])
    }
}

@Suite("WatcherBackoff")
struct WatcherBackoffTests {
    @Test(arguments: [
        (0, 800), (1, 1600), (2, 3200), (3, 6400), (4, 12_800), (5, 25_600), (6, 30_000), (60, 30_000),
    ])
    func meanDelaysDoubleUpToTheCap(failures: Int, milliseconds: Int64) {
        let backoff = WatcherBackoff(jitter: { 0.5 })
        #expect(backoff.delay(afterFailures: failures) == .milliseconds(milliseconds))
    }

    @Test(arguments: [(0.0, 400), (0.25, 600), (0.999, 1199)])
    func jitterSpreadsTheFirstDelayFromHalfToOneAndAHalfTimes(jitter: Double, milliseconds: Int64) {
        let backoff = WatcherBackoff(jitter: { jitter })
        #expect(backoff.delay(afterFailures: 0) == .milliseconds(milliseconds))
    }

    @Test func jitterNeverExceedsTheCap() {
        let backoff = WatcherBackoff(jitter: { 0.99 })
        #expect(backoff.delay(afterFailures: 10) == .seconds(30))
    }
}
