/// A summary or description template, parsed once and rendered safely many times.
///
/// The syntax is a small subset of Go's text/template, as Prometheus and Alertmanager users know it:
/// `{{ .labels.namespace }}`, pipelines (`{{ .value | humanize }}`), `{{ if }}…{{ else }}…{{ end }}`,
/// `{{ range .objects }}…{{ end }}`, trimming with `{{-` and `-}}`, and a fixed set of functions. Parsing reports
/// every error with its line and column; rendering never throws and is bounded by ``TemplateLimits``.
///
/// ```swift
/// let summary = try Template(parsing: "{{ .labels.pod }} restarted {{ .value }} times")
/// summary.render(["labels": ["pod": "web-0"], "value": 5]).text  // "web-0 restarted 5 times"
/// ```
public struct Template: Sendable, Hashable {
    /// The source the template was parsed from.
    public let source: String
    /// The bounds that apply when it is rendered.
    public let limits: TemplateLimits
    let nodes: [TemplateNode]

    /// Parses a template.
    ///
    /// - Throws: ``TemplateSyntaxError`` listing every problem found, in source order (for example
    ///   `unknown function humanise at 1:14; did you mean humanize?`).
    public init(parsing source: String, limits: TemplateLimits = .default) throws(TemplateSyntaxError) {
        switch TemplateParser.parse(source, limits: limits) {
        case .success(let nodes):
            self.source = source
            self.limits = limits
            self.nodes = nodes
        case .failure(let error):
            throw error
        }
    }

    /// Renders the template with a context. Never fails: missing keys render as empty text; type mismatches render
    /// as empty text and add a warning; the output is cut at ``TemplateLimits/maxOutputBytes`` with `…`.
    public func render(_ context: TemplateContext) -> TemplateRendering {
        TemplateRenderer.render(nodes, context: context, limits: limits)
    }

    /// Lints the template against a sample context, such as the one the engine builds for the AlertRule's
    /// condition: reports every field the sample does not have, with a suggestion when a sibling key is close.
    ///
    /// Inside `{{ range }}`, fields are checked against the sample list's first element (unchecked when the sample
    /// list is empty). Unlike rendering, every branch is checked, taken or not.
    public func check(against sample: TemplateContext) -> [TemplateDiagnostic] {
        var checker = TemplateChecker(root: sample.root)
        checker.check(nodes, dot: sample.root)
        return checker.diagnostics
    }
}
