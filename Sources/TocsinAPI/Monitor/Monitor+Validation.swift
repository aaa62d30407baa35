extension Monitor {
    /// The most probes a Monitor may declare.
    public static let maxProbes = 50

    /// Every problem of the monitor, each with its field path.
    ///
    /// Not checked here (the reconciler does): whether the operator allows this Monitor to watch other namespaces.
    public func validate() -> [ValidationError] {
        var validator = Validator()
        validator.checkMetadata(metadata)
        let path = FieldPath("spec")
        if let namespaces = spec.namespaces {
            validate(namespaces, at: path.child("namespaces"), into: &validator)
        }
        if let kinds = spec.kinds {
            let kindsPath = path.child("kinds")
            if kinds.isEmpty { validator.add(.required, at: kindsPath, "must have at least one item") }
            var seen: Set<WatchedKind> = []
            for (index, kind) in kinds.enumerated() where !seen.insert(kind).inserted {
                validator.add(.duplicate, at: kindsPath.index(index), "duplicate value \"\(kind.rawValue)\"")
            }
        }
        validator.checkSelector(spec.podSelector, at: path.child("podSelector"))
        validator.checkSelector(spec.nodeSelector, at: path.child("nodeSelector"))
        let probesPath = path.child("probes")
        validator.checkMaxItems(spec.probes, Self.maxProbes, at: probesPath)
        for (index, probe) in (spec.probes ?? []).enumerated() {
            probe.validate(at: probesPath.index(index), into: &validator)
        }
        validator.checkUniqueNames((spec.probes ?? []).map(\.name), at: probesPath)
        validator.checkAlertLabels(spec.labels, at: path.child("labels"))
        if let ownership = spec.ownership {
            let ownershipPath = path.child("ownership")
            if ownership.podAnnotation == nil, ownership.podLabel == nil, ownership.namespaceLabel == nil {
                validator.add(.required, at: ownershipPath, "must set at least one of podAnnotation, podLabel, namespaceLabel")
            }
            for (name, value) in [
                ("podAnnotation", ownership.podAnnotation), ("podLabel", ownership.podLabel),
                ("namespaceLabel", ownership.namespaceLabel), ("label", ownership.label),
            ] {
                if let value { validator.checkLabelKey(value, at: ownershipPath.child(name)) }
            }
            if let annotation = ownership.podAnnotation {
                let lowered = annotation.lowercased()
                if !lowered.hasSuffix("team"), !lowered.hasSuffix("owner") {
                    validator.add(
                        .invalid, at: ownershipPath.child("podAnnotation"),
                        "must end in \"team\" or \"owner\" (e.g. tocsin.dev/team): only those annotations are cached")
                }
            }
        }
        return validator.errors
    }

    private func validate(_ namespaces: MonitorNamespaces, at path: FieldPath, into validator: inout Validator) {
        switch (namespaces.names, namespaces.selector) {
        case (nil, nil):
            validator.add(.required, at: path, "must set exactly one of names, selector")
        case (.some, .some):
            validator.add(.forbidden, at: path, "must set exactly one of names, selector")
        case (let names?, nil):
            validator.requireNonEmpty(names, at: path.child("names"))
            for (index, name) in names.enumerated() where !Syntax.isDNSLabel(name) {
                validator.add(.invalid, at: path.child("names").index(index), "must be a DNS label: at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit")
            }
            validator.checkUniqueNames(names, at: path.child("names"), field: "")
        case (nil, let selector?):
            validator.checkSelector(selector, at: path.child("selector"))
        }
    }
}

extension HTTPProbe {
    /// Adds every problem of the probe to `validator`.
    func validate(at path: FieldPath, into validator: inout Validator) {
        validator.checkDNSLabel(name, at: path.child("name"))
        validator.checkHTTPURL(url, at: path.child("url"))
        validator.checkDuration(interval, at: path.child("interval"), minimum: Self.minimumInterval, maximum: .hours(24))
        validator.checkDuration(timeout, at: path.child("timeout"), minimum: .milliseconds(1))
        if let timeout, timeout > (interval ?? Self.defaultInterval) {
            validator.add(.invalid, at: path.child("timeout"), "must not exceed the interval (\(interval ?? Self.defaultInterval))")
        }
        if let expectedStatus {
            validator.requireNonEmpty(expectedStatus, at: path.child("expectedStatus"))
            for (index, code) in expectedStatus.enumerated() {
                validator.checkRange(code, 100...599, at: path.child("expectedStatus").index(index))
            }
        }
        if let bodyContains { validator.requireNonEmpty(bodyContains, at: path.child("bodyContains")) }
    }
}
