import Foundation
import MetricxProtos
import MetricxRPC
import MetricxRuntime
import Testing

@Suite struct KeysetPageTests {
    static let id = UUID(uuidString: "7b0e9a4e-1f1c-4c7e-9a77-0d3c1f2a9b10")!

    @Test func aTokenItReturnedContinuesAfterItsRow() throws {
        let time = Date(timeIntervalSince1970: 1_795_100_400.25)
        let page = try KeysetPage(.with { $0.pageToken = KeysetPage.token(time: time, id: Self.id) }, defaultSize: 20, maximumSize: 100)
        #expect(page.after?.id == Self.id)
        #expect(page.after?.time == time)
    }

    /// A negative or far-future time reached Postgres as an out-of-range timestamp: a 500 on
    /// the four keyset-paged lists (#23). Such a token was never handed out.
    @Test(arguments: [
        "-1_7b0e9a4e-1f1c-4c7e-9a77-0d3c1f2a9b10", "-62135596800000001_7b0e9a4e-1f1c-4c7e-9a77-0d3c1f2a9b10",
        "9223372036854775807_7b0e9a4e-1f1c-4c7e-9a77-0d3c1f2a9b10", "253402300800000000_7b0e9a4e-1f1c-4c7e-9a77-0d3c1f2a9b10",
        "12_not-a-uuid", "12", "_",
    ])
    func aForgedTokenIsAnInvalidArgument(token: String) {
        let error = #expect(throws: ServiceError.self) {
            try KeysetPage(.with { $0.pageToken = token }, defaultSize: 20, maximumSize: 100)
        }
        #expect(error?.field == "page.page_token")
        #expect(error?.code == .invalidArgument)
    }
}
