import ArgumentParser
import Foundation
import TocsinAPI

/// `tocsin crds`: prints Tocsin's CustomResourceDefinitions, or writes one file per kind.
struct CRDsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crds",
        abstract: "Print Tocsin's CustomResourceDefinitions as multi-document YAML (kubectl apply -f -).",
        discussion: "With --output-dir, write one file per kind (<plural>.tocsin.dev.yaml) instead; hack/gen-crds.sh uses it."
    )

    @Option(help: "Write one file per kind into this directory instead of printing.")
    var outputDir: String?

    func run() throws {
        guard let outputDir else {
            print(try CustomResourceDefinition.yaml(), terminator: "")
            return
        }
        let directory = URL(fileURLWithPath: outputDir, isDirectory: true)
        for definition in CustomResourceDefinition.all {
            let file = directory.appendingPathComponent(definition.fileName)
            do {
                try Data(try definition.yaml().utf8).write(to: file, options: .atomic)
            } catch {
                throw ValidationError("cannot write \(file.path): \(error); check that \(outputDir) exists and is writable")
            }
            print(file.path)
        }
    }
}
