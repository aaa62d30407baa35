import Foundation
import Testing
import TocsinAPI

/// The generated schemas are structural, documented, consistent with the Swift types, and accept the examples.
@Suite struct CRDSchemaTests {
    static func definition(kind: String) -> CustomResourceDefinition? {
        CustomResourceDefinition.all.first { $0.resourceType.kind == kind }
    }

    /// Every node of a schema with its path.
    static func nodes(_ schema: SchemaProperty, path: String = "") -> [(path: String, node: SchemaProperty)] {
        var result = [(path, schema)]
        for (key, property) in (schema.properties ?? [:]).sorted(by: { $0.key < $1.key }) {
            result += nodes(property, path: "\(path).\(key)")
        }
        if let items = schema.items { result += nodes(items, path: "\(path)[*]") }
        if let values = schema.additionalProperties { result += nodes(values, path: "\(path){*}") }
        return result
    }

    @Test(arguments: ExampleTests.files)
    func exampleValidatesAgainstItsCRD(file: String) throws {
        let text = try String(contentsOf: Fixtures.examplesDirectory.appendingPathComponent(file), encoding: .utf8)
        let documents = try JSONValue.documents(yaml: text)
        #expect(!documents.isEmpty)
        for document in documents {
            guard case .string(let kind)? = document["kind"], let definition = Self.definition(kind: kind) else {
                Issue.record("\(file): no Tocsin CRD for \(String(describing: document["kind"]))")
                continue
            }
            #expect(SchemaValidator.validate(object: document, against: definition.schema) == [], "\(file)")
        }
    }

