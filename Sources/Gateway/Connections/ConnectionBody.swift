import Foundation
import Hummingbird
import MetricxProtos

/// A connection as the API shows it: status and history, never a token.
struct ConnectionBody: Codable, Sendable, ResponseEncodable {
    var id: String
    var provider: String
    var name: String
    var status: String
    var accountRef: String
    var createdAt: String
    var lastSuccessAt: String?
    var lastError: String?
    var rowsSynced: Int64
    var nextRunAt: String?
    var settings: [String: String]

    enum CodingKeys: String, CodingKey {
        case id, provider, name, status, settings
        case accountRef = "account_ref"
        case createdAt = "created_at"
        case lastSuccessAt = "last_success_at"
        case lastError = "last_error"
        case rowsSynced = "rows_synced"
        case nextRunAt = "next_run_at"
    }

    init(_ connection: Metricx_V1_Connection) {
        id = connection.id
        provider = connection.provider
        name = connection.name
        status = connection.status
        accountRef = connection.accountRef
        createdAt = connection.createdAt
        lastSuccessAt = connection.lastSuccessAt.isEmpty ? nil : connection.lastSuccessAt
        lastError = connection.lastError.isEmpty ? nil : connection.lastError
        rowsSynced = connection.rowsSynced
        nextRunAt = connection.nextRunAt.isEmpty ? nil : connection.nextRunAt
        settings = connection.settings
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(provider, forKey: .provider)
        try container.encode(name, forKey: .name)
        try container.encode(status, forKey: .status)
        try container.encode(accountRef, forKey: .accountRef)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(lastSuccessAt, forKey: .lastSuccessAt)
        try container.encode(lastError, forKey: .lastError)
        try container.encode(rowsSynced, forKey: .rowsSynced)
        try container.encode(nextRunAt, forKey: .nextRunAt)
        try container.encode(settings, forKey: .settings)
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        try jsonResponse(.ok, self)
    }
}

/// One sync run of a connection's history.
struct SyncRunBody: Codable, Sendable, ResponseEncodable {
    var id: String
    var connectionID: String
    var kind: String
    var trigger: String
    var status: String
    var startedAt: String?
    var finishedAt: String?
    var rows: Int64
    var error: String?
    var attempt: Int32

    enum CodingKeys: String, CodingKey {
        case id, kind, trigger, status, rows, error, attempt
        case connectionID = "connection_id"
        case startedAt = "started_at"
        case finishedAt = "finished_at"
    }

    init(_ run: Metricx_V1_SyncRun) {
        id = run.id
        connectionID = run.connectionID
        kind = run.kind
        trigger = run.trigger
        status = run.status
        startedAt = run.startedAt.isEmpty ? nil : run.startedAt
        finishedAt = run.finishedAt.isEmpty ? nil : run.finishedAt
        rows = run.rows
        error = run.error.isEmpty ? nil : run.error
        attempt = run.attempt
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(connectionID, forKey: .connectionID)
        try container.encode(kind, forKey: .kind)
        try container.encode(trigger, forKey: .trigger)
        try container.encode(status, forKey: .status)
        try container.encode(startedAt, forKey: .startedAt)
        try container.encode(finishedAt, forKey: .finishedAt)
        try container.encode(rows, forKey: .rows)
        try container.encode(error, forKey: .error)
        try container.encode(attempt, forKey: .attempt)
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        try jsonResponse(.accepted, self)
    }
}

/// `POST /connections`.
struct CreateConnectionBody: Codable, Sendable {
    struct Tokens: Codable, Sendable {
        var accessToken: String
        var refreshToken: String?
        var expiresAt: String?

        enum CodingKeys: String, CodingKey {
            case accessToken = "access_token"
            case refreshToken = "refresh_token"
            case expiresAt = "expires_at"
        }
    }

    var provider: String
    var name: String?
    var accountRef: String?
    var settings: [String: String]?
    var credentials: Tokens?

    enum CodingKeys: String, CodingKey {
        case provider, name, settings, credentials
        case accountRef = "account_ref"
    }

    func proto(settings workspace: Metricx_V1_WorkspaceSettings) -> Metricx_V1_CreateConnectionRequest {
        .with {
            $0.provider = provider
            $0.name = name ?? ""
            $0.accountRef = accountRef ?? ""
            $0.settings = settings ?? [:]
            $0.workspace = workspace
            if let credentials {
                $0.credentials = .with {
                    $0.accessToken = credentials.accessToken
                    $0.refreshToken = credentials.refreshToken ?? ""
                    $0.expiresAt = credentials.expiresAt ?? ""
                }
            }
        }
    }
}

/// `POST /oauth/{provider}/start`.
struct StartOAuthBody: Codable, Sendable {
    var accountRef: String
    var name: String?
    var settings: [String: String]?

    enum CodingKeys: String, CodingKey {
        case name, settings
        case accountRef = "account_ref"
    }
}
