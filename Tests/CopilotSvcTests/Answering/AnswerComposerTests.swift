import MetricxProtos
import MetricxSemantics
import Testing

@testable import CopilotSvc

/// How a comparison is said when its period is still running (it ends today).
struct AnswerComposerTests {
    /// "`metric` for `range` against `comparison`", the way MetricsSvc resolves and sums it.
    static func comparison(_ metric: String, _ value: Double, _ previous: Double, range: (String, String), comparison: (String, String))
        -> (Understanding, Metricx_V1_QueryResult)
    {
        var query = Metricx_V1_SemanticQuery()
        query.metrics = [metric]
        var result = Metricx_V1_QueryResult()
        result.query = query
        result.resolved.range = .with {
            $0.start = range.0
            $0.end = range.1
        }
        result.resolved.comparison = .with {
            $0.start = comparison.0
            $0.end = comparison.1
        }
        result.data.totals = [
            .with {
                $0.metric = metric
                $0.value = value
            }
        ]
        result.data.comparisonTotals = [
            .with {
                $0.metric = metric
                $0.value = previous
            }
        ]
        return (Understanding(intent: .compare, query: query), result)
    }

    static let earlyMonday = OpenDay(day: CalendarDay(year: 2026, month: 12, day: 7), through: "01:45")

    @Test func aSumSoFarTodayIsNotComparedWithAWholeDay() {
        let (understanding, result) = Self.comparison(
            "spend", 105.11, 2_836.44, range: ("2026-12-07", "2026-12-07"), comparison: ("2026-11-30", "2026-11-30"))
        let text = AnswerComposer(format: ValueFormat(currency: "USD"), openDay: Self.earlyMonday).compose(understanding, result: result)
            .text
        #expect(
            text == [
                "Spend was $105.11 for Dec 7, 2026 (through 01:45 today) vs $2,836.44 for Nov 30, 2026; "
                    + "today is not over, so the two totals are not comparable yet."
            ])
    }

    @Test func aRatioSoFarTodayKeepsItsChange() {
        let (understanding, result) = Self.comparison(
            "cpc", 0.80, 0.74, range: ("2026-12-01", "2026-12-07"), comparison: ("2026-11-01", "2026-11-07"))
        let text = AnswerComposer(format: ValueFormat(currency: "USD"), openDay: Self.earlyMonday).compose(understanding, result: result)
            .text
        #expect(text.count == 1)
        #expect(text[0].hasPrefix("CPC was $0.80 for Dec 1 – Dec 7, 2026 (through 01:45 today) vs $0.74 for Nov 1 – Nov 7, 2026, up 8"))
    }

    @Test func wholeDaysAreComparedAsBefore() {
        let (understanding, result) = Self.comparison(
            "spend", 2_500, 2_836.44, range: ("2026-12-06", "2026-12-06"), comparison: ("2026-11-29", "2026-11-29"))
        let text = AnswerComposer(format: ValueFormat(currency: "USD"), openDay: Self.earlyMonday).compose(understanding, result: result)
            .text
        #expect(text == ["Spend was $2,500.00 for Dec 6, 2026 vs $2,836.44 for Nov 29, 2026, down 11.9%."])
    }
}
