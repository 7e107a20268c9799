import MetricxSemantics
import Testing

@Suite("Formula parser")
struct FormulaParserTests {
    @Test("precedence, parentheses, unary minus and the references read")
    func parses() throws {
        let formula = try FormulaParser.parse(" (Revenue - spend) / clicks * 100 ")
        #expect(formula.description == "(revenue - spend) / clicks * 100")
        #expect(formula.references == ["revenue", "spend", "clicks"])
        #expect(formula.evaluate { ["revenue": 30, "spend": 10, "clicks": 4][$0] } == 500)
        #expect(try FormulaParser.parse("a - (b - c)").description == "a - (b - c)")
        #expect(try FormulaParser.parse("a - b - c").evaluate { ["a": 10, "b": 3, "c": 2][$0] } == 5)
        #expect(try FormulaParser.parse("-roas + 1.5").evaluate { _ in 2 } == -0.5)
    }

    @Test("a zero denominator or a missing input is null")
    func undefined() throws {
        let roas = try FormulaParser.parse("revenue / spend")
        #expect(roas.evaluate { ["revenue": 5, "spend": 0][$0] } == nil)
        #expect(roas.evaluate { ["revenue": 5][$0] } == nil)
    }

    @Test(
        "malformed formulas point at the column",
        arguments: [
            ("", 1, "empty"), ("revenue /", 10, "ends"), ("(revenue / spend", 17, "missing \")\""),
            ("revenue $ spend", 9, "unexpected \"$\""), ("revenue spend", 9, "unexpected \"s\""),
            ("1.2.3 * spend", 1, "not a number"), ("revenue / )", 11, "unexpected \")\""),
        ])
    func errors(text: String, column: Int, message: String) {
        #expect {
            _ = try FormulaParser.parse(text)
        } throws: { error in
            guard let error = error as? FormulaError else { return false }
            return error.column == column && error.message.contains(message)
        }
    }
}
