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
    static func dates(_ start: String, _ end: String) -> Metricx_V1_DateRange {
        .with {
            $0.start = start
            $0.end = end
        }
    }

    static func resolved(_ range: (String, String), _ comparison: (String, String)) -> Metricx_V1_ResolvedRanges {
        .with {
            $0.range = dates(range.0, range.1)
            $0.comparison = dates(comparison.0, comparison.1)
        }
    }

    @Test func aSumSoFarTodayHasNoChangeToExplainYet() {
        var explanation = Metricx_V1_ExplainResponse()
        explanation.value = 105.11
        explanation.previous = 3_265.59
        explanation.resolved = Self.resolved(("2026-12-07", "2026-12-07"), ("2026-12-06", "2026-12-06"))
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

    @Test func aCutRangeSaysWhyItsWholeDaysAreCompared() {
        var explanation = Metricx_V1_ExplainResponse()
        explanation.value = 1_050
        explanation.previous = 1_500
        explanation.resolved = Self.resolved(("2026-11-16", "2026-11-18"), ("2026-11-09", "2026-11-11"))
        let text = ExplainAnswer(format: ValueFormat(currency: "USD")).text(
            explanation, metric: "revenue", assumedDirection: -1, timeZone: .gmt,
            openDay: OpenDay(day: CalendarDay(year: 2026, month: 11, day: 19), through: "15:00"),
            cutFrom: Self.dates("2026-11-16", "2026-11-19"))
        #expect(
            text.first == "Revenue fell from $1,500.00 to $1,050.00 (-30.0%) for Nov 16 – Nov 18, 2026 compared with Nov 9 – Nov 11, 2026.")
        #expect(
            text.dropFirst().first
                == "Nov 16 – Nov 19, 2026 runs into today, which is not over (it is 15:00), so its whole days are compared with as many days of the comparison."
        )
    }
}
