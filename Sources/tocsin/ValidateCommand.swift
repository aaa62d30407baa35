import ArgumentParser
import Foundation
import TocsinAPI
import TocsinEngine

/// `tocsin validate PATH…`: offline validation of Monitor, AlertRule and OnCallSchedule manifests, for a CI step in
/// the repository that holds them. Prints `file:line: Kind/name: field: problem` and exits non-zero on any problem.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Validate Tocsin manifests offline (files or directories of YAML; exit 1 on any problem).",
        discussion: """
            Checks every document of every .yaml/.yml file (directories are searched recursively) with the same \
            schema and semantic checks as the operator, plus the summary and description templates of AlertRules. \
            Documents of other API groups are skipped.
            """)

    @Argument(help: "Files or directories.")
    var paths: [String]

    @Flag(name: .shortAndLong, help: "Only print problems and the summary line.")
    var quiet = false

    func run() throws {
        var report = ValidationReport()
        for file in try Self.manifestFiles(in: paths) {
            report.check(file: file, quiet: quiet)
        }
        print(report.summary)
        if report.problemCount > 0 { throw ExitCode.failure }
    }

    /// The YAML files named by `paths`, directories expanded recursively, in a stable order.
    /// - Throws: `ValidationError` for a path that does not exist.
    static func manifestFiles(in paths: [String]) throws -> [String] {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw ArgumentParser.ValidationError("\(path): no such file or directory")
            }
            guard isDirectory.boolValue else {
                files.append(path)
                continue
            }
            let enumerator = FileManager.default.enumerator(atPath: path)
            var found: [String] = []
            while let relative = enumerator?.nextObject() as? String {
                if relative.hasSuffix(".yaml") || relative.hasSuffix(".yml") {
                    found.append((path as NSString).appendingPathComponent(relative))
                }
            }
            files += found.sorted()
        }
        return files
    }
}

/// What `tocsin validate` found, file by file.
struct ValidationReport {
    private(set) var documentCount = 0
    private(set) var objectCount = 0
    private(set) var problemCount = 0
    private(set) var fileCount = 0

    mutating func check(file: String, quiet: Bool) {
        fileCount += 1
        let text: String
        do {
            text = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            report("\(file): cannot read: \(error.localizedDescription)")
            return
        }
        let documents: [ManifestDocument]
        do {
            documents = try ManifestDecoder().decode(yaml: text)
        } catch {
            report("\(file):\(error.line.map(String.init) ?? "1"): invalid YAML: \(error.message)")
            return
        }
        for document in documents {
            documentCount += 1
            guard document.isTocsin || !document.errors.isEmpty else { continue }
            if document.isTocsin { objectCount += 1 }
            let subject = "\(document.kind ?? "?")/\(document.name ?? "?")"
            let problems = document.errors.map(\.description) + Self.templateProblems(of: document.object)
            for problem in problems {
                report("\(file):\(document.line): \(subject): \(problem)")
            }
            if problems.isEmpty && !quiet {
                print("\(file):\(document.line): \(subject): ok")
            }
        }
    }

    private mutating func report(_ line: String) {
        problemCount += 1
        print(line)
    }

    /// Parse errors of an AlertRule's summary and description templates, with their field paths.
    static func templateProblems(of object: TocsinObject?) -> [String] {
        guard case .alertRule(let rule) = object else { return [] }
        var problems: [String] = []
        for (field, source) in [("spec.summary", rule.spec.summary), ("spec.description", rule.spec.description)] {
            guard let source else { continue }
            do {
                _ = try Template(parsing: source)
            } catch {
                problems += error.diagnostics.map { "\(field): \($0)" }
            }
        }
        return problems
    }

    var summary: String {
        let noun = problemCount == 1 ? "problem" : "problems"
        return "\(fileCount) files, \(documentCount) documents, \(objectCount) Tocsin objects: \(problemCount) \(noun)"
    }
}
