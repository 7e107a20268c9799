import Foundation
import MetricxPostgres
import MetricxProtos
import MetricxRPC
import MetricxRuntime

/// The workspace's entities, a page at a time: what the copilot matches names against and what
/// pickers list. Keyed `provider:level:external_id`, which stays stable across renames.
struct EntityDirectory: Sendable {
    static let levels = ["account", "campaign", "adset", "ad"]
    static let defaultPageSize = 500
    static let maximumPageSize = 5_000

    let postgres: PostgresClient

    func list(_ request: Metricx_V1_ListEntitiesRequest, workspaceID: UUID) async throws -> Metricx_V1_ListEntitiesResponse {
        let level = request.level.lowercased()
        guard level.isEmpty || Self.levels.contains(level) else {
            throw ServiceError.invalidArgument("must be one of \(Self.levels.joined(separator: ", ")) or empty", field: "level")
        }
        let size = try request.page.size(default: Self.defaultPageSize, maximum: Self.maximumPageSize)
        var after: Int64 = 0
        if !request.page.pageToken.isEmpty {
            guard let token = Int64(request.page.pageToken), token > 0 else {
                throw ServiceError.invalidArgument("is not a token this listing returned", field: "page.page_token")
            }
            after = token
        }
        var parent: (provider: String, level: String, externalID: String)?
        if !request.parentKey.isEmpty {
            let parts = request.parentKey.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 3, Self.levels.contains(parts[1]), !parts[2].isEmpty else {
                throw ServiceError.invalidArgument("must be provider:level:external_id", field: "parent_key")
            }
            parent = (parts[0], parts[1], parts[2])
        }
        let rows = try await postgres.query(
            """
            SELECT e.id, e.provider, e.level, e.external_id, e.name, e.status, coalesce(p.external_id, '')
            FROM metrics.entities e
            LEFT JOIN metrics.entities p ON p.workspace_id = e.workspace_id AND p.id = e.parent_id
            WHERE e.workspace_id = $1 AND e.id > $2 AND ($3 = '' OR e.level = $3)
              AND ($4 = '' OR (p.provider = $4 AND p.level = $5 AND p.external_id = $6))
            ORDER BY e.id
            LIMIT $7
            """,
            workspaceID, after, level, parent?.provider ?? "", parent?.level ?? "", parent?.externalID ?? "", size + 1
        ).rows
        var response = Metricx_V1_ListEntitiesResponse()
        var last: Int64 = 0
        for row in rows.prefix(size) {
            let (id, provider, level, externalID, name, status, parentExternalID) = try row.decode(
                Int64.self, String.self, String.self, String.self, String.self, String.self, String.self)
            last = id
            response.entities.append(
                .with {
                    $0.key = "\(provider):\(level):\(externalID)"
                    $0.entity = .with {
                        $0.provider = provider
                        $0.level = level
                        $0.externalID = externalID
                        $0.name = name
                        $0.status = status
                        $0.parentExternalID = parentExternalID
                    }
                })
        }
        if rows.count > size { response.page.nextPageToken = String(last) }
        return response
    }
}
