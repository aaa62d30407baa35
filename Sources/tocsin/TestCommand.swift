import ArgumentParser
import Foundation
import TocsinEngine

/// `tocsin test FILE…`: rule unit tests, like `promtool test rules`. Each file gives the rules under test, objects
/// at time offsets and the incidents expected open at given offsets; the real engine runs them on a virtual clock.
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run rule unit tests: objects at time offsets in, the incidents expected open checked (exit 1 on failure).",
        discussion: """
            A test file names its manifests (rules: and schedules:, paths relative to the test file, or inline \
            manifests:), a start instant, steps (objects: Pods, Nodes and Events; delete:; acknowledge:; resolve: \
            at offsets such as 15m) and expectations (expect: the incidents open at an offset, matched by rule and \
            groupLabels, with optional phase, severity, summary, subject, value, affectedObjectCount, \
            escalationLevel, paged and labels). Prints OK or FAILED per file, with one line per difference.
            """)

    @Argument(help: "Test files.")
    var files: [String]

    func run() throws {
        var failed = 0
        for file in files {
            let failures = Self.failures(ofTestFile: file)
            if failures.isEmpty {
                print("\(file): OK")
            } else {
                failed += 1
                print("\(file): FAILED")
                for failure in failures { print("  \(failure)") }
            }
        }
        let noun = files.count == 1 ? "file" : "files"
        print("\(files.count) test \(noun): \(files.count - failed) passed, \(failed) failed")
        if failed > 0 { throw ExitCode.failure }
    }

    /// Everything wrong with one test file: unreadable or malformed files (with `file:line`), problems in its
    /// manifests, and the differences the run found. Empty when the test passes.
    static func failures(ofTestFile file: String) -> [String] {
        let text: String
        do {
            text = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            return ["\(file): cannot read: \(error.localizedDescription)"]
        }
        let test: RuleTestFile
        do {
            test = try RuleTestFile(yaml: text)
        } catch {
            return ["\(file):\(error.line ?? 1): \(error)"]
        }
        var manifests = RuleTestManifests()
        let directory = (file as NSString).deletingLastPathComponent
        for path in test.manifestFiles {
            let resolved = path.hasPrefix("/") ? path : (directory as NSString).appendingPathComponent(path)
            do {
                manifests.add(yaml: try String(contentsOfFile: resolved, encoding: .utf8), source: resolved)
            } catch {
                return ["\(file): cannot read \(resolved) (named in rules or schedules, relative to the test file): "
                    + error.localizedDescription]
            }
        }
        manifests.add(inlineManifestsOf: test, source: file)
        return RuleTestRunner(test: test, manifests: manifests).run().failures
    }
}
