import MetricxRootCause
import MetricxSemantics
import Testing

@Suite("Formula decomposition")
struct FormulaDecompositionTests {
    func total(_ effects: [FormulaDecomposition.Effect]) -> Double { effects.reduce(0) { $0 + $1.effect } }

    @Test("ROAS: the revenue and spend effects sum exactly to the change")
    func roas() throws {
        let formula = try FormulaParser.parse("revenue / spend")
        let previous = ["revenue": 3_000.0, "spend": 1_000.0]
        let current = ["revenue": 2_400.0, "spend": 1_200.0]
        let effects = try #require(FormulaDecomposition.decompose(formula, previous: previous, current: current))
        #expect(effects.map(\.input) == ["revenue", "spend"])
        #expect(abs(total(effects) - (2.0 - 3.0)) < 1e-12)
        // Both moved ROAS down; revenue's fall explains more than spend's rise.
        #expect(effects[0].effect < 0 && effects[1].effect < 0)
        #expect(effects[0].effect < effects[1].effect)
        #expect(abs(effects.compactMap(\.share).reduce(0, +) - 1) < 1e-12)
    }

    @Test("three inputs and constants still sum exactly")
    func threeInputs() throws {
        let formula = try FormulaParser.parse("(revenue - spend) / clicks * 100")
        let previous = ["revenue": 510.0, "spend": 130.0, "clicks": 47.0]
        let current = ["revenue": 390.5, "spend": 171.25, "clicks": 61.0]
        let effects = try #require(FormulaDecomposition.decompose(formula, previous: previous, current: current))
        let change = formula.evaluate { current[$0] }! - formula.evaluate { previous[$0] }!
        #expect(abs(total(effects) - change) < 1e-9)
        #expect(effects.count == 3)
    }

    @Test("an additive metric credits each input with its own change")
    func additive() throws {
        let effects = try #require(
            FormulaDecomposition.decompose(
                try FormulaParser.parse("revenue - spend"), previous: ["revenue": 10, "spend": 4], current: ["revenue": 15, "spend": 6]))
        #expect(effects.map(\.effect) == [5, -2])
    }

    @Test("undefined before or after: no decomposition; unchanged: no shares")
    func edges() throws {
        let roas = try FormulaParser.parse("revenue / spend")
        #expect(FormulaDecomposition.decompose(roas, previous: ["revenue": 1, "spend": 0], current: ["revenue": 1, "spend": 1]) == nil)
        let same = try #require(
            FormulaDecomposition.decompose(roas, previous: ["revenue": 2, "spend": 1], current: ["revenue": 4, "spend": 2]))
        #expect(same.allSatisfy { $0.share == nil })
        #expect(abs(total(same)) < 1e-12)
    }
}
