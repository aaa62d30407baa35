extension Incident {
    /// The most affected objects listed.
    public static let maxAffectedObjects = 20
    /// The most timeline entries kept.
    public static let maxTimelineEntries = 50
    /// The most pending deliveries per receiver.
    public static let maxPendingDeliveries = 20

    /// Every problem of the incident, each with its field path: identity, bounds and phase consistency.
    public func validate() -> [ValidationError] {
        var validator = Validator()
        validator.checkMetadata(metadata)
        let path = FieldPath("spec")
        validator.checkReference(spec.alertRuleRef, at: path.child("alertRuleRef"))
        if validator.requireNonEmpty(spec.fingerprint, at: path.child("fingerprint")) {
            validator.checkMaxLength(spec.fingerprint, 256, at: path.child("fingerprint"))
        }
        validator.checkAlertLabels(spec.groupLabels, at: path.child("groupLabels"))
        guard let status else { return validator.errors }
        let statusPath = FieldPath("status")
        if let level = status.escalationLevel { validator.checkMinimum(level, 0, at: statusPath.child("escalationLevel")) }
        validator.checkMaxItems(status.affectedObjects, Self.maxAffectedObjects, at: statusPath.child("affectedObjects"))
        validator.checkMaxItems(status.timeline, Self.maxTimelineEntries, at: statusPath.child("timeline"))
        switch status.phase {
        case .firing:
            break
        case .acknowledged:
            if status.acknowledgedTime == nil {
                validator.add(.required, at: statusPath.child("acknowledgedTime"), "is required when phase is Acknowledged")
            }
        case .resolved:
            if status.resolvedTime == nil {
                validator.add(.required, at: statusPath.child("resolvedTime"), "is required when phase is Resolved")
            }
        }
        for (name, time) in [("acknowledgedTime", status.acknowledgedTime), ("resolvedTime", status.resolvedTime)] {
            if let time, time < status.startTime {
                validator.add(.invalid, at: statusPath.child(name), "must not be before startTime (\(status.startTime))")
            }
        }
        for (index, delivery) in (status.deliveries ?? []).enumerated() {
            let item = statusPath.child("deliveries").index(index)
            validator.requireNonEmpty(delivery.receiver, at: item.child("receiver"))
            validator.checkMaxItems(delivery.pending, Self.maxPendingDeliveries, at: item.child("pending"))
            validator.checkUniqueNames((delivery.pending ?? []).map(\.id), at: item.child("pending"), field: "id")
        }
        validator.checkUniqueNames((status.deliveries ?? []).map(\.receiver), at: statusPath.child("deliveries"), field: "receiver")
        return validator.errors
    }
}
