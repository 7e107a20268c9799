extension PostgresClient {
    /// Runs `body` in a transaction like ``withTransaction(_:)``, and runs it again, up to
    /// `attempts` times in all, when the server aborts it for a deadlock or serialization conflict
    /// (``PostgresError/isTransactionConflict``). `body` must be safe to repeat, which a transaction
    /// that was rolled back is, as long as it has no effects outside the database.
    public func withTransaction<T>(
        retryingConflicts attempts: Int, _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        var attempt = 1
        while true {
            do {
                return try await withTransaction(body)
            } catch let error as PostgresError where error.isTransactionConflict && attempt < attempts {
                // A short, growing, jittered pause, so the two sides do not collide again at once.
                let pause = UInt64.random(in: 5...20) * UInt64(attempt) * 1_000_000
                try await Task.sleep(nanoseconds: pause)
                attempt += 1
            }
        }
    }
}
