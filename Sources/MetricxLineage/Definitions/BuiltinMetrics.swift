import MetricxSemantics

/// DESIGN.md's catalog as definitions: every workspace's base. The ten measures are raw sources,
/// defined by the SQL over the provider tables the connectors read; the twelve ratios are
/// formulas over them.
public enum BuiltinMetrics {
    public static let owner = "metricx"

    /// By name.
    public static let all: [String: MetricSpec] = {
        var specs: [String: MetricSpec] = [:]
        for measure in Measure.allCases {
            let (description, criticality, sql) = source(measure)
            specs[measure.rawValue] = MetricSpec(
                name: measure.rawValue, description: description, owner: owner,
                unit: [.spend, .revenue, .profit].contains(measure) ? .currency : .count, body: .sql(sql), tags: ["base"],
                criticality: criticality)
        }
        for (name, definition) in MetricCatalog.builtin where !definition.isAdditive {
            specs[name] = MetricSpec(
                name: name, description: ratioDescriptions[name] ?? "", owner: owner, unit: definition.unit,
                body: .formula(definition.formulaText), tags: ["derived"], criticality: ratioCriticality[name] ?? .medium)
        }
        return specs
    }()

    private static let ratioDescriptions = [
        "cpc": "Cost per click.", "cpm": "Cost per thousand impressions.", "cpa": "Cost per conversion.",
        "cpl": "Cost per lead.", "cpi": "Cost per install.", "cpp": "Cost per purchase.",
        "roas": "Return on ad spend: revenue per unit of spend.", "poas": "Profit on ad spend.",
        "arpv": "Average revenue per visitor.", "aov": "Average order value.",
        "ctr": "Click-through rate: clicks per impression.", "cvr": "Conversion rate: conversions per click.",
    ]

    private static let ratioCriticality: [String: Criticality] = [
        "roas": .critical, "poas": .high, "cpa": .high, "cvr": .high, "aov": .medium, "cpc": .medium, "cpm": .low,
        "ctr": .medium, "cpl": .medium, "cpi": .medium, "cpp": .medium, "arpv": .medium,
    ]

    /// Meta reports results as `actions` / `action_values` arrays of (action_type, value).
    private static func metaAction(_ column: String, _ types: [String]) -> String {
        let list = types.map { "'\($0)'" }.joined(separator: ", ")
        return """
            SELECT i.ad_id, i.date_start, sum(a.value) AS value
            FROM meta.ads_insights AS i
            CROSS JOIN LATERAL unnest(i.\(column)) AS a(action_type, value)
            WHERE a.action_type IN (\(list))
            GROUP BY i.ad_id, i.date_start
            """
    }

    private static func csv(_ column: String) -> String {
        "SELECT c.ad_id, c.timestamp, c.\(column) FROM csv.imported_rows AS c"
    }

    private static func source(_ measure: Measure) -> (String, Criticality, String) {
        switch measure {
        case .spend:
            return (
                "Money spent on ads.", .critical,
                """
                SELECT i.ad_id, i.date_start, i.spend FROM meta.ads_insights AS i
                UNION ALL
                SELECT g.ad_group_ad_id, g.segments_date, g.metrics_cost_micros / 1000000.0 FROM google.ad_group_ad AS g
                UNION ALL
                \(csv("spend"))
                """
            )
        case .revenue:
            return (
                "Revenue attributed to ads: conversion values the ad platforms report and store orders traced to a campaign.", .critical,
                """
                WITH attributed_orders AS (
                    SELECT o.id, o.created_at, o.total_price, j.utm_source, j.utm_campaign
                    FROM shopify.orders AS o
                    JOIN shopify.customer_journey_summary AS j ON j.order_id = o.id
                    WHERE o.cancelled_at IS NULL
                )
                SELECT i.ad_id, i.date_start, v.value
                FROM (\(metaAction("action_values", ["omni_purchase", "purchase"]))) AS v
                JOIN meta.ads_insights AS i ON i.ad_id = v.ad_id AND i.date_start = v.date_start
                UNION ALL
                SELECT g.ad_group_ad_id, g.segments_date, g.metrics_conversions_value FROM google.ad_group_ad AS g
                UNION ALL
                SELECT a.utm_campaign, a.created_at, a.total_price FROM attributed_orders AS a
                UNION ALL
                \(csv("revenue"))
                """
            )
        case .clicks:
            return (
                "Clicks on ads.", .high,
                """
                SELECT i.ad_id, i.date_start, i.clicks FROM meta.ads_insights AS i
                UNION ALL
                SELECT g.ad_group_ad_id, g.segments_date, g.metrics_clicks FROM google.ad_group_ad AS g
                UNION ALL
                \(csv("clicks"))
                """
            )
        case .impressions:
            return (
                "Times ads were shown.", .medium,
                """
                SELECT i.ad_id, i.date_start, i.impressions FROM meta.ads_insights AS i
                UNION ALL
                SELECT g.ad_group_ad_id, g.segments_date, g.metrics_impressions FROM google.ad_group_ad AS g
                UNION ALL
                \(csv("impressions"))
                """
            )
        case .conversions:
            return (
                "Conversions: purchases, leads and installs the platforms report, and store orders.", .high,
                """
                \(metaAction("actions", ["omni_purchase", "purchase", "lead", "omni_app_install", "mobile_app_install"]))
                UNION ALL
                SELECT g.ad_group_ad_id, g.segments_date, g.metrics_conversions FROM google.ad_group_ad AS g
                UNION ALL
                SELECT o.id, o.created_at, 1 FROM shopify.orders AS o WHERE o.cancelled_at IS NULL
                UNION ALL
                \(csv("conversions"))
                """
            )
        case .leads:
            return (
                "Leads collected.", .medium,
                metaAction("actions", ["lead", "onsite_conversion.lead_grouped"]) + "\nUNION ALL\n" + csv("leads")
            )
        case .installs:
            return (
                "App installs.", .medium,
                metaAction("actions", ["omni_app_install", "mobile_app_install"]) + "\nUNION ALL\n" + csv("installs")
            )
        case .purchases:
            return (
                "Purchases: the platforms' purchase results and store orders.", .high,
                """
                \(metaAction("actions", ["omni_purchase", "purchase"]))
                UNION ALL
                SELECT o.id, o.created_at, 1 FROM shopify.orders AS o WHERE o.cancelled_at IS NULL
                UNION ALL
                \(csv("purchases"))
                """
            )
        case .visitors:
            return (
                "Visitors who reached the landing page.", .medium,
                metaAction("actions", ["landing_page_view"]) + "\nUNION ALL\n" + csv("visitors")
            )
        case .profit:
            return ("Profit after costs of goods and ad spend, as imported.", .high, csv("profit"))
        }
    }
}
