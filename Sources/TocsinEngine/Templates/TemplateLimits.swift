/// Bounds on what one template may cost, so that a template written by a user can never exhaust the operator.
public struct TemplateLimits: Sendable, Hashable {
    /// The largest rendered text in UTF-8 bytes, the final `…` included; longer output is cut on a character
    /// boundary. Also bounds every intermediate text a function produces.
    public var maxOutputBytes: Int
    /// How many `{{ range }}` iterations one rendering may run in total, across every range (nested ones included).
    public var maxRangeIterations: Int
    /// How deeply `{{ if }}`, `{{ range }}` and parentheses may nest; deeper templates do not parse.
    public var maxNesting: Int
    /// How many warnings one rendering keeps; later ones are dropped.
    public var maxWarnings: Int
    /// How many steps (nodes rendered and commands evaluated) one rendering may take before it stops, so that a
    /// large template inside a long range stays cheap even when it prints nothing.
    public var maxSteps: Int

    /// Creates limits; values below 1 are raised to 1 (and the output to 8 bytes, room for some text and `…`).
    public init(maxOutputBytes: Int = 16 * 1024, maxRangeIterations: Int = 1000, maxNesting: Int = 32,
                maxWarnings: Int = 50, maxSteps: Int = 100_000) {
        self.maxOutputBytes = max(8, maxOutputBytes)
        self.maxRangeIterations = max(1, maxRangeIterations)
        self.maxNesting = max(1, maxNesting)
        self.maxWarnings = max(1, maxWarnings)
        self.maxSteps = max(1, maxSteps)
    }

    /// 16 KiB of output, 1,000 range iterations, 32 levels of nesting, 50 warnings, 100,000 steps.
    public static let `default` = TemplateLimits()
}

/// The result of rendering a template: the text, and what went wrong along the way without stopping it.
public struct TemplateRendering: Sendable, Hashable {
    /// The rendered text, at most ``TemplateLimits/maxOutputBytes`` UTF-8 bytes.
    public var text: String
    /// Type mismatches and limits reached while rendering, in the order they happened (bounded).
    public var warnings: [TemplateDiagnostic]
    /// Whether the text was cut at the output limit (it then ends with `…`).
    public var isTruncated: Bool

    /// Creates a rendering result.
    public init(text: String, warnings: [TemplateDiagnostic] = [], isTruncated: Bool = false) {
        self.text = text
        self.warnings = warnings
        self.isTruncated = isTruncated
    }
}
