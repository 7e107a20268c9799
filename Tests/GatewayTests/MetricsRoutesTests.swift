import Foundation
import GRPCCore
import Hummingbird
import HummingbirdTesting
import Logging
import MetricxPostgres
import MetricxProtos
import MetricxRPC
import MetricxRuntime
import MetricxTestSupport
import ServiceLifecycle
import Testing

@testable import Gateway

/// The public metrics routes through real gRPC to a MetricsSvc-shaped server backed by a fake
/// that records what the gateway sent (the semantic layer itself is tested in MetricsSvcTests).
@Suite struct MetricsRoutesTests {
    final class RecordingMetrics: Metricx_V1_MetricsService.SimpleServiceProtocol, @unchecked Sendable {
        private let lock = NSLock()
        private var _queries: [(workspace: String?, request: Metricx_V1_QueryRequest)] = []
        private var _csv: [UInt8] = []

        var queries: [(workspace: String?, request: Metricx_V1_QueryRequest)] { lock.withLock { _queries } }
        var csv: String { lock.withLock { String(decoding: _csv, as: UTF8.self) } }

        func query(request: Metricx_V1_QueryRequest, context: ServerContext) async throws -> Metricx_V1_QueryResult {
            lock.withLock { _queries.append((RequestContext.current?.workspaceID, request)) }
            if request.query.metrics.contains("magic") {
                throw ServiceError.invalidArgument("unknown metric \"magic\"", field: "metrics[0]")
            }
            return .with {
                $0.query = request.query
                $0.query.timeRange = .with {
                    $0.dates = .with {
                        $0.start = "2026-11-12"
                        $0.end = "2026-11-18"
                    }
                }
                $0.resolved = .with {
                    $0.range = .with {
                        $0.start = "2026-11-12"
                        $0.end = "2026-11-18"
                    }
                }
                $0.data = .with {
                    $0.totals = [
                        .with {
                            $0.metric = "cpc"
                            $0.value = 1.25
                        }, .with { $0.metric = "cpa" },
                    ]
                }
            }
        }

        func importCsv(request: RPCAsyncSequence<Metricx_V1_CsvChunk, any Error>, context: ServerContext) async throws
            -> Metricx_V1_CsvImportResponse
        {
            var bytes: [UInt8] = []
            for try await chunk in request {
                bytes += chunk.data
                // Like MetricsSvc refusing a bad header: the answer comes before the upload ends.
                if bytes.starts(with: Array("refuse".utf8)) { throw ServiceError.invalidArgument("bad header", field: "csv") }
            }
            lock.withLock { _csv = bytes }
            return .with {
                $0.rowsAccepted = 1
                $0.rowsRejected = 1
                $0.rejections = [
                    .with {
                        $0.index = 3
                        $0.field = "spend"
                        $0.reason = "must be a decimal number"
                    }
                ]
            }
        }

        func ingest(request: Metricx_V1_IngestRequest, context: ServerContext) async throws -> Metricx_V1_IngestResponse {
            throw RPCError(code: .unimplemented, message: "")
        }
        /// The spend of the dashboard's answer; no answer (unavailable) while nil.
        var dashboardSpend: Double? {
            get { lock.withLock { _dashboardSpend } }
            set { lock.withLock { _dashboardSpend = newValue } }
        }
        private var _dashboardSpend: Double?

        func getDashboard(request: Metricx_V1_DashboardRequest, context: ServerContext) async throws -> Metricx_V1_DashboardResponse {
            guard let spend = dashboardSpend else { throw RPCError(code: .unavailable, message: "down") }
            return .with {
                $0.resolved = .with {
                    $0.range = .with {
                        $0.start = "2026-11-12"
                        $0.end = "2026-11-18"
                    }
                }
                $0.kpis = [
                    .with {
                        $0.metric = "spend"
                        $0.value = spend
                    }
                ]
            }
        }
        func getInsights(request: Metricx_V1_InsightsRequest, context: ServerContext) async throws -> Metricx_V1_InsightsResponse {
            throw RPCError(code: .unimplemented, message: "")
        }
        func listEntities(request: Metricx_V1_ListEntitiesRequest, context: ServerContext) async throws -> Metricx_V1_ListEntitiesResponse {
            throw RPCError(code: .unimplemented, message: "")
        }
        func compact(request: Metricx_V1_CompactRequest, context: ServerContext) async throws -> Metricx_V1_CompactResponse {
            throw RPCError(code: .unimplemented, message: "")
        }
    }

