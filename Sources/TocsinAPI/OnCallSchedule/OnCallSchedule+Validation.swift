extension OnCallSchedule {
    /// The most rotations a schedule may have.
    public static let maxRotations = 10
    /// The most participants a rotation may have.
    public static let maxParticipants = 100
    /// The most overrides a schedule may have.
    public static let maxOverrides = 100

    /// Every problem of the schedule, each with its field path.
    public func validate() -> [ValidationError] {
        var validator = Validator()
        validator.checkMetadata(metadata)
        let path = FieldPath("spec")
        validator.checkTimeZone(spec.timeZone, at: path.child("timeZone"))
        let rotationsPath = path.child("rotations")
        validator.requireNonEmpty(spec.rotations, at: rotationsPath)
        validator.checkMaxItems(spec.rotations, Self.maxRotations, at: rotationsPath)
        for (index, rotation) in spec.rotations.enumerated() {
            rotation.validate(at: rotationsPath.index(index), into: &validator)
        }
        validator.checkUniqueNames(spec.rotations.map(\.name), at: rotationsPath)
        let overridesPath = path.child("overrides")
        validator.checkMaxItems(spec.overrides, Self.maxOverrides, at: overridesPath)
        let rotationNames = Set(spec.rotations.map(\.name))
        for (index, override) in (spec.overrides ?? []).enumerated() {
            let item = overridesPath.index(index)
            if override.end <= override.start {
                validator.add(.invalid, at: item.child("end"), "must be after start (\(override.start))")
            }
            override.participant.validate(at: item.child("participant"), into: &validator)
            for (name, value) in [("effectiveFrom", override.participant.effectiveFrom), ("effectiveUntil", override.participant.effectiveUntil)]
            where value != nil {
                validator.add(.forbidden, at: item.child("participant").child(name), "must not be set in an override")
            }
            if let rotation = override.rotation, !rotationNames.contains(rotation) {
                validator.add(.invalid, at: item.child("rotation"), "must name a rotation of this schedule: \(spec.rotations.map(\.name).joined(separator: ", "))")
            }
            validator.checkMaxLength(override.reason, 256, at: item.child("reason"))
        }
        spec.notifications?.validate(at: path.child("notifications"), into: &validator)
        return validator.errors
    }
}

extension Rotation {
    /// Adds every problem of the rotation to `validator`.
    func validate(at path: FieldPath, into validator: inout Validator) {
        validator.checkDNSLabel(name, at: path.child("name"))
        let participantsPath = path.child("participants")
        validator.requireNonEmpty(participants, at: participantsPath)
        validator.checkMaxItems(participants, OnCallSchedule.maxParticipants, at: participantsPath)
        for (index, participant) in participants.enumerated() {
            let item = participantsPath.index(index)
            participant.validate(at: item, into: &validator)
            if let from = participant.effectiveFrom, let until = participant.effectiveUntil, until <= from {
                validator.add(.invalid, at: item.child("effectiveUntil"), "must be after effectiveFrom (\(from))")
            }
        }
        validator.checkUniqueNames(participants.map(\.name), at: participantsPath)
        let hour = KubeDuration.hours(1).milliseconds
        let day = KubeDuration.days(1).milliseconds
        let length = shiftLength.milliseconds
        if length <= 0 {
            validator.add(.invalid, at: path.child("shiftLength"), "must be positive")
        } else if length % hour != 0 || (length < day && day % length != 0) || (length > day && length % day != 0) {
            validator.add(.invalid, at: path.child("shiftLength"), "must be whole hours dividing a day (1h, 2h, 3h, 4h, 6h, 8h, 12h) or whole days (1d, 1w, 14d)")
        } else if shiftLength > .days(365) {
            validator.add(.invalid, at: path.child("shiftLength"), "must be at most 365d")
        }
        validator.checkTimeOfDay(handoffTime, at: path.child("handoffTime"))
        if let restrictions {
            validator.requireNonEmpty(restrictions, at: path.child("restrictions"))
            for (index, window) in restrictions.enumerated() {
                validator.checkWindow(
                    daysOfWeek: window.daysOfWeek, startTime: window.startTime, endTime: window.endTime,
                    at: path.child("restrictions").index(index)
                )
            }
        }
    }
}

extension Participant {
    /// Adds every problem of the participant's identity to `validator`.
    func validate(at path: FieldPath, into validator: inout Validator) {
        if validator.requireNonEmpty(name, at: path.child("name")) {
            validator.checkMaxLength(name, 63, at: path.child("name"))
        }
        if let slackUserID, !Syntax.isSlackUserID(slackUserID) {
            validator.add(.invalid, at: path.child("slackUserID"), "must be a Slack user ID such as U0123456789")
        }
        if let opsgenieUser, !opsgenieUser.contains("@") {
            validator.add(.invalid, at: path.child("opsgenieUser"), "must be an Opsgenie username (an e-mail address)")
        }
        if let timeZone { validator.checkTimeZone(timeZone, at: path.child("timeZone")) }
    }
}

extension Syntax {
    /// Whether `value` is a Slack user ID: `U` or `W` and at least 8 of `[A-Z0-9]`.
    public static func isSlackUserID(_ value: String) -> Bool {
        let bytes = Array(value.utf8)
        guard let first = bytes.first, first == UInt8(ascii: "U") || first == UInt8(ascii: "W"), bytes.count >= 9 else {
            return false
        }
        return bytes.allSatisfy { ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) }
    }
}

extension OnCallSchedule {
    /// The schedule with defaults filled in: `layering: precedence`.
    public func withDefaults() -> OnCallSchedule {
        var copy = self
        copy.spec.layering = spec.layering ?? .precedence
        return copy
    }
}
