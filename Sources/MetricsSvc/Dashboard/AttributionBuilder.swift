import Foundation
import MetricxProtos

/// The dashboard's attribution block: what the ad platforms claim against what the store sold.
///
/// Store providers (Shopify) ingest orders as revenue under pseudo-campaigns named by the visit's
/// `utm_campaign`. A store campaign is attributed to a platform campaign when its name equals the
/// platform campaign's name or external id (case-insensitive) — the two values ad platforms'
/// dynamic URL parameters put there (`{{campaign.name}}`, `{{campaign.id}}`).
struct AttributionBuilder: Sendable {
    /// Providers whose rows are store orders rather than ad-platform reports.
    static let storeProviders = ["shopify"]
    /// Platform campaigns listed in `by_campaign`, by spend.
    static let campaignRows = 10

    static var platformOnly: Metricx_V1_Filter {
        .with {
            $0.dimension = "provider"
            $0.op = "not_in"
            $0.values = storeProviders
        }
    }

    static var storeOnly: Metricx_V1_Filter {
        .with {
            $0.dimension = "provider"
            $0.op = "in"
            $0.values = storeProviders
        }
    }

    let engine: SemanticEngine

    /// Nil when the workspace has no store; zeros when it has one that sold nothing in the range.
    func build(range: Metricx_V1_TimeRange, planner: QueryPlanner, workspaceID: UUID) async throws -> Metricx_V1_Attribution? {
        guard try await hasStore(workspaceID: workspaceID) else { return nil }
        let campaigns = { (metrics: [String], filter: Metricx_V1_Filter) in
            Metricx_V1_SemanticQuery.with {
                $0.metrics = metrics
                $0.timeRange = range
                $0.filters = [filter]
                $0.breakdown = .with {
                    $0.dimension = "campaign"
                    $0.limit = Int32(QueryPlanner.maximumBreakdownLimit)
                }
            }
        }
        let platformQuery = campaigns(["spend", "revenue"], Self.platformOnly)
        let storeQuery = campaigns(["revenue"], Self.storeOnly)
        async let platformResult = engine.execute(try planner.plan(platformQuery), workspaceID: workspaceID, query: platformQuery)
        async let storeResult = engine.execute(try planner.plan(storeQuery), workspaceID: workspaceID, query: storeQuery)
        let (platform, store) = try await (platformResult, storeResult)
        return Self.attribution(platform: platform.data, store: store.data)
    }

    /// The block from a platform breakdown (spend, revenue by campaign) and a store breakdown
    /// (revenue by UTM campaign).
    static func attribution(platform: Metricx_V1_QueryData, store: Metricx_V1_QueryData) -> Metricx_V1_Attribution {
        let spend = platform.totals["spend"] ?? 0
        var storeByName: [String: Double] = [:]
        for row in store.breakdown where row.key != "other" {
            storeByName[row.label.lowercased(), default: 0] += row.values["revenue"] ?? 0
        }
        func storeRevenue(_ row: Metricx_V1_BreakdownRow) -> Double? {
            storeByName[row.label.lowercased()] ?? storeByName[row.key.lowercased()]
        }

        var attribution = Metricx_V1_Attribution()
        attribution.platformRevenue = platform.totals["revenue"] ?? 0
        attribution.storeRevenue = store.totals["revenue"] ?? 0
        if spend > 0 { attribution.blendedRoas = attribution.storeRevenue / spend }
        // Each store campaign counts once, however many platform campaigns share its name.
        var matched = Set<String>()
        for row in platform.breakdown where row.key != "other" {
            for name in [row.label.lowercased(), row.key.lowercased()] where storeByName[name] != nil {
                matched.insert(name)
            }
        }
        attribution.attributedStoreRevenue = matched.reduce(0) { $0 + storeByName[$1]! }
        attribution.byCampaign = platform.breakdown
            .filter { $0.key != "other" }
            .sorted { ($0.values["spend"] ?? 0) > ($1.values["spend"] ?? 0) }
            .prefix(campaignRows)
            .map { row in
                let spend = row.values["spend"] ?? 0
                let store = storeRevenue(row) ?? 0
                return .with {
                    $0.key = row.key
                    $0.label = row.label
                    $0.values = [
                        .with {
                            $0.metric = "spend"
                            $0.value = spend
                        },
                        .with {
                            $0.metric = "platform_revenue"
                            if let value = row.values["revenue"] { $0.value = value }
                        },
                        .with {
                            $0.metric = "store_revenue"
                            $0.value = store
                        },
                        .with {
                            $0.metric = "store_roas"
                            if spend > 0 { $0.value = store / spend }
                        },
                    ]
                }
            }
        return attribution
    }

    private func hasStore(workspaceID: UUID) async throws -> Bool {
        try await engine.postgres.query(
            "SELECT EXISTS (SELECT 1 FROM metrics.entities WHERE workspace_id = $1 AND provider = ANY($2::text[]))",
            workspaceID, Self.storeProviders
        ).single().decode(Bool.self, at: 0)
    }
}
