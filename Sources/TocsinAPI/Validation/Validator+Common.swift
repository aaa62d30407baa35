import KubeCore

extension Validator {
    /// Requires `metadata.name` (or `generateName`) to be a valid object name, and `metadata.namespace`, when set,
    /// to be a DNS label.
    package mutating func checkMetadata(_ metadata: ObjectMeta) {
        let path = FieldPath("metadata")
        if let name = metadata.name, !name.isEmpty {
            checkObjectName(name, at: path.child("name"))
        } else if metadata.generateName?.isEmpty ?? true {
            add(.required, at: path.child("name"), "is required")
        }
        if let namespace = metadata.namespace, !namespace.isEmpty, !Syntax.isDNSLabel(namespace) {
            add(.invalid, at: path.child("namespace"), "must be a DNS label: at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit")
        }
    }

    /// Requires alert labels: keys with label-key syntax, values of at most 256 characters (any text: alert labels
    /// are not Kubernetes labels, so `workload: Deployment/api` is fine).
    package mutating func checkAlertLabels(_ labels: [String: String]?, at path: FieldPath) {
        for (key, value) in (labels ?? [:]).sorted(by: { $0.key < $1.key }) {
            checkLabelKey(key, at: path.key(key))
            checkMaxLength(value, 256, at: path.key(key))
        }
    }

    /// Requires a label selector's keys, values and operators to be consistent.
    package mutating func checkSelector(_ selector: LabelSelector?, at path: FieldPath) {
        guard let selector else { return }
        checkLabels(selector.matchLabels, at: path.child("matchLabels"))
        for (index, requirement) in (selector.matchExpressions ?? []).enumerated() {
            let item = path.child("matchExpressions").index(index)
            checkLabelKey(requirement.key, at: item.child("key"))
            let values = requirement.values ?? []
            switch requirement.operator {
            case .in, .notIn:
                if values.isEmpty { add(.required, at: item.child("values"), "must have at least one item for In and NotIn") }
            case .exists, .doesNotExist:
                if !values.isEmpty { add(.forbidden, at: item.child("values"), "must be empty for Exists and DoesNotExist") }
            }
            for (valueIndex, value) in values.enumerated() where !Syntax.isLabelValue(value) {
                add(.invalid, at: item.child("values").index(valueIndex), "must be a label value: at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit")
            }
        }
    }

    /// Requires a reference's name to be a valid object name.
    package mutating func checkReference(_ reference: LocalObjectReference?, at path: FieldPath) {
        guard let reference else { return }
        checkObjectName(reference.name, at: path.child("name"))
    }

    /// Requires a Secret reference's name and key.
    package mutating func checkSecret(_ selector: SecretKeySelector?, at path: FieldPath) {
        guard let selector else { return }
        checkObjectName(selector.name, at: path.child("name"))
        if requireNonEmpty(selector.key, at: path.child("key")), !Syntax.isSecretKey(selector.key) {
            add(.invalid, at: path.child("key"), "must be a Secret key: at most 253 letters, digits, '-', '_' and '.'")
        }
    }
}

extension Syntax {
    /// Whether `value` is a valid key of a Secret's `data`: 1–253 of `[A-Za-z0-9-_.]`.
    public static func isSecretKey(_ value: String) -> Bool {
        (1...253).contains(value.utf8.count)
            && value.utf8.allSatisfy {
                ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A)
                    || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".")
            }
    }
}
