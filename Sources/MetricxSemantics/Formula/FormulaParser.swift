/// Why a formula does not parse, and where: `column` is 1-based within the formula text.
public struct FormulaError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var column: Int

    public var description: String { "column \(column): \(message)" }
}

/// Parses formulas by recursive descent: `expression := term (("+"|"-") term)*`,
/// `term := factor (("*"|"/") factor)*`, `factor := number | name | "(" expression ")" | "-" factor`.
/// Names are lower-case identifiers (`roas`, `net_revenue`).
///
/// A formula is short by nature; the limits keep a hostile one from costing the parser, the
/// evaluator (recursive over the tree) or the store anything: at most ``maximumLength``
/// characters, ``maximumDepth`` levels of parentheses and unary minus, ``maximumOperators``
/// operators, so no tree is deeper than their sum.
public struct FormulaParser {
    public static let maximumLength = 2_000
    public static let maximumDepth = 64
    public static let maximumOperators = 256

    private let characters: [Character]
    private var position = 0
    private var operators = 0

    /// The expression, or a ``FormulaError`` pointing at the offending column.
    public static func parse(_ text: String) throws(FormulaError) -> FormulaExpression {
        guard text.count <= maximumLength else {
            throw FormulaError(message: "the formula is longer than \(maximumLength) characters", column: maximumLength + 1)
        }
        var parser = FormulaParser(characters: Array(text))
        parser.skipSpace()
        guard !parser.atEnd else { throw FormulaError(message: "the formula is empty", column: 1) }
        let expression = try parser.expression(depth: 0)
        parser.skipSpace()
        guard parser.atEnd else { throw parser.error("unexpected \"\(parser.characters[parser.position])\"") }
        return expression
    }

    private init(characters: [Character]) {
        self.characters = characters
    }

    private var atEnd: Bool { position >= characters.count }

    private func error(_ message: String) -> FormulaError {
        FormulaError(message: message, column: position + 1)
    }

    private func check(depth: Int) throws(FormulaError) {
        guard depth < Self.maximumDepth else {
            throw error("the formula nests more than \(Self.maximumDepth) levels of parentheses and minus signs")
        }
    }

    /// Counts the operator at the current position and steps past it.
    private mutating func countOperator() throws(FormulaError) {
        operators += 1
        guard operators <= Self.maximumOperators else { throw error("the formula has more than \(Self.maximumOperators) operators") }
        position += 1
    }

    private mutating func skipSpace() {
        while !atEnd && characters[position].isWhitespace { position += 1 }
    }

    private mutating func expression(depth: Int) throws(FormulaError) -> FormulaExpression {
        try check(depth: depth)
        var left = try term(depth: depth)
        while true {
            skipSpace()
            guard !atEnd, let op = FormulaExpression.Operator(rawValue: characters[position]), op.precedence == 1 else { return left }
            try countOperator()
            left = .binary(op, left, try term(depth: depth))
        }
    }

    private mutating func term(depth: Int) throws(FormulaError) -> FormulaExpression {
        var left = try factor(depth: depth)
        while true {
            skipSpace()
            guard !atEnd, let op = FormulaExpression.Operator(rawValue: characters[position]), op.precedence == 2 else { return left }
            try countOperator()
            left = .binary(op, left, try factor(depth: depth))
        }
    }

    private mutating func factor(depth: Int) throws(FormulaError) -> FormulaExpression {
        skipSpace()
        guard !atEnd else { throw error("the formula ends where a metric, a number or \"(\" was expected") }
        let character = characters[position]
        if character == "(" {
            position += 1
            let inner = try expression(depth: depth + 1)
            skipSpace()
            guard !atEnd, characters[position] == ")" else { throw error("missing \")\"") }
            position += 1
            return inner
        }
        if character == "-" {
            // Unary minus nests like a parenthesis: "- - - … x" is as deep as it is long.
            try check(depth: depth + 1)
            try countOperator()
            return .negate(try factor(depth: depth + 1))
        }
        if character.isNumber || character == "." {
            let start = position
            while !atEnd && (characters[position].isNumber || characters[position] == ".") { position += 1 }
            guard let number = Double(String(characters[start..<position])), number.isFinite else {
                position = start
                throw error("\"\(String(characters[start..<min(start + 20, characters.count)]))\" is not a number")
            }
            return .number(number)
        }
        if character.isLetter || character == "_" {
            let start = position
            while !atEnd && (characters[position].isLetter || characters[position].isNumber || characters[position] == "_") {
                position += 1
            }
            let name = String(characters[start..<position])
            guard name.allSatisfy({ $0.isASCII }) else {
                position = start
                throw error("metric names are ASCII letters, digits and underscores")
            }
            return .metric(name.lowercased())
        }
        throw error("unexpected \"\(character)\"; expected a metric, a number or \"(\"")
    }
}
