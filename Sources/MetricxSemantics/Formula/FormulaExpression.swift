/// A metric formula: arithmetic over other metrics and numbers ("revenue / spend",
/// "(revenue - spend) / clicks * 100"). Evaluated over totals, never row by row.
public indirect enum FormulaExpression: Sendable, Equatable, CustomStringConvertible {
    public enum Operator: Character, Sendable {
        case add = "+"
        case subtract = "-"
        case multiply = "*"
        case divide = "/"

        var precedence: Int { self == .add || self == .subtract ? 1 : 2 }
    }

    case number(Double)
    case metric(String)
    case negate(FormulaExpression)
    case binary(Operator, FormulaExpression, FormulaExpression)

    /// The metrics the formula reads, in order of first appearance.
    public var references: [String] {
        var seen: [String] = []
        func walk(_ expression: FormulaExpression) {
            switch expression {
            case .number: break
            case .metric(let name): if !seen.contains(name) { seen.append(name) }
            case .negate(let inner): walk(inner)
            case .binary(_, let left, let right):
                walk(left)
                walk(right)
            }
        }
        walk(self)
        return seen
    }

    /// The value with each metric looked up by `value(of:)`; nil when an input is missing or a
    /// division has a zero denominator (null, never infinity or NaN).
    public func evaluate(_ value: (String) -> Double?) -> Double? {
        switch self {
        case .number(let number): return number
        case .metric(let name): return value(name)
        case .negate(let inner): return inner.evaluate(value).map { -$0 }
        case .binary(let op, let left, let right):
            guard let l = left.evaluate(value), let r = right.evaluate(value) else { return nil }
            switch op {
            case .add: return l + r
            case .subtract: return l - r
            case .multiply: return l * r
            case .divide: return r == 0 ? nil : l / r
            }
        }
    }

    /// The formula written back, with only the parentheses it needs.
    public var description: String {
        func text(_ expression: FormulaExpression, parent: Int, right: Bool) -> String {
            switch expression {
            case .number(let number):
                return number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
            case .metric(let name): return name
            case .negate(let inner): return "-" + text(inner, parent: 3, right: false)
            case .binary(let op, let left, let rightSide):
                let body =
                    "\(text(left, parent: op.precedence, right: false)) \(op.rawValue) \(text(rightSide, parent: op.precedence, right: true))"
                return op.precedence < parent || (right && op.precedence == parent) ? "(\(body))" : body
            }
        }
        return text(self, parent: 0, right: false)
    }
}
