import Testing
import TocsinAPI
import TocsinControllers

@Suite("NamespacePolicy decides which Monitors may watch other namespaces")
struct NamespacePolicyTests {
    static let policy = NamespacePolicy(privilegedNamespaces: ["tocsin-system", "platform"])

    @Test(arguments: [
        ("shop", MonitorNamespaceSelection.own, true),
        ("shop", .names(["shop"]), true),
        ("shop", .names(["shop", "payments"]), false),
        ("shop", .names(["payments"]), false),
        ("shop", .selector(LabelSelector(matchLabels: ["team": "shop"])), false),
        ("shop", .selector(LabelSelector()), false),
        ("tocsin-system", .names(["payments"]), true),
        ("platform", .selector(LabelSelector()), true),
    ])
    func allowsOnlyPrivilegedNamespacesToLookElsewhere(
        namespace: String, selection: MonitorNamespaceSelection, isAllowed: Bool
    ) {
        #expect((Self.policy.violation(of: selection, in: namespace) == nil) == isAllowed)
    }

    @Test func selectorViolationSaysWhichNamespacesMayAndHowToAllowIt() {
        let message = Self.policy.violation(of: .selector(LabelSelector()), in: "shop")

        #expect(message == "Monitors in namespace \"shop\" may watch only their own namespace, but this one selects "
            + "namespaces by label selector (only Monitors in \"platform\", \"tocsin-system\" may); remove "
            + "spec.namespaces, move the Monitor to a privileged namespace, or add \"shop\" to the operator's "
            + "privileged namespaces")
    }

    @Test func defaultPolicyPrivilegesOnlyTheOperatorNamespace() {
        let policy = NamespacePolicy.operatorNamespaceOnly("tocsin-system")

        #expect(policy.privilegedNamespaces == ["tocsin-system"])
        #expect(policy.isPrivileged("tocsin-system"))
        #expect(!policy.isPrivileged("default"))
    }

    @Test(arguments: [
        (MonitorSpec(), MonitorNamespaceSelection.own),
        (MonitorSpec(namespaces: MonitorNamespaces(names: ["a"])), .names(["a"])),
        (MonitorSpec(namespaces: MonitorNamespaces(selector: LabelSelector())), .selector(LabelSelector())),
    ])
    func selectionOfASpec(spec: MonitorSpec, expected: MonitorNamespaceSelection) {
        #expect(MonitorNamespaceSelection(spec) == expected)
    }
}
