import Foundation
import Logging
import MetricxRuntime

/// Runs one job: finds the connection and its credentials, refreshes an expired token, pulls the
/// trailing window page by page into MetricsSvc and records how it went. Stateless; any worker of
/// any replica can run any job, any number of times (ingest is idempotent).
struct SyncRunner: Sendable {
    struct Config: Sendable {
        /// Days re-pulled by every 15-minute sync (platforms restate recent days).
        var trailingDays: [Provider: Int] = [.meta: 3, .google: 3, .shopify: 3, .demo: 2]
        /// Days pulled by the daily attribution sync (late conversions).
        var attributionDays: [Provider: Int] = [.meta: 28, .google: 30, .shopify: 30, .demo: 14]
        /// Days pulled by a connection's very first sync.
        var initialDays: [Provider: Int] = [.meta: 30, .google: 30, .shopify: 30, .demo: 90]

        static let defaults = Config()
    }

    let connections: ConnectionStore
    let runs: RunStore
    let cipher: TokenCipher
    let connectors: [Provider: any Connector]
    let apps: [Provider: OAuthApp]
    let sink: any IngestSink
    var tokens = TokenClient()
    var config: Config = .defaults
    var now: @Sendable () -> Date = { Date() }
    var logger = Logger(label: "SyncSvc.runner")

    /// The job ended for good: whether it succeeded, and the rows it wrote.
    struct Result: Sendable {
        var rows: Int64
    }

    /// Runs the job; throws ``ConnectorError`` (retryable or not) when it failed.
    func run(_ job: Job, attempt: Int) async throws -> Result {
        if job.kind == .compaction { return Result(rows: try await sink.compact()) }
        guard let workspaceID = job.workspaceID, let connectionID = job.connectionID,
            var stored = try await connections.get(workspaceID: workspaceID, id: connectionID)
        else {
            return Result(rows: 0) // deleted since it was queued: nothing to do
        }
        if let runID = job.runID { try await runs.start(workspaceID: workspaceID, id: runID, attempt: attempt) }
        guard stored.status != .paused && stored.status != .needsReauth else {
            throw SkippedJob(
                reason: "skipped: the connection is \(stored.status == .paused ? "paused" : "waiting for a new authorization")")
        }
        guard let connector = connectors[stored.provider] else {
            throw ConnectorError(.configuration, "no connector for \(stored.provider.rawValue)")
        }
        let credentials = try await usableCredentials(&stored)
        let started = now()
        let timeZone = WorkspaceTimeZone.zone(stored.timezone) ?? .gmt
        let window = DayWindow.trailing(days: days(job.kind, stored), endingAt: started, timeZone: timeZone)
        let granularity = PullRequest.Granularity(rawValue: stored.settings["granularity"] ?? "hour") ?? .hour
        let connection = stored
        let request = PullRequest(connection: connection, credentials: credentials, window: window, granularity: granularity, now: started)
        let sink = self.sink
        let counter = RowCounter()
        let source = "connection:\(connection.id.uuidString.lowercased())"
        try await connector.pull(request) { page in
            guard !page.isEmpty else { return }
            await counter.add(try await sink.ingest(page, connection: connection, source: source))
        }
        let rows = await counter.total
        try await connections.recordSuccess(workspaceID: workspaceID, id: connectionID, rows: rows, at: now())
        // The numbers landed; a monitor that fails must not fail the sync (it runs again next time).
        do {
            _ = try await sink.monitor(connection: connection)
        } catch {
            logger.warning("anomaly monitor failed after sync", metadata: ["connection_id": "\(connectionID)", "error": "\(error)"])
        }
        return Result(rows: rows)
    }

    private func days(_ kind: Job.Kind, _ connection: ConnectionRecord) -> Int {
        if let text = connection.settings[kind == .attribution ? "attribution_days" : "trailing_days"], let days = Int(text),
            (1...400).contains(days)
        {
            return connection.lastSuccessAt == nil ? max(days, config.initialDays[connection.provider] ?? days) : days
        }
        if connection.lastSuccessAt == nil { return config.initialDays[connection.provider] ?? 30 }
        return (kind == .attribution ? config.attributionDays : config.trailingDays)[connection.provider] ?? 3
    }

    /// Opens the stored tokens, refreshing them first when they expired.
    private func usableCredentials(_ connection: inout ConnectionRecord) async throws -> Credentials? {
        guard connection.provider.needsCredentials else { return nil }
        guard let sealed = try await connections.credentials(workspaceID: connection.workspaceID, connectionID: connection.id) else {
            throw ConnectorError(.unauthorized, "no credentials are stored for this connection: connect the account again")
        }
        let credentials = try cipher.open(sealed, workspaceID: connection.workspaceID, ownerID: connection.id)
        guard credentials.isExpired(at: now()) else { return credentials }
        guard let app = apps[connection.provider] else {
            throw ConnectorError(
                .unauthorized,
                "the \(connection.provider.rawValue) token expired and OAuth is not configured to refresh it: reconnect the account")
        }
        let refreshed = try await tokens.refresh(credentials, app: app, shop: connection.accountRef)
        try await connections.saveCredentials(
            try cipher.seal(refreshed, workspaceID: connection.workspaceID, ownerID: connection.id),
            workspaceID: connection.workspaceID, connectionID: connection.id)
        logger.info("refreshed an access token", metadata: ["connection": "\(connection.id)"])
        return refreshed
    }
}

/// A job that had nothing to do (its connection is paused or needs a new authorization).
struct SkippedJob: Error {
    var reason: String
}

/// Rows accepted across the pages of one pull.
actor RowCounter {
    private(set) var total: Int64 = 0
    func add(_ rows: Int64) { total += rows }
}
