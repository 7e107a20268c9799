import Foundation
import GRPCCore
import Hummingbird
import MetricxProtos

/// Anomalies, the anomaly checker, alert rules and their delivery log: MetricsSvc RPCs.
struct AnomalyController {
    /// A year of 5-minute points fits; the checker itself refuses more than 100,000.
    static let checkLimit = 8 << 20

    let metrics: any Metricx_V1_MetricsService.ClientProtocol

    func register(on routes: RouterGroup<GatewayContext>) {
        routes.post("anomaly/check", use: check)
        routes.get("anomalies", use: list)
        routes.patch("anomalies/:id", use: update)
        routes.post("anomalies/scan", use: scan)
        routes.get("alerts/rules", use: rules)
        routes.post("alerts/rules", use: createRule)
        routes.delete("alerts/rules/:id", use: deleteRule)
        routes.post("alerts/rules/:id/mute", use: muteRule)
        routes.get("alerts/deliveries", use: deliveries)
    }

    @Sendable func check(_ request: Request, context: GatewayContext) async throws -> AnomalyCheckResultBody {
        _ = try context.requireAccess()
        let body = try await StrictJSON.decode(AnomalyCheckBody.self, from: request, limit: Self.checkLimit)
        let check = try body.proto()
        return AnomalyCheckResultBody(
            try await metrics.checkAnomalies(check, options: .init(timeout: Self.checkTimeout(points: check.points.count))))
    }

    /// The check's deadline grows with its size: 10 s, and a second more per 5,000 points (30 s
    /// at the 100,000 allowed). Judging takes about 30 µs a point on one core; four of the largest
    /// at once on two cores outlasted a flat 10 s and answered 503 after all the work was done.
    static func checkTimeout(points: Int) -> Duration {
        .seconds(10) + .seconds(points / 5_000)
    }

    /// `GET /anomalies?since&until&metric&entity_key&min_severity&limit&cursor`, newest first.
    @Sendable func list(_ request: Request, context: GatewayContext) async throws -> Page<AnomalyBody> {
        _ = try context.requireAccess()
        let query = request.uri.queryParameters
        let page = try PageQuery(request, defaultLimit: 50)
        let response = try await metrics.listAnomalies(
            .with {
                $0.since = query.get("since") ?? ""
                $0.until = query.get("until") ?? ""
                $0.metric = query.get("metric") ?? ""
                $0.entityKey = query.get("entity_key") ?? ""
                $0.minSeverity = query.get("min_severity") ?? ""
                $0.page = page.proto
            })
        return Page(items: response.anomalies.map(AnomalyBody.init), nextCursor: response.page.nextCursor)
    }

    @Sendable func update(_ request: Request, context: GatewayContext) async throws -> Response {
        _ = try context.requireAccess(.editor)
        let id = try Self.id(context, "anomaly")
        let body = try await StrictJSON.decode(AnomalyUpdateBody.self, from: request)
        let anomaly = try await metrics.updateAnomaly(
            .with {
                $0.id = id
                $0.status = body.status
            })
        return try jsonResponse(.ok, AnomalyBody(anomaly))
    }

    /// Scores the newest buckets now instead of after the next sync.
    @Sendable func scan(_ request: Request, context: GatewayContext) async throws -> MonitorResultBody {
        let access = try context.requireAccess(.editor)
        let response = try await metrics.runMonitor(
            .with {
                $0.settings = MetricsController.settings(access)
                $0.asOf = request.uri.queryParameters.get("as_of") ?? ""
            }, options: .init(timeout: .seconds(120)))
        return MonitorResultBody(
            seriesScored: Int(response.seriesScored), anomaliesFound: Int(response.anomaliesFound),
            notificationsQueued: Int(response.notificationsQueued))
    }

    @Sendable func rules(_ request: Request, context: GatewayContext) async throws -> AlertRuleListBody {
        _ = try context.requireAccess()
        return AlertRuleListBody(rules: try await metrics.listAlertRules(.init()).rules.map(AlertRuleBody.init))
    }

    @Sendable func createRule(_ request: Request, context: GatewayContext) async throws -> Response {
        _ = try context.requireAccess(.editor)
        let body = try await StrictJSON.decode(AlertRuleBody.self, from: request)
        return try jsonResponse(.created, AlertRuleBody(try await metrics.createAlertRule(try body.proto())))
    }

    @Sendable func deleteRule(_ request: Request, context: GatewayContext) async throws -> HTTPResponse.Status {
        _ = try context.requireAccess(.editor)
        let id = try Self.id(context, "alert rule")
        _ = try await metrics.deleteAlertRule(.with { $0.id = id })
        return .noContent
    }

    @Sendable func muteRule(_ request: Request, context: GatewayContext) async throws -> AlertRuleBody {
        _ = try context.requireAccess(.editor)
        let id = try Self.id(context, "alert rule")
        let body = try await StrictJSON.decode(MuteBody.self, from: request)
        return AlertRuleBody(
            try await metrics.muteAlertRule(
                .with {
                    $0.id = id
                    $0.until = body.until ?? ""
                }))
    }

    /// `GET /alerts/deliveries?rule_id&limit&cursor`: the delivery log, newest first.
    @Sendable func deliveries(_ request: Request, context: GatewayContext) async throws -> Page<DeliveryBody> {
        _ = try context.requireAccess()
        let page = try PageQuery(request, defaultLimit: 50)
        let response = try await metrics.listAlertDeliveries(
            .with {
                $0.ruleID = request.uri.queryParameters.get("rule_id") ?? ""
                $0.page = page.proto
            })
        return Page(items: response.deliveries.map(DeliveryBody.init), nextCursor: response.page.nextCursor)
    }

    private static func id(_ context: GatewayContext, _ what: String) throws -> String {
        let id = try context.parameters.require("id")
        guard UUID(uuidString: id) != nil else { throw APIError.notFound("no such \(what)") }
        return id
    }
}
