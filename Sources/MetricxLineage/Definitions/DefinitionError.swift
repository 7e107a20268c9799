import MetricxRuntime

/// Why a metric definition is refused, and where in its YAML document.
public struct DefinitionError: Error, Sendable, Equatable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        public var description: String { name }

        /// The document is not YAML, or not a mapping.
        public static let malformedYAML = Code(name: "malformed_yaml")
        /// A field is missing, unknown, of the wrong type or out of range.
        public static let invalidField = Code(name: "invalid_field")
        /// The name is taken by the built-in catalog or a dimension.
        public static let nameClash = Code(name: "name_clash")
        public static let malformedFormula = Code(name: "malformed_formula")
        public static let malformedSQL = Code(name: "malformed_sql")
        /// The formula names a metric that does not exist.
        public static let unknownReference = Code(name: "unknown_reference")
        /// The formula depends on itself, directly or through other metrics.
        public static let cycle = Code(name: "cycle")
    }

    public var code: Code
    public var message: String
    /// 1-based line in the YAML document; nil when the problem is the document as a whole.
    public var line: Int?
    public var column: Int?

    public init(_ code: Code, _ message: String, line: Int? = nil, column: Int? = nil) {
        self.code = code
        self.message = message
        self.line = line
        self.column = column
    }

    public var description: String {
        switch (line, column) {
        case (let line?, let column?): "line \(line), column \(column): \(message)"
        case (let line?, nil): "line \(line): \(message)"
        default: message
        }
    }
}

extension DefinitionError: ServiceErrorConvertible {
    public var serviceError: ServiceError { .invalidArgument(description, field: "yaml") }
}
