import Foundation
import HTTPTypes
import HummingbirdTesting
import MetricxProtos
import MetricxTestSupport
import NIOCore
import Testing

@testable import Gateway
@testable import LineageSvc

/// `POST /rca/localize` over real gRPC to LineageSvc's service.
@Suite struct RootCauseRoutesTests {
    static func csvHeaders(_ key: String) -> HTTPFields {
        var fields = GatewayHarness.headers(key, json: false)
        fields[.contentType] = "text/csv"
        return fields
    }

    /// Four campaigns by three ads; every leaf keeps its forecast except campaign c2's, down 60%.
    static let leaves: String = {
        var csv = "campaign,ad,real,predict\n"
        for campaign in 0..<4 {
            for ad in 0..<3 {
                let forecast = Double(100 + 37 * campaign + 11 * ad)
                let noise = 1 + 0.004 * Double((campaign * 3 + ad) % 5 - 2)
                csv += "c\(campaign),a\(ad),\(forecast * noise * (campaign == 2 ? 0.4 : 1)),\(forecast)\n"
            }
        }
        return csv
    }()

    @Test func localizeAnswersTheRootCausesAndRefusesBadInput() async throws {
        let store = InMemoryWorkspaceStore()
        let tenant = try await GatewayHarness.tenant(store)
        // Localization touches neither Postgres nor MetricsSvc.
        try await LoopbackRPC.with([CannedMetrics()]) { metrics in
            let lineage = try await GatewayHarness.lineage(
                postgres: TestEnvironment.postgresClient(),
                metrics: Metricx_V1_MetricsService.Client(wrapping: metrics.grpc), migrate: false)
            try await LoopbackRPC.with([lineage]) { client in
                let app = GatewayHarness.app(
                    store: store, lineage: Metricx_V1_LineageService.Client(wrapping: client.grpc))
                try await app.test(.router) { http in
                    try await http.execute(
                        uri: "/rca/localize", method: .post, headers: Self.csvHeaders(tenant.viewerKey),
                        body: ByteBuffer(string: Self.leaves)
                    ) { response in
                        #expect(response.status == .ok)
                        let json =
                            try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                        let causes = json?["root_causes"] as? [[String: Any]]
                        #expect(causes?.count == 1)
                        #expect(causes?.first?["elements"] as? [String: String] == ["campaign": "c2"])
                        let score = causes?.first?["score"] as? Double ?? 0
                        #expect(score > 0.5 && score <= 1)
                    }
                    // A malformed row: 422 naming the line and column.
                    try await http.execute(
                        uri: "/rca/localize", method: .post, headers: Self.csvHeaders(tenant.viewerKey),
                        body: ByteBuffer(string: "campaign,real,predict\nc1,1,2\nc2,x,2\n")
                    ) { response in
                        #expect(response.status == .unprocessableContent)
                        let error = GatewayHarness.error(response)
                        #expect(error?.field == "csv")
                        #expect(error?.message.contains("line 3, column real") == true)
                    }
                    try await http.execute(
                        uri: "/rca/localize", method: .post, headers: Self.csvHeaders(tenant.viewerKey),
                        body: ByteBuffer(string: "campaign,spend\nc1,1\n")
                    ) { response in
                        #expect(response.status == .unprocessableContent)
                        #expect(GatewayHarness.error(response)?.message.contains("missing column") == true)
                    }
                    try await http.execute(
                        uri: "/rca/localize", method: .post, headers: Self.csvHeaders(tenant.viewerKey),
                        body: ByteBuffer()
                    ) { response in
                        #expect(response.status == .unprocessableContent)
                    }
                    // JSON is not the format.
                    try await http.execute(
                        uri: "/rca/localize", method: .post, headers: GatewayHarness.headers(tenant.viewerKey),
                        body: ByteBuffer(string: "{}")
                    ) { response in
                        #expect(response.status == .unsupportedMediaType)
                    }
                    // Larger than the limit.
                    try await http.execute(
                        uri: "/rca/localize", method: .post, headers: Self.csvHeaders(tenant.viewerKey),
                        body: ByteBuffer(
                            repeating: UInt8(ascii: "a"), count: RootCauseController.localizeLimit + 1)
                    ) { response in
                        #expect(response.status == .contentTooLarge)
                    }
                    // No key, no answer.
                    try await http.execute(
                        uri: "/rca/localize", method: .post, headers: [.contentType: "text/csv"],
                        body: ByteBuffer(string: Self.leaves)
                    ) { response in
                        #expect(response.status == .unauthorized)
                    }
                }
            }
        }
    }
}
