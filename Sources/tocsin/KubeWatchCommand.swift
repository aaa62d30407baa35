import ArgumentParser
import Foundation
import KubeClient
import KubeCore

/// `tocsin kube watch RESOURCE`: lists, then prints every change as it happens, resuming after
/// dropped connections from the last resourceVersion seen.
struct KubeWatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch", abstract: "Print changes to a resource as they happen (list, then watch).")

    @OptionGroup var cluster: ClusterOptions
    @OptionGroup var selection: SelectionOptions

    @Option(help: "Stop after this many seconds (0: run until interrupted).")
    var seconds: Int = 0

    func run() async throws {
        let resource = selection.resourceType
        try await withClient(cluster) { client in
            let namespace = selection.namespace(default: client.defaultNamespace)
            var listOptions = ListOptions()
            listOptions.labelSelector = selection.selector
            listOptions.fieldSelector = selection.fieldSelector
            let list = try await client.listAll(
                GenericObject.self, namespace: namespace, options: listOptions, resource: resource)
            for object in list.items { print("EXISTING  \(Self.describe(object))") }
            let deadline = seconds > 0 ? Date().addingTimeInterval(Double(seconds)) : nil
            var resourceVersion = list.metadata.resourceVersion
            while deadline.map({ Date() < $0 }) ?? true {
                var options = WatchOptions()
                options.labelSelector = selection.selector
                options.fieldSelector = selection.fieldSelector
                options.resourceVersion = resourceVersion
                let remaining = deadline.map { max(1, Int($0.timeIntervalSinceNow.rounded(.up))) }
                options.timeoutSeconds = min(remaining ?? 300, 300)
                for try await result in client.watch(
                    GenericObject.self, namespace: namespace, options: options, resource: resource)
                {
                    switch result {
                    case .failure(let error):
                        print("MALFORMED \(error)")
                    case .success(.bookmark(let version)):
                        resourceVersion = version
                    case .success(let event):
                        if let object = event.object {
                            resourceVersion = object.metadata.resourceVersion ?? resourceVersion
                            print("\(event.type.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)) \(Self.describe(object))")
                        }
                    }
                }
            }
        }
    }

    static func describe(_ object: GenericObject) -> String {
        let name = [object.metadata.namespace, object.metadata.name].compactMap { $0 }.joined(separator: "/")
        return "\(name) (resourceVersion \(object.metadata.resourceVersion ?? "?"))"
    }
}