    /// Runs the router against `service` over real HTTP/2 gRPC on loopback.
    func withGateway(_ service: RecordingMetrics, _ body: @Sendable (TestClientProtocol, GatewayHarness.Tenant) async throws -> Void)
        async throws
    {
        let store = InMemoryWorkspaceStore()
        let tenant = try await GatewayHarness.tenant(store, timezone: "Europe/Berlin")
        try await LoopbackRPC.with([service]) { client in
            let app = GatewayHarness.app(store: store, metrics: MetricsPeer(client.grpc))
            try await app.test(.router) { http in try await body(http, tenant) }
        }
    }

    @Test func semanticQueriesTravelWithTheWorkspaceAndComeBackInDesignShape() async throws {
        let service = RecordingMetrics()
        try await withGateway(service) { http, tenant in
            let body = #"""
                {"metrics": ["cpc", "cpa"], "time_range": {"preset": "last_7_days"},
                 "filters": [{"dimension": "provider", "op": "in", "values": ["meta"]}],
                 "breakdown": {"dimension": "ad", "limit": 3, "order_by": "cpc", "order": "desc"},
                 "as_of": "2026-11-19T15:00:00Z"}
                """#
            try await http.execute(
                uri: "/qa/semantic", method: .post, headers: GatewayHarness.headers(tenant.viewerKey), body: ByteBuffer(string: body)
            ) { response in
                #expect(response.status == .ok)
                let json = (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [String: Any]
                let data = json?["data"] as? [String: Any]
                let totals = data?["totals"] as? [String: Any]
                #expect(totals?["cpc"] as? Double == 1.25)
                #expect(totals?["cpa"] is NSNull)
                #expect((json?["resolved"] as? [String: Any])?["start"] as? String == "2026-11-12")
                #expect(((json?["query"] as? [String: Any])?["time_range"] as? [String: Any])?["end"] as? String == "2026-11-18")
            }
            let sent = try #require(service.queries.last)
            #expect(sent.workspace == tenant.workspace.id)
            #expect(sent.request.settings.timezone == "Europe/Berlin")
            #expect(sent.request.asOf == "2026-11-19T15:00:00Z")
            #expect(sent.request.query.breakdown.limit == 3)
            #expect(sent.request.query.filters.first?.values == ["meta"])
        }
    }

    @Test func errorsFromTheServiceKeepTheirFieldAndAreMappedToHTTP() async throws {
        try await withGateway(RecordingMetrics()) { http, tenant in
            let headers = GatewayHarness.headers(tenant.viewerKey)
            try await http.execute(
                uri: "/qa/semantic", method: .post, headers: headers, body: ByteBuffer(string: #"{"metrics": ["magic"]}"#)
            ) { response in
                #expect(response.status == .unprocessableContent)
                #expect(GatewayHarness.error(response)?.field == "metrics[0]")
            }
            try await http.execute(
                uri: "/qa/semantic", method: .post, headers: headers,
                body: ByteBuffer(string: #"{"metrics": ["cpc"], "time_range": {"preset": "today", "start": "2026-11-01"}}"#)
            ) { response in
                #expect(response.status == .unprocessableContent)
                #expect(GatewayHarness.error(response)?.field == "time_range")
            }
            try await http.execute(uri: "/qa/semantic", method: .post, headers: headers, body: ByteBuffer(string: #"{"metrics": "cpc"}"#)) {
                response in
                #expect(response.status == .unprocessableContent)
                #expect(GatewayHarness.error(response)?.field == "metrics")
            }
            try await http.execute(uri: "/dashboard/unified?timeframe=last_7_days", method: .get, headers: headers) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(GatewayHarness.error(response)?.code == "unavailable")
            }
            // A method the service does not implement (yet) is a 501, not an internal error.
            try await http.execute(uri: "/qa/insights", method: .post, headers: headers, body: ByteBuffer(string: "{}")) { response in
                #expect(response.status == .notImplemented)
                #expect(GatewayHarness.error(response)?.code == "not_implemented")
            }
        }
    }

    /// Repeats of one answer are served from the body written the first time (same bytes, same
    /// ETag, 304 for a client holding it); a changed answer or another timeframe is written anew.
    @Test func dashboardBodiesFollowTheAnswerTheyWereWrittenFrom() async throws {
        let service = RecordingMetrics()
        service.dashboardSpend = 10
        try await withGateway(service) { http, tenant in
            let headers = GatewayHarness.headers(tenant.viewerKey)
            func get(_ timeframe: String, ifNoneMatch: String? = nil) async throws -> (HTTPResponse.Status, String, String?) {
                var headers = headers
                if let ifNoneMatch { headers[.ifNoneMatch] = ifNoneMatch }
                return try await http.execute(uri: "/dashboard/unified?timeframe=\(timeframe)", method: .get, headers: headers) {
                    response in
                    (response.status, String(buffer: response.body), response.headers[.eTag])
                }
            }
            let (status, first, etag) = try await get("last_7_days")
            #expect(status == .ok)
            #expect(first.contains(#""value":10"#))
            let (_, repeated, repeatedTag) = try await get("last_7_days")
            #expect(repeated == first)
            #expect(repeatedTag == etag)
            #expect(try await get("last_7_days", ifNoneMatch: etag).0 == .notModified)

            let (_, otherTimeframe, otherTag) = try await get("last_30_days")
            #expect(otherTimeframe.contains(#""timeframe":"last_30_days""#))
            #expect(otherTag != etag)

            service.dashboardSpend = 11
            let (_, changed, changedTag) = try await get("last_7_days")
            #expect(changed.contains(#""value":11"#))
            #expect(changedTag != etag)
            #expect(try await get("last_7_days", ifNoneMatch: etag).0 == .ok)
        }
    }

    /// #23: when the service refused a file early, the gateway stopped reading the upload, and a
    /// client that sends the whole body before reading (as most HTTP libraries do) was stuck until
    /// the idle timeout closed the connection under it, never seeing the 422.
    @Test func aClientSendingTheWholeUploadBeforeReadingGetsTheEarlyRefusal() async throws {
        let store = InMemoryWorkspaceStore()
        let tenant = try await GatewayHarness.tenant(store)
        try await LoopbackRPC.with([RecordingMetrics()]) { client in
            let app = GatewayHarness.app(store: store, metrics: MetricsPeer(client.grpc))
            try await app.test(.live) { live in
                let port = try #require(live.port)
                let body = Array("refuse,this\n".utf8) + Array(repeating: UInt8(ascii: "a"), count: 24 << 20)
                let head =
                    "POST /imports/csv HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer \(tenant.adminKey)\r\n"
                    + "Content-Type: text/csv\r\nContent-Length: \(body.count)\r\n\r\n"
                let answer = try await offCooperativeThreads { try Self.sendWholeThenRead(port: port, Array(head.utf8) + body) }
                #expect(answer.hasPrefix("HTTP/1.1 422"), "\(answer.prefix(200))")
                #expect(answer.contains(#""field":"csv""#))
            }
        }
    }

    /// Writes `request` completely (blocking, 60 s send timeout: long enough for a test process
    /// that stalls, as CI's once did for 20 s) and then reads the answer's start.
    /// It pauses after the first 64 KiB, as a client on a real network does, so the service has
    /// answered while the gateway waits for more of the body.
    private static func sendWholeThenRead(port: Int, _ request: [UInt8]) throws -> String {
        let fd = try LoopbackSocket.connect(port: port, timeout: timeval(tv_sec: 60, tv_usec: 0))
        defer { close(fd) }
        var offset = 0
        while offset < request.count {
            let piece = offset < 64 << 10 ? request[offset..<(64 << 10)] : request[offset...]
            let written = piece.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if written <= 0 { return "send failed after \(offset) of \(request.count) bytes (errno \(errno))" }
            if offset < 64 << 10 && offset + written >= 64 << 10 { usleep(500_000) }
            offset += written
        }
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while answer.count < 64 << 10 {
            let read = recv(fd, &buffer, buffer.count, 0)
            if read <= 0 { break }
            answer += buffer[..<read]
            if String(decoding: answer, as: UTF8.self).contains("}") { break }
        }
        return String(decoding: answer, as: UTF8.self)
    }

    @Test func csvImportStreamsTheBodyAndNeedsAnEditor() async throws {
        let service = RecordingMetrics()
        try await withGateway(service) { http, tenant in
            let csv =
                "timestamp,provider,account_id,campaign_id,adset_id,ad_id,spend\n2026-11-18,meta,a,c,s,x,1\n2026-11-18,meta,a,c,s,y,lots\n"
            var headers = GatewayHarness.headers(tenant.viewerKey, json: false)
            headers[.contentType] = "text/csv"
            try await http.execute(uri: "/imports/csv", method: .post, headers: headers, body: ByteBuffer(string: csv)) { response in
                #expect(response.status == .forbidden)
            }
            headers[.authorization] = "Bearer \(tenant.adminKey)"
            try await http.execute(uri: "/imports/csv", method: .post, headers: headers, body: ByteBuffer(string: csv)) { response in
                #expect(response.status == .ok)
                let json = (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [String: Any]
                #expect(json?["rows_accepted"] as? Int == 1)
                let errors = json?["errors"] as? [[String: Any]]
                #expect(errors?.first?["line"] as? Int == 3)
                #expect(errors?.first?["column"] as? String == "spend")
            }
            #expect(service.csv == csv)
            headers[.contentType] = "application/json"
            try await http.execute(uri: "/imports/csv", method: .post, headers: headers, body: ByteBuffer(string: csv)) { response in
                #expect(response.status == .unsupportedMediaType)
            }
        }
    }
}
