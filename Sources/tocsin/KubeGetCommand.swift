import ArgumentParser
import Foundation
import KubeClient
import KubeCore

/// `tocsin kube get RESOURCE [NAME]`: lists objects (all pages) or reads one, as a table or JSON.
struct KubeGetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get", abstract: "List objects of a resource, or read one by name.")

    @OptionGroup var cluster: ClusterOptions
    @OptionGroup var selection: SelectionOptions

    @Argument(help: "The name of one object to read.")
    var name: String?

    @Option(name: .shortAndLong, help: "Output: table or json.")
    var output: OutputFormat = .table

    enum OutputFormat: String, ExpressibleByArgument {
        case table, json
    }

    func run() async throws {
        let resource = selection.resourceType
        let objects: [GenericObject] = try await withClient(cluster) { client in
            let namespace = selection.namespace(default: client.defaultNamespace)
            if let name {
                return [try await client.get(GenericObject.self, name: name, namespace: namespace, resource: resource)]
            }
            var options = ListOptions()
            options.labelSelector = selection.selector
            options.fieldSelector = selection.fieldSelector
            return try await client.listAll(
                GenericObject.self, namespace: namespace, options: options, resource: resource
            ).items
        }
        // Every output format shows the redacted objects: JSON would print the annotations too.
        let shown = resource.plural == ResourceType.secrets.plural && resource.group.isEmpty
            ? objects.map { $0.redactingSecretValues() } : objects
        switch output {
        case .json:
            let encoder = KubeJSON.makeEncoder()
            encoder.outputFormatting.insert(.prettyPrinted)
            let data = try encoder.encode(name == nil ? JSONValue(encoding: shown) : JSONValue(encoding: shown[0]))
            print(String(decoding: data, as: UTF8.self))
        case .table:
            print(ObjectTable(resource: resource, objects: shown, now: Date()).render(), terminator: "")
        }
    }
}
