import MetricxProtos

/// `GET /dashboard/unified`'s response, written from MetricsSvc's answer with ``JSONWriter``: it
/// is the API's most requested body, mostly served from MetricsSvc's cache, so encoding it is
/// most of what the gateway does for it.
///
/// Unset optional numbers (a ratio over zero, no previous period) are written as null, never left out.
struct DashboardBody: JSONWritable, Sendable {
    var timeframe: String
    var response: Metricx_V1_DashboardResponse

    init(timeframe: String, _ response: Metricx_V1_DashboardResponse) {
        self.timeframe = timeframe
        self.response = response
    }

    func write(to json: inout JSONWriter) {
        json.object {
            $0.field("timeframe", timeframe)
            $0.field(
                "resolved",
                object: {
                    $0.field("start", response.resolved.range.start)
                    $0.field("end", response.resolved.range.end)
                    $0.field(
                        "comparison",
                        object: {
                            $0.field("start", response.resolved.comparison.start)
                            $0.field("end", response.resolved.comparison.end)
                        })
                })
            $0.field("kpis", array: response.kpis) { json, kpi in
                json.object {
                    $0.field("metric", kpi.metric)
                    $0.field("value", kpi.hasValue ? kpi.value : nil)
                    $0.field("previous", kpi.hasPrevious ? kpi.previous : nil)
                    $0.field("delta", kpi.hasDelta ? kpi.delta : nil)
                    $0.field("delta_ratio", kpi.hasDeltaRatio ? kpi.deltaRatio : nil)
                }
            }
            $0.field("daily", array: response.daily) { json, point in
                json.object {
                    $0.field("ts", point.ts)
                    $0.key("values")
                    $0.metricValues(point.values)
                }
            }
            $0.field("top_campaigns", array: response.topCampaigns) { $0.campaign($1) }
            $0.field("spend_mix", array: response.spendMix) { json, provider in
                json.object {
                    $0.field("provider", provider.provider)
                    $0.field("spend", provider.spend)
                    $0.field("share", provider.hasShare ? provider.share : nil)
                }
            }
            $0.key("attribution")
            if response.hasAttribution {
                // Platform-reported revenue against store revenue; `blended_roas` is MER (store revenue / spend).
                let attribution = response.attribution
                $0.object {
                    $0.field("platform_revenue", attribution.platformRevenue)
                    $0.field("store_revenue", attribution.storeRevenue)
                    $0.field("attributed_store_revenue", attribution.attributedStoreRevenue)
                    $0.field("unattributed_store_revenue", attribution.storeRevenue - attribution.attributedStoreRevenue)
                    $0.field("blended_roas", attribution.hasBlendedRoas ? attribution.blendedRoas : nil)
                    $0.field("by_campaign", array: attribution.byCampaign) { $0.campaign($1) }
                }
            } else {
                $0.null()
            }
        }
    }
}

extension JSONWriter {
    /// `{"key": ..., "label": ..., "values": {...}, "share": ...}`.
    fileprivate mutating func campaign(_ row: Metricx_V1_BreakdownRow) {
        object {
            $0.field("key", row.key)
            $0.field("label", row.label)
            $0.key("values")
            $0.metricValues(row.values)
            $0.field("share", row.hasShare ? row.share : nil)
        }
    }

    /// `{"cpc": 1.23, "cpa": null}`, keys sorted; a repeated metric keeps its first value, as
    /// ``QueryResultBody/values(_:)`` does.
    mutating func metricValues(_ values: [Metricx_V1_MetricValue]) {
        object { json in
            // An insertion sort of positions: a point carries a handful of metrics, and this runs
            // for every point of every dashboard served.
            withUnsafeTemporaryAllocation(of: Int.self, capacity: values.count) { order in
                for index in values.indices {
                    var slot = index
                    while slot > 0, values[order[slot - 1]].metric > values[index].metric {
                        order[slot] = order[slot - 1]
                        slot -= 1
                    }
                    order[slot] = index
                }
                var previous: String?
                for position in order {
                    let value = values[position]
                    guard value.metric != previous else { continue }
                    json.field(value.metric, value.hasValue ? value.value : nil)
                    previous = value.metric
                }
            }
        }
    }
}
