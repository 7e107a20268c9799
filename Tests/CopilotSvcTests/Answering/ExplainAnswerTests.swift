import MetricxProtos
import MetricxSemantics
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

extension ExplainAnswerTests {
    @Test func aSumSoFarTodayHasNoChangeToExplainYet() {
        var explanation = Metricx_V1_ExplainResponse()
        explanation.value = 105.11
        explanation.previous = 3_265.59
        explanation.resolved.range = .with {
            $0.start = "2026-12-07"
            $0.end = "2026-12-07"
        }
        explanation.resolved.comparison = .with {
            $0.start = "2026-12-06"
            $0.end = "2026-12-06"
        }
        explanation.rootCauses = [.with { $0.elements = ["campaign": "Brand"] }]
        let text = ExplainAnswer(format: ValueFormat(currency: "USD")).text(
            explanation, metric: "spend", assumedDirection: -1, timeZone: .gmt,
            openDay: OpenDay(day: CalendarDay(year: 2026, month: 12, day: 7), through: "01:45"))
        #expect(
            text == [
                "Spend was $105.11 for Dec 7, 2026 (through 01:45 today) against $3,265.59 for Dec 6, 2026: "
                    + "today is not over, so there is no change to explain yet. Yesterday or the last 7 days compare whole days."
            ])
    }
}
