import ArgumentParser
import Foundation
import TocsinAPI
import TocsinEngine

/// `tocsin oncall`: `show` (the default: `tocsin oncall SCHEDULE.yaml`) and `override`.
///
/// A command group with a default subcommand, because a command with its own positional argument would read
/// `override` as that argument.
struct OnCallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "oncall",
        abstract: "Show who is on call (offline), or create an OnCallOverride in the cluster.",
        subcommands: [OnCallShowCommand.self, OnCallOverrideCommand.self],
        defaultSubcommand: OnCallShowCommand.self)
}

/// `tocsin oncall [show] SCHEDULE.yaml`: who is on call at an instant, the next handoff and the next shifts,
/// computed offline from OnCallSchedule manifests with the operator's calculator.
struct OnCallShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show who is on call, the next handoff and the next shifts of OnCallSchedule manifests (offline).",
        discussion: """
            Times are shown in each schedule's time zone with their UTC offset. A file with several schedules \
            prints them all unless --schedule picks one. This is the default: `tocsin oncall FILE` is \
            `tocsin oncall show FILE`.
            """)

    @Argument(help: "A YAML file with one or more OnCallSchedules.")
    var file: String

    @Option(help: "The instant: RFC 3339 (2026-03-29T09:00:00Z) or local to the schedule (2026-03-29T09:00). Default: now.")
    var at: String?

    @Option(help: "How many upcoming shifts to list.")
    var next = 5

    @Option(help: "The schedule to show (metadata.name), when the file has several.")
    var schedule: String?

    func validate() throws {
        guard (0...500).contains(next) else { throw ValidationError("--next must be between 0 and 500") }
    }

    func run() throws {
        let schedules = try Self.schedules(in: file)
        let chosen = schedule.map { name in schedules.filter { $0.schedule.metadata.name == name } } ?? schedules
        guard !chosen.isEmpty else {
            let names = schedules.compactMap(\.schedule.metadata.name).joined(separator: ", ")
            throw OnCallFileError("\(file): no OnCallSchedule named \(schedule ?? ""): the file has \(names)")
        }
        var reports: [String] = []
        var problems: [String] = []
        for (schedule, line) in chosen {
            let subject = "OnCallSchedule/\(schedule.metadata.name ?? "?")"
            let plan: OnCallPlan
            do {
                plan = try OnCallPlan(spec: schedule.spec)
            } catch {
                problems += error.errors.map { "\(file):\(line): \(subject): \($0)" }
                continue
            }
            let instant: Date
            if let at {
                guard let parsed = OnCallReport.instant(parsing: at, in: plan.timeZone) else {
                    throw ValidationError(
                        "--at \"\(at)\" is not a time: write RFC 3339 (2026-03-29T09:00:00Z) or local YYYY-MM-DDTHH:MM")
                }
                instant = parsed
            } else {
                instant = Date()
            }
            reports.append(OnCallReport(schedule: schedule, plan: plan, at: instant, shiftCount: next).render())
        }
        print(reports.joined(separator: "\n"), terminator: "")
        guard problems.isEmpty else {
            for problem in problems { print(problem) }
            throw ExitCode.failure
        }
    }

    /// The OnCallSchedules of `file` with the line each starts on.
    /// - Throws: ``OnCallFileError`` listing every problem as `file:line: …`, or saying the file has no schedule.
    static func schedules(in file: String) throws -> [(schedule: OnCallSchedule, line: Int)] {
        let text: String
        do {
            text = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            throw OnCallFileError("\(file): cannot read: \(error.localizedDescription)")
        }
        let documents: [ManifestDocument]
        do {
            documents = try ManifestDecoder().decode(yaml: text)
        } catch {
            throw OnCallFileError("\(file):\(error.line ?? 1): invalid YAML: \(error.message)")
        }
        var schedules: [(schedule: OnCallSchedule, line: Int)] = []
        var problems: [String] = []
        for document in documents where document.kind == OnCallSchedule.resourceType.kind {
            let subject = "OnCallSchedule/\(document.name ?? "?")"
            problems += document.errors.map { "\(file):\(document.line): \(subject): \($0)" }
            if document.errors.isEmpty, case .onCallSchedule(let schedule) = document.object {
                schedules.append((schedule, document.line))
            }
        }
        guard problems.isEmpty else { throw OnCallFileError(problems.joined(separator: "\n")) }
        guard !schedules.isEmpty else { throw OnCallFileError("\(file): no OnCallSchedule (kind: OnCallSchedule) in the file") }
        return schedules
    }
}

/// A schedule file that cannot be shown (exit code 1, no usage text): what is wrong, with `file:line`.
struct OnCallFileError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
