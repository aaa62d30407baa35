extension AlertEngine {
    /// Replaces the labels of the watched namespaces (a Monitor's `ownership.namespaceLabel` reads them). Objects
    /// observed afterwards get the new team; feed the rule's objects again to relabel what is cached.
    public mutating func setNamespaceLabels(_ labels: [String: [String: String]]) {
        namespaceLabels = labels
    }
}
