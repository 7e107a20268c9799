import Foundation
import MetricxRuntime
import MetricxSemantics

/// Maps records of DESIGN.md's CSV format to entities and snapshot rows, rejecting a bad row with
/// its line, column and reason.
struct CSVRowMapper {
    static let idColumns = ["account_id", "campaign_id", "adset_id", "ad_id"]
    static let nameColumns = ["account_name", "campaign_name", "adset_name", "ad_name"]
    static let allowed: Set<String> = Set(["timestamp", "provider"] + idColumns + nameColumns + Measure.allCases.map(\.rawValue))
    static let required = ["timestamp", "provider"] + idColumns

    private let index: [String: Int]
    private let timeZone: TimeZone
    private let calendar: Calendar

    /// Checks the header: unknown, duplicate or missing columns fail the whole import.
    init(header: [String], timeZone: TimeZone) throws {
        var index: [String: Int] = [:]
        for (position, raw) in header.enumerated() {
            let name = raw.trimmingCharacters(in: .whitespaces).lowercased()
            guard Self.allowed.contains(name) else {
                throw ServiceError.invalidArgument(
                    "unknown column \"\(raw)\"; allowed: \(Self.allowed.sorted().joined(separator: ", "))", field: raw)
            }
            guard index[name] == nil else { throw ServiceError.invalidArgument("column \(name) appears twice", field: name) }
            index[name] = position
        }
        for name in Self.required where index[name] == nil {
            throw ServiceError.invalidArgument("required column \(name) is missing", field: name)
        }
        self.index = index
        self.timeZone = timeZone
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
    }

    enum Mapped {
        case row(IngestRow, [IngestEntity])
        case rejected(Rejection)
    }

    func map(_ record: CSVStreamParser.Record) -> Mapped {
        func value(_ column: String) -> String {
            guard let position = index[column], position < record.fields.count else { return "" }
            return record.fields[position].trimmingCharacters(in: .whitespaces)
        }
        func reject(_ column: String, _ reason: String) -> Mapped {
            .rejected(Rejection(index: record.line, field: column, reason: reason))
        }
        guard record.fields.count == index.count else {
            return reject("", "expected \(index.count) fields, found \(record.fields.count)")
        }
        let provider = value("provider").lowercased()
        guard IngestRules.validProvider(provider) else {
            return reject("provider", "must be a short lowercase name such as meta or google")
        }
        for column in Self.idColumns where !IngestRules.validID(value(column)) {
            return reject(column, value(column).isEmpty ? "is required" : "must be 1 to 256 characters")
        }
        let timestamp = value("timestamp")
        let start: Date
        let minutes: Int
        if let day = CalendarDay(timestamp) {
            start = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day))!
            minutes = 1440
        } else if let instant = QueryPlanner.parseInstant(timestamp) {
            let local = IngestRules.localSeconds(instant, in: timeZone)
            minutes = local % 3600 == 0 ? 60 : 15
            guard IngestRules.isAligned(instant, minutes: minutes, timeZone: timeZone) else {
                return reject("timestamp", "an instant must start a 15-minute or hourly bucket (:00, :15, :30, :45)")
            }
            start = instant
        } else {
            return reject("timestamp", "must be a date YYYY-MM-DD or an RFC 3339 instant")
        }
        var sums = MeasureSums()
        for measure in Measure.allCases {
            let text = value(measure.rawValue)
            guard !text.isEmpty else { continue }
            guard let number = Double(text) else { return reject(measure.rawValue, "must be a decimal number") }
            if let problem = IngestRules.check(number, measure) { return reject(measure.rawValue, problem) }
            sums[measure] = number
        }
        let ids = Self.idColumns.map(value)
        let names = Self.nameColumns.map(value)
        let entities = IngestEntity.Level.allCases.enumerated().map { position, level in
            IngestEntity(
                provider: provider, level: level, externalID: ids[position], name: names[position],
                parentExternalID: position == 0 ? "" : ids[position - 1], status: "")
        }
        return .row(IngestRow(provider: provider, adExternalID: ids[3], bucketStart: start, bucketMinutes: minutes, sums: sums), entities)
    }
}
