import Foundation
import MetricxPostgres
import MetricxTestSupport
import Testing

@Suite(.enabled(if: TestEnvironment.hasPostgres, "needs the Postgres started by make test"))
struct PostgresClientRetryTests {
    /// Two transactions take two rows in opposite orders; the server aborts one to break the
    /// deadlock, and `withTransaction(retryingConflicts:)` runs it again: both land, once each.
    @Test func aTransactionAbortedToBreakADeadlockIsRunAgain() async throws {
        let client = TestEnvironment.postgresClient(maximumConnections: 2)
        defer { Task { await client.shutdown() } }
        let table = TestEnvironment.uniqueName("t_deadlock")
        try await client.query("CREATE TABLE \(table) (id int PRIMARY KEY, v int NOT NULL)")
        try await client.query("INSERT INTO \(table) VALUES (1, 0), (2, 0)")
        let meeting = Meeting(parties: 2)
        let attempts = Tally()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (first, second) in [(1, 2), (2, 1)] {
                group.addTask {
                    try await client.withTransaction(retryingConflicts: 3) { connection in
                        let attempt = await attempts.next()
                        try await connection.query("UPDATE \(table) SET v = v + 1 WHERE id = $1", first)
                        // The first two attempts each hold one row before reaching for the other.
                        if attempt <= 2 { await meeting.arrive() }
                        try await connection.query("UPDATE \(table) SET v = v + 1 WHERE id = $1", second)
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(await attempts.count == 3)
        let values = try await client.query("SELECT v FROM \(table) ORDER BY id").rows.map { try $0.decode(Int.self, at: 0) }
        #expect(values == [2, 2])
        try await client.query("DROP TABLE \(table)")
    }

    @Test func otherErrorsAreNotRetried() async throws {
        let client = TestEnvironment.postgresClient()
        defer { Task { await client.shutdown() } }
        let attempts = Tally()
        let error = await #expect(throws: PostgresError.self) {
            try await client.withTransaction(retryingConflicts: 3) { connection in
                _ = await attempts.next()
                try await connection.query("SELECT 1 / 0")
            }
        }
        #expect(error?.sqlState == "22012")
        #expect(error?.isTransactionConflict == false)
        #expect(await attempts.count == 1)
    }
}

/// Counts calls.
private actor Tally {
    private(set) var count = 0

    func next() -> Int {
        count += 1
        return count
    }
}

/// Holds each caller of `arrive()` until `parties` have arrived.
private actor Meeting {
    private let parties: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(parties: Int) { self.parties = parties }

    func arrive() async {
        if waiting.count + 1 == parties {
            for continuation in waiting { continuation.resume() }
            waiting.removeAll()
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }
}
