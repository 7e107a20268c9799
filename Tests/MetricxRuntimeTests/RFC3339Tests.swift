import Foundation
import MetricxRuntime
import Testing

@Suite struct RFC3339Tests {
    @Test(arguments: [
        ("2026-11-19T15:00:00Z", 1_795_100_400.0),
        ("2026-11-19T16:00:00+01:00", 1_795_100_400.0),
        ("2026-11-19T10:30:00-04:30", 1_795_100_400.0),
        ("2026-11-19T15:00:00.250Z", 1_795_100_400.25),
        ("2024-02-29T00:00:00Z", 1_709_164_800.0),
        ("1969-12-31T23:59:59Z", -1.0),
    ])
    func parsesInstants(text: String, epoch: Double) {
        #expect(RFC3339.epochSeconds(text) == epoch)
    }

    @Test(arguments: [
        "2026-11-19", "2026-11-19T15:00:00", "2026-02-30T00:00:00Z", "2026-11-19T25:00:00Z",
        "2026-11-19T15:00:00+0100", "2026-11-19T15:00:00Zjunk", "2026-11-19T15:00:00.Z", "x026-11-19T15:00:00Z",
        // No year zero: Postgres refuses it, and it reached the database as a 500 (#23).
        "0000-01-01T00:00:00Z", "0000-12-31T23:59:59+01:00",
    ])
    func rejectsAnythingElse(text: String) {
        #expect(RFC3339.epochSeconds(text) == nil)
    }

    @Test func agreesWithFoundationOnARangeOfInstants() {
        let formatter = ISO8601DateFormatter()
        var instant = Date(timeIntervalSince1970: 946_684_800)
        for _ in 0..<500 {
            let text = formatter.string(from: instant)
            #expect(RFC3339.epochSeconds(text) == instant.timeIntervalSince1970)
            instant.addTimeInterval(86_400 * 17 + 3_601)
        }
    }

    @Test func formatsWhatFoundationFormatsAndParsesBack() {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        var instant = Date(timeIntervalSince1970: -86_400 * 400)
        for _ in 0..<2_000 {
            let text = RFC3339.string(instant)
            #expect(text == formatter.string(from: instant))
            #expect(RFC3339.date(text) == instant)
            instant.addTimeInterval(86_400 * 17 + 3_601)
        }
        #expect(RFC3339.string(Date(timeIntervalSince1970: 1.75)) == "1970-01-01T00:00:01Z")
    }
}
