import MetricxRuntime

/// A leased connection, valid inside `withConnection` / `withTransaction`. Each call runs its
/// blocking libpq work on the client's threads.
public struct PostgresConnection: Sendable {
    let raw: LibPQConnection
    let pool: BlockingConnectionPool<LibPQConnection>
    let health: ConnectionHealth

    /// Runs a statement with parameters bound as `$1, $2, ...`; returns its rows.
    @discardableResult
    public func query(_ sql: String, _ bindings: any PostgresEncodable...) async throws -> PostgresResult {
        try await query(sql, bindings: bindings)
    }

    @discardableResult
    public func query(_ sql: String, bindings: [any PostgresEncodable]) async throws -> PostgresResult {
        let parameters = bindings.map(\.postgresText)
        return try await run { raw in try raw.execute(sql, parameters: parameters) }
    }

    /// Bulk-loads rows with `COPY <table> (<columns>) FROM STDIN` in text format and returns how
    /// many rows the server copied.
    @discardableResult
    public func copy<Rows: Sequence & Sendable>(_ sql: String, rows: Rows) async throws -> Int
    where Rows.Element == [any PostgresEncodable] {
        try await copy(sql) { writer in
            for row in rows { try writer.append(row) }
        }
    }

    /// Bulk-loads rows that `produce` appends, streamed to the server in chunks as they are
    /// appended (nothing close to the whole load is held in memory). Runs on the thread pool.
    /// `sql` is `COPY <table> (<columns>) FROM STDIN`; the format option is added here.
    @discardableResult
    public func copy(
        _ sql: String, format: CopyFormat = .text, produce: @escaping @Sendable (inout CopyWriter) throws -> Void
    ) async throws -> Int {
        let statement = format == .binary ? sql + " WITH (FORMAT binary)" : sql
        return try await run { raw in
            try raw.copyIn(statement) { send in
                try withoutActuallyEscaping(send) { send in
                    var writer = CopyWriter(format: format, send: send)
                    try produce(&writer)
                    try writer.finish()
                }
            }
        }
    }

    /// Runs several statements without parameters. For trusted SQL such as migrations only.
    public func executeScript(_ sql: String) async throws {
        try await run { raw in try raw.executeScript(sql) }
    }

    private func run<T: Sendable>(_ body: @escaping @Sendable (LibPQConnection) throws -> T) async throws -> T {
        let raw = self.raw
        let health = self.health
        do {
            // A request that ends (its deadline passed, its client went away) stops its
            // statement on the server too, rather than leaving it to hold a connection and locks
            // until statement_timeout. The session is then not reused: a cancel that arrives late
            // must not hit another lease's statement.
            return try await withTaskCancellationHandler {
                try await pool.runBlocking { try body(raw) }
            } onCancel: {
                health.markBroken()
                raw.cancelRunningStatement()
            }
        } catch let error as PostgresError {
            if error.breaksConnection { health.markBroken() }
            throw error
        } catch {
            // The thread pool is shutting down.
            throw PostgresError(.poolClosed, message: "the client is shutting down")
        }
    }
}
