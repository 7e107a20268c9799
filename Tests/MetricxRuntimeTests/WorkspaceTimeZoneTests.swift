import Foundation
import MetricxRuntime
import Testing

@Suite struct WorkspaceTimeZoneTests {
    // Region names old and new: Foundation's own list lacks "Asia/Kolkata" and "Europe/Kyiv".
    @Test(arguments: [
        "Europe/Berlin", "America/Argentina/Buenos_Aires", "Asia/Kathmandu", "Asia/Kolkata", "Asia/Calcutta", "Europe/Kyiv",
        "America/Port-au-Prince", "UTC", "",
    ])
    func regionNamesAndUTCAreZones(name: String) throws {
        let resolved = try WorkspaceTimeZone.resolve(name, field: "timezone")
        #expect(resolved.name == (name.isEmpty ? "UTC" : name))
        // Every accepted zone formats without trapping.
        #expect(!RFC3339.string(Date(timeIntervalSince1970: 1_795_100_400), in: resolved.zone).isEmpty)
    }

    /// Abbreviations and offsets Foundation resolves anyway (and whose formatter traps on "CTT"),
    /// POSIX offsets Postgres reads with the opposite sign, and junk are refused, naming the field.
    @Test(arguments: [
        "CTT", "EST", "PST8PDT", "GMT+5", "UTC+3", "Etc/GMT+5", "US/Eastern", "Mars/Olympus", "Europe/Atlantis", "europe/berlin", "Europe/",
        "Europe//Berlin", String(repeating: "A/", count: 500),
    ])
    func abbreviationsOffsetsAndJunkAreRefused(name: String) {
        #expect(WorkspaceTimeZone.zone(name) == nil)
        let error = #expect(throws: ServiceError.self) { try WorkspaceTimeZone.resolve(name, field: "settings.timezone") }
        #expect(error?.field == "settings.timezone")
        #expect((error?.message.count ?? 0) < 200, "the message quotes at most a prefix of the name")
    }

    @Test func everyAcceptedZoneFormatsAcrossAYear() throws {
        // Local time plus the printed offset is the instant, in every accepted zone.
        let names = TimeZone.knownTimeZoneIdentifiers.filter(WorkspaceTimeZone.accepts) + ["Asia/Kolkata", "Europe/Kyiv", "UTC"]
        #expect(names.count > 400)
        for name in names {
            let zone = try #require(WorkspaceTimeZone.zone(name), "\(name)")
            for day in stride(from: 0, to: 365, by: 30) {
                let instant = Date(timeIntervalSince1970: 1_767_225_600 + Double(day) * 86_400 + 3_600 * 7)
                let text = RFC3339.string(instant, in: zone)
                #expect(RFC3339.date(text) == instant, "\(name): \(text)")
            }
        }
    }
}
