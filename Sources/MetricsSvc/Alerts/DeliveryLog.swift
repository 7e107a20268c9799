import Foundation
import MetricxPostgres
import MetricxProtos
import MetricxRPC
import MetricxRuntime

/// The delivery log of a workspace's alert notifications, newest first.
struct DeliveryLog: Sendable {
    static let defaultPageSize = 100
    static let maximumPageSize = 1_000
    let postgres: PostgresClient

    func list(_ request: Metricx_V1_ListAlertDeliveriesRequest, workspaceID: UUID) async throws -> Metricx_V1_ListAlertDeliveriesResponse {
        var rule: UUID?
        if !request.ruleID.isEmpty {
            guard let id = UUID(uuidString: request.ruleID) else {
                throw ServiceError.invalidArgument("must be a UUID", field: "rule_id")
            }
            rule = id
        }
        let page = try KeysetPage(request.page, defaultSize: Self.defaultPageSize, maximumSize: Self.maximumPageSize)
        let rows = try await postgres.query(
            """
            SELECT id, rule_id, anomaly_id, summary, status, attempts, last_status_code, last_error, created_at, delivered_at
            FROM metrics.alert_deliveries
            WHERE workspace_id = $1 AND ($2::uuid IS NULL OR rule_id = $2)
              AND ($3::timestamptz IS NULL OR (created_at, id) < ($3, $4))
            ORDER BY created_at DESC, id DESC
            LIMIT $5
            """,
            workspaceID, rule, page.after?.time, page.after?.id, page.size + 1
        ).rows
        var response = Metricx_V1_ListAlertDeliveriesResponse()
        var last: (time: Date, id: UUID)?
        for row in rows.prefix(page.size) {
            let (id, ruleID, anomalyID, summary, status, attempts, code, error, created, delivered) = try row.decode(
                UUID.self, UUID.self, UUID?.self, String.self, String.self, Int.self, Int.self, String.self, Date.self, Date?.self)
            response.deliveries.append(
                .with {
                    $0.id = id.uuidString.lowercased()
                    $0.ruleID = ruleID.uuidString.lowercased()
                    $0.anomalyID = anomalyID?.uuidString.lowercased() ?? ""
                    $0.summary = summary
                    $0.status = status
                    $0.attempts = Int32(attempts)
                    $0.lastStatusCode = Int32(code)
                    $0.lastError = error
                    $0.createdAt = created.formatted(.iso8601)
                    $0.deliveredAt = delivered?.formatted(.iso8601) ?? ""
                })
            last = (created, id)
        }
        if rows.count > page.size, let last { response.page.nextPageToken = KeysetPage.token(time: last.time, id: last.id) }
        return response
    }
}
