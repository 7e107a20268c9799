import Foundation
import GRPCCore
import Hummingbird
import MetricxProtos
import MetricxRPC

/// The semantic layer, the dashboard and CSV import: translated to MetricsSvc RPCs.
struct MetricsController {
    /// Larger files are refused with 413; below it the body streams through without being held.
    static let csvLimit = 512 << 20

    let metrics: MetricsPeer
    /// The dashboard is the most requested body, and mostly the same bytes from MetricsSvc's cache.
    let renderedDashboards = RenderedBodies()

    func register(on routes: RouterGroup<GatewayContext>) {
        routes.post("qa/semantic", use: semantic)
        routes.get("dashboard/unified", use: dashboard)
        routes.post("imports/csv", use: importCSV)
        routes.post("qa/insights", use: insights)
    }

    static func settings(_ access: WorkspaceAccess) -> Metricx_V1_WorkspaceSettings {
        .with {
            $0.timezone = access.workspace.timezone
            $0.currency = access.workspace.currency
        }
    }

    @Sendable func semantic(_ request: Request, context: GatewayContext) async throws -> QueryResultBody {
        let access = try context.requireAccess()
        let body = try await StrictJSON.decode(SemanticQueryBody.self, from: request)
        let query = try body.proto()
        let result = try await metrics.client.query(
            .with {
                $0.settings = Self.settings(access)
                $0.query = query
                $0.asOf = body.asOf ?? ""
            })
        return QueryResultBody(result: result)
    }

    @Sendable func dashboard(_ request: Request, context: GatewayContext) async throws -> Response {
        let access = try context.requireAccess()
        let timeframe = request.uri.queryParameters.get("timeframe") ?? "last_7_days"
        let asOf = request.uri.queryParameters.get("as_of") ?? ""
        let answer = try await metrics.encoded.encodedUnary(
            Metricx_V1_MetricsService.Method.GetDashboard.descriptor,
            request: Metricx_V1_DashboardRequest.with {
                $0.settings = Self.settings(access)
                $0.timeframe = timeframe
                $0.asOf = asOf
            },
            answer: Metricx_V1_DashboardResponse.self)
        let body = try renderedDashboards.body(variant: timeframe, answer: answer.bytes) {
            ETagged(DashboardBody(timeframe: timeframe, try answer.decoded()))
        }
        return try body.response(from: request, context: context)
    }

    @Sendable func insights(_ request: Request, context: GatewayContext) async throws -> InsightsBody {
        let access = try context.requireAccess()
        let body = try await StrictJSON.decode(InsightsRequestBody.self, from: request)
        var timeRange: Metricx_V1_TimeRange?
        if let range = body.timeRange {
            timeRange = try SemanticQueryBody(metrics: [], timeRange: range).proto().timeRange
        }
        let response = try await metrics.client.getInsights(
            .with {
                $0.settings = Self.settings(access)
                if let timeRange { $0.timeRange = timeRange }
                $0.asOf = body.asOf ?? ""
            })
        return InsightsBody(response)
    }

    struct ImportResult: ResponseEncodable, Encodable {
        struct RowError: Encodable {
            var line: Int64
            var column: String
            var reason: String
        }

        var rowsAccepted: Int64
        var rowsRejected: Int64
        var errors: [RowError]
        var errorsTruncated: Bool

        enum CodingKeys: String, CodingKey {
            case errors
            case rowsAccepted = "rows_accepted"
            case rowsRejected = "rows_rejected"
            case errorsTruncated = "errors_truncated"
        }

        func response(from request: Request, context: some RequestContext) throws -> Response {
            try jsonResponse(.ok, self)
        }
    }

    @Sendable func importCSV(_ request: Request, context: GatewayContext) async throws -> ImportResult {
        let access = try context.requireAccess(.editor)
        try CSVUpload.check(request, limit: Self.csvLimit)
        let settings = Self.settings(access)
        let limit = Self.csvLimit
        // This task reads the body and hands it on; see BodyHandoff for why the RPC does not read it.
        let handoff = BodyHandoff()
        async let answer = metrics.client.importCsv(
            metadata: [:], options: .init(timeout: .seconds(600)),
            requestProducer: { writer in
                defer { Task { await handoff.leave() } }
                do {
                    var first = true
                    while let buffer = try await handoff.next() {
                        try await writer.write(
                            .with {
                                if first { $0.settings = settings }
                                $0.data = Data(buffer: buffer)
                            })
                        first = false
                    }
                    if first { try await writer.write(.with { $0.settings = settings }) }
                } catch is RPCError {
                    // The service answered before the upload ended (a bad header refuses the file
                    // at once): stop sending and read its answer, which says why.
                }
            },
            onResponse: { try $0.message })
        var sent = 0
        do {
            for try await buffer in request.body {
                sent += buffer.readableBytes
                if sent > limit { break }
                // False once the service has answered: the rest is read and dropped, so a client
                // that sends it all before reading gets that answer.
                await handoff.send(buffer)
            }
        } catch {
            await handoff.finish(throwing: error)
            _ = try? await answer
            throw error
        }
        guard sent <= limit else {
            await handoff.finish(throwing: APIError.tooLarge(limit: limit))
            _ = try? await answer
            throw APIError.tooLarge(limit: limit)
        }
        await handoff.finish()
        let response = try await answer
        return ImportResult(
            rowsAccepted: response.rowsAccepted, rowsRejected: response.rowsRejected,
            errors: response.rejections.map { .init(line: $0.index, column: $0.field, reason: $0.reason) },
            errorsTruncated: response.rejectionsTruncated)
    }
}

extension CallOptions {
    init(timeout: Duration) {
        self = .defaults
        self.timeout = timeout
    }
}