    @Test func validatorReportsUnknownFieldsAndBadValues() throws {
        let yaml = """
            apiVersion: tocsin.dev/v1alpha1
            kind: AlertRule
            metadata: {name: x}
            spec:
              monitorRef: {name: production}
              severity: urgent
              condition:
                podRestarts: {count: 0, window: 1h5m1h}
              for: 15 minutes
              routes:
                - slack: {channel: "#a", tokenSecretRef: {name: s, key: k}, colour: red}
              muteWindows:
                - {timeZone: UTC, startTime: "25:00", endTime: "24:00", daysOfWeek: [Monday, Monday]}
              escalation: []
              notifyOnResolve: "yes"
            """
        let document = try #require(try JSONValue.documents(yaml: yaml).first)
        #expect(SchemaValidator.validate(object: document, against: AlertRule.openAPIV3Schema) == [
            "spec.condition.podRestarts.count: less than 1",
            "spec.condition.podRestarts.window: must match \(SchemaPattern.duration)",
            "spec.for: must match \(SchemaPattern.duration)",
            "spec.muteWindows[0].daysOfWeek: duplicate items",
            "spec.muteWindows[0].startTime: must match \(SchemaPattern.timeOfDay)",
            "spec.notifyOnResolve: must be of type boolean",
            "spec.routes[0].slack.colour: unknown field",
            "spec.severity: unsupported value \"urgent\"",
        ])
    }

    @Test(arguments: CustomResourceDefinition.all.map(\.resourceType.kind))
    func schemaIsStructuralAndDocumented(kind: String) throws {
        let schema = try #require(Self.definition(kind: kind)).schema
        for (path, node) in Self.nodes(schema) {
            #expect(node.type != nil || node.preservesUnknownFields == true, "\(kind)\(path): no type")
            #expect(node.type != .array || node.items != nil, "\(kind)\(path): array without items")
            #expect(node.properties == nil || node.additionalProperties == nil, "\(kind)\(path): properties and additionalProperties")
            if node.type == .object, path != ".metadata" {
                #expect(node.properties != nil || node.additionalProperties != nil, "\(kind)\(path): object without fields")
            }
            for key in node.required ?? [] {
                #expect(node.properties?[key] != nil, "\(kind)\(path): required \(key) is not declared")
            }
            for key in node.listMapKeys ?? [] {
                #expect(node.items?.required?.contains(key) == true, "\(kind)\(path): list map key \(key) must be required")
            }
        }
        // The root metadata may carry nothing but its type: the API server refuses a description there.
        for (path, node) in Self.nodes(schema) where !path.hasSuffix("[*]") && !path.hasSuffix("{*}") && path != ".metadata" {
            #expect(!(node.description ?? "").isEmpty, "\(kind)\(path): no description")
        }
    }

    @Test(arguments: CustomResourceDefinition.all.map(\.resourceType.kind))
    func everyCELRuleHasAMessage(kind: String) throws {
        let schema = try #require(Self.definition(kind: kind)).schema
        for (path, node) in Self.nodes(schema) {
            for rule in node.validations ?? [] {
                #expect(!rule.rule.isEmpty, "\(kind)\(path): empty rule")
                #expect(!rule.message.isEmpty, "\(kind)\(path): rule \(rule.rule) has no message")
            }
        }
    }

    @Test(arguments: [
        "0", "30s", "5m", "1h30m", "2d", "1w", "250ms", "1w2d3h4m5s6ms", "1m5ms", "", "5", "1.5h", "-1s", "5m1h", "1h1h",
        "1y", "10us", " 5m", "5m ", "0s", "00", "ms",
    ])
    func durationPatternAgreesWithKubeDuration(text: String) throws {
        let regex = try NSRegularExpression(pattern: SchemaPattern.duration)
        let matches = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil && !text.isEmpty
        #expect(matches == ((try? KubeDuration(parsing: text)) != nil), "\(text)")
    }

    @Test(arguments: ["00:00", "09:30", "23:59", "24:00", "24:01", "9:30", "12:60", "1230", ""])
    func timeOfDayPatternsAgreeWithSyntax(text: String) throws {
        let start = try NSRegularExpression(pattern: SchemaPattern.timeOfDay)
        let end = try NSRegularExpression(pattern: SchemaPattern.timeOfDayOrEndOfDay)
        let range = NSRange(text.startIndex..., in: text)
        #expect((start.firstMatch(in: text, range: range) != nil) == (Syntax.minutesOfDay(text) != nil), "\(text)")
        #expect(
            (end.firstMatch(in: text, range: range) != nil) == (Syntax.minutesOfDay(text, allowsEndOfDay: true) != nil),
            "\(text)"
        )
    }

    @Test func enumsAndConditionRuleComeFromTheSwiftTypes() throws {
        let spec = try #require(AlertRule.openAPIV3Schema.properties?["spec"])
        #expect(spec.properties?["severity"]?.enumValues == Severity.allCases.map(\.rawValue))
        let condition = try #require(spec.properties?["condition"])
        #expect(condition.properties.map { Set($0.keys) } == Set(AlertConditionType.allCases.map(\.rawValue)))
        let rule = try #require(condition.validations?.first)
        let members = AlertConditionType.allCases.map { "has(self.\($0.rawValue))" }.joined(separator: ", ")
        #expect(rule.rule == "[\(members)].filter(x, x).size() == 1")
        #expect(rule.message == "must set exactly one condition type: \(AlertConditionType.supportedValues)")
    }

    @Test func crossFieldRules() throws {
        func rules(_ schema: SchemaProperty?) -> [String] { (schema?.validations ?? []).map(\.rule) }
        let spec = try #require(AlertRule.openAPIV3Schema.properties?["spec"])
        let route = spec.properties?["routes"]?.items
        #expect(rules(route?.properties?["slack"]) == ["has(self.tokenSecretRef) != has(self.webhookSecretRef)"])
        #expect(rules(route?.properties?["opsgenie"]) == ["!(has(self.region) && has(self.baseURL))"])
        #expect(rules(spec.properties?["escalation"]).first?.contains("isSorted()") == true)
        let schedule = try #require(OnCallSchedule.openAPIV3Schema.properties?["spec"])
        #expect(rules(schedule.properties?["overrides"]?.items) == ["self.end > self.start"])
        #expect(schedule.properties?["overrides"]?.items?.properties?["start"]?.format == "date-time")
    }

    @Test func defaultsAreOnlyTheConditionIndependentOnes() throws {
        let spec = try #require(AlertRule.openAPIV3Schema.properties?["spec"])
        #expect(spec.properties?["for"]?.defaultValue == nil)
        #expect(spec.properties?["groupBy"]?.defaultValue == nil)
        #expect(spec.properties?["keepFiringFor"]?.defaultValue == .string("0s"))
        #expect(spec.properties?["repeatInterval"]?.defaultValue == .string("4h"))
        #expect(spec.properties?["notifyOnResolve"]?.defaultValue == .boolean(true))
        #expect(spec.properties?["incidentRetention"]?.defaultValue == .string("30d"))
        #expect(spec.properties?["routes"]?.items?.properties?["opsgenie"]?.properties?["region"]?.defaultValue == nil)
    }
}
