import MetricxSemantics

/// One metric definition, as its YAML document describes it (see `examples/metrics/`).
public struct MetricSpec: Sendable, Equatable {
    /// What the metric is computed from.
    public enum Body: Sendable, Equatable {
        /// A formula over other metrics: `(revenue - spend) / spend`.
        case formula(String)
        /// For a raw source: the SELECT that produces it.
        case sql(String)
    }

    /// Where a field's value starts in the document, so later checks can point at it.
    public struct Location: Sendable, Equatable {
        public var line: Int
        public var column: Int
        /// A `|` or `>` block: its text starts on the next line, at column 1 of the text.
        public var isBlock: Bool

        public init(line: Int, column: Int, isBlock: Bool = false) {
            self.line = line
            self.column = column
            self.isBlock = isBlock
        }

        /// The document position of `column` on `line` (both 1-based) of the field's text.
        func position(line textLine: Int, column textColumn: Int) -> (line: Int, column: Int?) {
            if isBlock { return (line + textLine, nil) }
            return (line + textLine - 1, textLine == 1 ? column + textColumn - 1 : nil)
        }
    }

    public var name: String
    public var description: String
    public var owner: String
    public var unit: MetricUnit
    public var body: Body
    public var tags: [String]
    public var criticality: Criticality
    /// Field name to where its value starts; empty for specs built in code.
    public var locations: [String: Location]

    public init(
        name: String, description: String = "", owner: String = "", unit: MetricUnit, body: Body, tags: [String] = [],
        criticality: Criticality = .medium, locations: [String: Location] = [:]
    ) {
        self.name = name
        self.description = description
        self.owner = owner
        self.unit = unit
        self.body = body
        self.tags = tags
        self.criticality = criticality
        self.locations = locations
    }

    public var formula: String? {
        if case .formula(let text) = body { return text }
        return nil
    }

    public var sql: String? {
        if case .sql(let text) = body { return text }
        return nil
    }

    /// The metrics the formula names; none for a SQL source or an unparsable formula.
    public var references: [String] {
        guard let formula, let expression = try? FormulaParser.parse(formula) else { return [] }
        return expression.references
    }

    /// The line of `field`'s value, for errors; nil for specs built in code.
    func line(of field: String) -> Int? {
        locations[field]?.line
    }
}
