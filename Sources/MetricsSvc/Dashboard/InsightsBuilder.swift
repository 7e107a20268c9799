import Foundation
import MetricxProtos
import MetricxSemantics

/// A few short sentences for dashboard widgets, each computed from the semantic layer: the
/// change in spend and revenue, the campaign that moved most, and the best and worst campaign by
/// ROAS among those with a meaningful share of spend. Nothing is said that the numbers do not show:
/// a period that ends today is said to run so far, and no sum of it is compared with whole days.
struct InsightsBuilder: Sendable {
    /// Campaigns below this share of spend are too small to call best or worst.
    static let minimumShare = 0.05

    let engine: SemanticEngine

    func build(timeRange: Metricx_V1_TimeRange?, planner: QueryPlanner, workspaceID: UUID, currency: String) async throws
        -> Metricx_V1_InsightsResponse
    {
        let query = Metricx_V1_SemanticQuery.with {
            $0.metrics = ["spend", "revenue", "roas"]
            if let timeRange { $0.timeRange = timeRange }
            $0.comparison = .with { $0.type = "previous_period" }
            $0.breakdown = .with {
                $0.dimension = "campaign"
                $0.limit = Int32(QueryPlanner.maximumBreakdownLimit)
            }
            // Like the dashboard's KPIs: a store's orders would count the platforms' revenue twice.
            $0.filters = [AttributionBuilder.platformOnly]
        }
        let result = try await engine.execute(try planner.plan(query), workspaceID: workspaceID, query: query)
        let format = MoneyFormat(currency: currency)
        var insights: [Metricx_V1_Insight] = []

        let totals = result.data.totals
        let previous = result.data.comparisonTotals
        // A period ending today runs only to now: its sums are not set against whole days.
        let running = CalendarDay(result.resolved.range.end) == planner.today
        for metric in ["spend", "revenue"] {
            guard let now = totals[metric] else { continue }
            var text = "\(metric.capitalized) was \(format.money(now))"
            if running {
                text += " so far (today is not over); the whole previous period had \(format.money(previous[metric] ?? 0))."
            } else if let before = previous[metric], before != 0 {
                let change = (now - before) / before
                text += ", \(change >= 0 ? "up" : "down") \(format.percent(abs(change))) on the previous period (\(format.money(before)))."
            } else {
                text += "; the previous period had none to compare with."
            }
            insights.append(
                .with {
                    $0.kind = "total_change"
                    $0.metric = metric
                    $0.text = text
                    $0.value = now
                })
        }

        let campaigns = result.data.breakdown.filter { $0.key != "other" }
        let movers = campaigns.compactMap { row -> (Metricx_V1_BreakdownRow, Double, Double)? in
            guard let now = row.values["spend"] else { return nil }
            let before = row.comparisonValues["spend"] ?? 0
            return (row, now, before)
        }
        if !running, let (row, now, before) = movers.max(by: { abs($0.1 - $0.2) < abs($1.1 - $1.2) }), now != before {
            let direction = now > before ? "rose" : "fell"
            insights.append(
                .with {
                    $0.kind = "biggest_mover"
                    $0.metric = "spend"
                    $0.entityKey = row.key
                    $0.value = now - before
                    $0.text = "\(row.label) moved most: spend \(direction) from \(format.money(before)) to \(format.money(now))."
                })
        }

        let totalSpend = totals["spend"] ?? 0
        let sizable = campaigns.filter { row in
            guard totalSpend > 0, let spend = row.values["spend"], row.values["roas"] != nil else { return false }
            return spend / totalSpend >= Self.minimumShare
        }
        if sizable.count >= 2,
            let best = sizable.max(by: { $0.values["roas"]! < $1.values["roas"]! }),
            let worst = sizable.min(by: { $0.values["roas"]! < $1.values["roas"]! })
        {
            for (kind, row, word) in [("best_campaign", best, "best"), ("worst_campaign", worst, "weakest")] {
                let roas = row.values["roas"]!
                insights.append(
                    .with {
                        $0.kind = kind
                        $0.metric = "roas"
                        $0.entityKey = row.key
                        $0.value = roas
                        $0.text =
                            "\(row.label) had the \(word) ROAS: \(String(format: "%.2f", roas)) on \(format.money(row.values["spend"]!)) of spend."
                    })
            }
        }
        return .with {
            $0.resolved = result.resolved
            $0.insights = insights
        }
    }
}

/// Money and percentages for sentences: "$1,234.56", "1,234.56 EUR", "12.3%".
struct MoneyFormat {
    let currency: String

    func money(_ value: Double) -> String {
        let formatter = NumberFormatter()
        formatter.numberStyle = .decimal
        formatter.minimumFractionDigits = 2
        formatter.maximumFractionDigits = 2
        formatter.locale = Locale(identifier: "en_US")
        let number = formatter.string(from: NSNumber(value: value)) ?? String(format: "%.2f", value)
        return currency == "USD" || currency.isEmpty ? "$\(number)" : "\(number) \(currency)"
    }

    func percent(_ fraction: Double) -> String {
        String(format: "%.1f%%", fraction * 100)
    }
}
