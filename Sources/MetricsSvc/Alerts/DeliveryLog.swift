import Foundation
import MetricxPostgres
import MetricxProtos
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
        let size = request.page.pageSize == 0 ? Self.defaultPageSize : Int(request.page.pageSize)
        guard (1...Self.maximumPageSize).contains(size) else {
            throw ServiceError.invalidArgument("must be from 1 to \(Self.maximumPageSize)", field: "page.page_size")
        }
        var after: (Date, UUID)?
        if !request.page.pageToken.isEmpty {
            let parts = request.page.pageToken.split(separator: "_")
            guard parts.count == 2, let micros = Int64(parts[0]), let id = UUID(uuidString: String(parts[1])) else {
                throw ServiceError.invalidArgument("is not a token this listing returned", field: "page.page_token")
            }
            after = (Date(timeIntervalSince1970: Double(micros) / 1_000_000), id)
        }
        let rows = try await postgres.query(
            """
            SELECT id, rule_id, anomaly_id, summary, status, attempts, last_status_code, last_error, created_at, delivered_at
            FROM metrics.alert_deliveries
            WHERE workspace_id = $1 AND ($2::uuid IS NULL OR rule_id = $2)
              AND ($3::timestamptz IS NULL OR (created_at, id) < ($3, $4))
            ORDER BY created_at DESC, id DESC
            LIMIT $5
            """,
            workspaceID, rule, after?.0, after?.1, size + 1
        ).rows
        var response = Metricx_V1_ListAlertDeliveriesResponse()
        var last: (Date, UUID)?
        for row in rows.prefix(size) {
            let (id, ruleID, anomalyID, summary, status, attempts, code, error, created, delivered) = try row.decode(
                UUID.self, UUID.self, UUID?.self, String.self, String.self, Int.self, Int.self, String.self, Date.self, Date?.self)
            response.deliveries.append(.with {
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
        if rows.count > size, let last {
            response.page.nextPageToken = "\(Int64((last.0.timeIntervalSince1970 * 1_000_000).rounded()))_\(last.1.uuidString.lowercased())"
        }
        return response
    }
}
