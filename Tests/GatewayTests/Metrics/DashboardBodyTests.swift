import Foundation
import MetricxProtos
import Testing

@testable import Gateway

struct DashboardBodyTests {
    private func json(_ response: Metricx_V1_DashboardResponse) throws -> [String: Any] {
        var writer = JSONWriter()
        DashboardBody(timeframe: "last_7_days", response).write(to: &writer)
        return try #require(try JSONSerialization.jsonObject(with: Data(writer.bytes)) as? [String: Any])
    }

    private static func value(_ metric: String, _ value: Double?) -> Metricx_V1_MetricValue {
        .with {
            $0.metric = metric
            if let value { $0.value = value }
        }
    }

    @Test func unsetNumbersAreNullAndEveryKeyIsPresent() throws {
        let body = try json(
            .with {
                $0.resolved = .with {
                    $0.range = .with {
                        $0.start = "2026-11-15"
                        $0.end = "2026-11-21"
                    }
                    $0.comparison = .with {
                        $0.start = "2026-11-08"
                        $0.end = "2026-11-14"
                    }
                }
                $0.kpis = [
                    .with {
                        $0.metric = "roas"
                        $0.previous = 2
                    }
                ]
                $0.daily = [
                    .with {
                        $0.ts = "2026-11-15"
                        $0.values = [Self.value("spend", 10), Self.value("cpa", nil)]
                    }
                ]
                $0.topCampaigns = [
                    .with {
                        $0.key = "c1"
                        $0.label = "Brand \"Q4\""
                        $0.values = [Self.value("spend", 10)]
                    }
                ]
                $0.spendMix = [
                    .with {
                        $0.provider = "meta"
                        $0.spend = 10
                    }
                ]
            })
        #expect(Set(body.keys) == ["timeframe", "resolved", "kpis", "daily", "top_campaigns", "spend_mix", "attribution"])
        #expect(body["attribution"] is NSNull)
        let resolved = try #require(body["resolved"] as? [String: Any])
        #expect((resolved["comparison"] as? [String: String]) == ["start": "2026-11-08", "end": "2026-11-14"])
        let kpi = try #require((body["kpis"] as? [[String: Any]])?.first)
        #expect(kpi["value"] is NSNull)
        #expect(kpi["previous"] as? Double == 2)
        #expect(kpi["delta"] is NSNull && kpi["delta_ratio"] is NSNull)
        let point = try #require((body["daily"] as? [[String: Any]])?.first?["values"] as? [String: Any])
        #expect(point["spend"] as? Double == 10)
        #expect(point["cpa"] is NSNull)
        let campaign = try #require((body["top_campaigns"] as? [[String: Any]])?.first)
        #expect(campaign["label"] as? String == "Brand \"Q4\"")
        #expect(campaign["share"] is NSNull)
        #expect((body["spend_mix"] as? [[String: Any]])?.first?["share"] is NSNull)
    }

    @Test func attributionCarriesTheUnattributedRemainder() throws {
        let body = try json(
            .with {
                $0.attribution = .with {
                    $0.platformRevenue = 120
                    $0.storeRevenue = 100
                    $0.attributedStoreRevenue = 70
                    $0.blendedRoas = 2.5
                    $0.byCampaign = [
                        .with {
                            $0.key = "c1"
                            $0.label = "C1"
                            $0.share = 0.7
                        }
                    ]
                }
            })
        let attribution = try #require(body["attribution"] as? [String: Any])
        #expect(attribution["unattributed_store_revenue"] as? Double == 30)
        #expect(attribution["blended_roas"] as? Double == 2.5)
        #expect((attribution["by_campaign"] as? [[String: Any]])?.first?["share"] as? Double == 0.7)
    }

    @Test func metricValuesAreSortedAndARepeatKeepsTheFirst() {
        var writer = JSONWriter()
        writer.metricValues([Self.value("spend", 3), Self.value("cpc", nil), Self.value("spend", 4), Self.value("clicks", 1)])
        #expect(String(decoding: writer.bytes, as: UTF8.self) == #"{"clicks":1,"cpc":null,"spend":3}"#)
    }

    @Test func equalAnswersGiveEqualBytesWhateverTheOrderOfValues() {
        let values = (0..<12).map { Self.value("m\($0)", Double($0)) }
        let ordered = Metricx_V1_DashboardResponse.with {
            $0.daily = [
                .with {
                    $0.ts = "d"
                    $0.values = values
                }
            ]
        }
        let reversed = Metricx_V1_DashboardResponse.with {
            $0.daily = [
                .with {
                    $0.ts = "d"
                    $0.values = values.reversed()
                }
            ]
        }
        var first = JSONWriter()
        var second = JSONWriter()
        DashboardBody(timeframe: "t", ordered).write(to: &first)
        DashboardBody(timeframe: "t", reversed).write(to: &second)
        #expect(first.bytes == second.bytes)
    }
}
