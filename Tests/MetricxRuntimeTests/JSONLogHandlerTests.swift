import Foundation
import Logging
import Testing

@testable import MetricxRuntime

@Suite struct JSONLogHandlerTests {
    @Test func rendersOneJSONObjectPerRecordWithMetadata() throws {
        let line = JSONLogHandler.render(
            level: .warning, label: "MetricsSvc", message: "slow \"query\"\nsecond line",
            metadata: ["request_id": "r-1", "rows": .stringConvertible(42), "tags": ["a", "b"]], source: "x")
        #expect(!line.contains("\n"))
        let object = try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["level"] as? String == "warning")
        #expect(object["logger"] as? String == "MetricsSvc")
        #expect(object["msg"] as? String == "slow \"query\"\nsecond line")
        #expect(object["request_id"] as? String == "r-1")
        #expect(object["rows"] as? String == "42")
        #expect(object["tags"] as? [String] == ["a", "b"])
        #expect(object["ts"] is String)
    }

    @Test func serviceErrorsKeepTheirCauseOutOfTheDescription() {
        struct Underlying: Error, CustomStringConvertible { var description: String { "password=hunter2" } }
        let error = ServiceError(.unavailable, "the database is unavailable", cause: Underlying())
        #expect(error.description == "unavailable: the database is unavailable")
        #expect(error.debugDescription.contains("hunter2"))
        #expect(error.rpcErrorCode == .unavailable)
        #expect(ServiceError(.internalError, "null pointer in x").rpcErrorMessage == "internal error")
    }
}
