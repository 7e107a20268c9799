import Foundation
import MetricxProtos
import MetricxSemantics

/// Validates an Ingest RPC's entities and rows; invalid ones are rejected with a reason each and
/// the valid ones of the same batch still land.
struct IngestValidator {
    let timeZone: TimeZone

    func entities(_ input: [Metricx_V1_Entity]) -> ([IngestEntity], [Rejection]) {
        var accepted: [IngestEntity] = []
        var rejected: [Rejection] = []
        for (index, entity) in input.enumerated() {
            let provider = entity.provider.lowercased()
            guard IngestRules.validProvider(provider) else {
                rejected.append(Rejection(index: index, field: "entities[\(index)].provider", reason: "must be a short lowercase name"))
                continue
            }
            guard let level = IngestEntity.Level(rawValue: entity.level) else {
                rejected.append(
                    Rejection(index: index, field: "entities[\(index)].level", reason: "must be account, campaign, adset or ad"))
                continue
            }
            guard IngestRules.validID(entity.externalID) else {
                rejected.append(Rejection(index: index, field: "entities[\(index)].external_id", reason: "must be 1 to 256 characters"))
                continue
            }
            accepted.append(
                IngestEntity(
                    provider: provider, level: level, externalID: entity.externalID, name: String(entity.name.prefix(500)),
                    parentExternalID: entity.parentExternalID, status: String(entity.status.prefix(50))))
        }
        return (accepted, rejected)
    }

    func rows(_ input: [Metricx_V1_SnapshotRow]) -> ([IngestRow], [Rejection]) {
        var accepted: [IngestRow] = []
        var rejected: [Rejection] = []
        rows: for (index, row) in input.enumerated() {
            func reject(_ field: String, _ reason: String) {
                rejected.append(Rejection(index: index, field: "rows[\(index)].\(field)", reason: reason))
            }
            let provider = row.provider.lowercased()
            guard IngestRules.validProvider(provider) else {
                reject("provider", "must be a short lowercase name")
                continue
            }
            guard IngestRules.validID(row.adExternalID) else {
                reject("ad_external_id", "must be 1 to 256 characters")
                continue
            }
            guard let minutes = IngestRules.bucketMinutes[row.bucketWidth] else {
                reject("bucket_width", "must be 15min, hour or day")
                continue
            }
            guard let start = QueryPlanner.parseInstant(row.bucketStart) else {
                reject("bucket_start", "must be an RFC 3339 instant")
                continue
            }
            guard IngestRules.isAligned(start, minutes: minutes, timeZone: timeZone) else {
                reject("bucket_start", "does not start a \(row.bucketWidth) bucket in the workspace time zone")
                continue
            }
            let m = row.measures
            let values: [(Measure, Double)] = [
                (.spend, m.spend), (.revenue, m.revenue), (.clicks, m.clicks), (.impressions, m.impressions),
                (.conversions, m.conversions), (.leads, m.leads), (.installs, m.installs), (.purchases, m.purchases),
                (.visitors, m.visitors), (.profit, m.profit),
            ]
            var sums = MeasureSums()
            for (measure, value) in values {
                if let problem = IngestRules.check(value, measure) {
                    reject("measures.\(measure.rawValue)", problem)
                    continue rows
                }
                sums[measure] = value
            }
            accepted.append(
                IngestRow(provider: provider, adExternalID: row.adExternalID, bucketStart: start, bucketMinutes: minutes, sums: sums))
        }
        return (accepted, rejected)
    }
}
