import MetricxSemantics
import Testing

/// #23: a formula of 20,000 unary minuses was accepted (the depth guard skipped the unary path),
/// stored, and then evaluated recursively. Every way to make a tree deep or wide now stops at a
/// limit the message names.
@Suite("Formula limits")
struct FormulaLimitsTests {
    @Test(arguments: [
        (String(repeating: "-", count: 20_000) + "spend", "characters"),
        (String(repeating: "-", count: 1_500) + "spend", "levels"),
        (String(repeating: "- ", count: 100) + "spend", "levels"),
        (String(repeating: "-(", count: 40) + "spend" + String(repeating: ")", count: 40), "levels"),
        (String(repeating: "(", count: 200) + "spend" + String(repeating: ")", count: 200), "levels"),
        (Array(repeating: "spend", count: 300).joined(separator: "+"), "operators"),
        (Array(repeating: "1", count: 300).joined(separator: " * "), "operators"),
        (String(repeating: "spend+", count: 2_000) + "spend", "characters"),
    ])
    func aHostileFormulaIsRefusedByALimit(formula: String, limit: String) {
        let error = #expect(throws: FormulaError.self) { try FormulaParser.parse(formula) }
        #expect(error?.message.contains(limit) == true, "\(error?.message ?? "accepted")")
    }

    @Test func formulasUpToTheLimitsParse() throws {
        let deep = String(repeating: "-", count: FormulaParser.maximumDepth - 1) + "spend"
        #expect(try FormulaParser.parse(deep).references == ["spend"])
        let wide = Array(repeating: "spend", count: FormulaParser.maximumOperators + 1).joined(separator: "+")
        #expect(try FormulaParser.parse(wide).references == ["spend"])
    }
}
