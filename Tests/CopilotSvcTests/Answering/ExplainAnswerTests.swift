import MetricxProtos
import Testing

@testable import CopilotSvc

/// How an explanation states what a ratio's cause did: its share of the change and its parts.
struct ExplainAnswerTests {
    @Test func aShareOfTheChangeIsSaidSoThatItCannotBeMisread() {
        #expect(ExplainAnswer.share(0.714, of: "ROAS", change: -1.2) == "71% of the ROAS drop")
        #expect(ExplainAnswer.share(1, of: "ROAS", change: -1.2) == "100% of the ROAS drop")
        #expect(
            ExplainAnswer.share(3.58, of: "CPC", change: 0.001) == "more than the whole CPC rise (358% of it; others offset it)")
        #expect(ExplainAnswer.share(-0.2, of: "CTR", change: 0.3) == "against the CTR rise")
    }

    @Test func thePartsSayWhatMovedAndWhatHeld() {
        var parts = Metricx_V1_RatioParts()
        parts.numeratorName = "revenue"
        parts.denominatorName = "spend"
        parts.numerator = 420
        parts.numeratorExpected = 1_000
        parts.denominator = 505
        parts.denominatorExpected = 500
        #expect(ExplainAnswer.parts(parts) == "its revenue fell 58% while its spend held")
        parts.denominator = 350
        #expect(ExplainAnswer.parts(parts) == "its revenue fell 58% and its spend fell 30%")
        parts.numeratorName = ""
        #expect(ExplainAnswer.parts(parts) == nil)
    }
}
