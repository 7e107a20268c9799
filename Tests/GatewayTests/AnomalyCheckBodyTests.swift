import Foundation
import Testing

@testable import Gateway

/// `POST /anomaly/check` bodies the gateway refuses before any RPC, each naming its field.
@Suite struct AnomalyCheckBodyTests {
    @Test(arguments: [
        (#"{}"#, "points"),
        (#"{"points": [{"ts": "2026-11-19T14:00:00Z", "value": 1}], "values": [1, 2]}"#, "points"),
        (#"{"values": [1, 2, 3]}"#, "period"),
        (#"{"values": [1, 2, 3], "period": 1}"#, "period"),
        (#"{"points": [{"ts": "2026-11-19T14:00:00Z", "value": 1}], "period": 24}"#, "period"),
        (#"{"points": [{"ts": "2026-11-19T14:00:00Z", "value": "high"}]}"#, "points[0].value"),
        (#"{"points": [{"value": 1}]}"#, "points[0].ts"),
        (#"{"values": [1, 2], "period": 2, "window": 5}"#, "window"),
    ])
    func badBodiesNameTheirField(body: String, field: String) throws {
        let error = #expect(throws: APIError.self) {
            try StrictJSON.decode(AnomalyCheckBody.self, from: Data(body.utf8)).proto()
        }
        #expect(error?.field == field)
    }

    /// #23: four of the largest checks at once outlasted a flat 10 s deadline on two cores.
    @Test func theCheckDeadlineGrowsWithItsPoints() {
        #expect(AnomalyController.checkTimeout(points: 10) == .seconds(10))
        #expect(AnomalyController.checkTimeout(points: 50_000) == .seconds(20))
        #expect(AnomalyController.checkTimeout(points: 100_000) == .seconds(30))
    }

    @Test func valuesWithAPeriodAndGapsBecomeAnIndexedSeries() throws {
        let request = try StrictJSON.decode(AnomalyCheckBody.self, from: Data(#"{"values": [1, null, 3], "period": 7}"#.utf8)).proto()
        #expect(request.period == 7)
        #expect(request.points.map(\.hasValue) == [true, false, true])
        #expect(request.points.allSatisfy { $0.ts.isEmpty })
    }
}
