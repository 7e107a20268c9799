import Foundation
import MetricxPostgres
import MetricxRuntime
import MetricxTestSupport
import Testing

@Suite(.enabled(if: TestEnvironment.hasPostgres, "needs the Postgres started by make test"))
struct PostgresClientTests {
    @Test func parametersRoundTripWithTheirTypes() async throws {
        let client = TestEnvironment.postgresClient()
        defer { Task { await client.shutdown() } }
        let instant = Date(timeIntervalSince1970: 1_763_700_000.123456)
        let hostile = "'; DROP TABLE x; -- \\ \t \n \"quoted\" ünïcödé"
        let row = try await client.query(
            "SELECT $1::text, $2::int8, $3::float8, $4::bool, $5::timestamptz, $6::text, $7::bytea, $8::text[]",
            hostile, Int64(-42), 2.5, true, instant, String?.none, Data([0, 1, 254, 255]), ["a", "b\"c", "d\\e"]
        ).single()
        let (text, integer, double, flag, date, null, bytes) = try row.decode(
            String.self, Int64.self, Double.self, Bool.self, Date.self, String?.self, Data.self)
        #expect(text == hostile)
        #expect(integer == -42)
        #expect(double == 2.5)
        #expect(flag)
        #expect(abs(date.timeIntervalSince(instant)) < 0.000_001)
        #expect(null == nil)
        #expect(bytes == Data([0, 1, 254, 255]))
        #expect(try row.decode(String.self, at: 7) == #"{a,"b\"c","d\\e"}"#)
    }

    @Test func badSQLSurfacesSQLStateWithoutLeakingTheQuery() async throws {
        let client = TestEnvironment.postgresClient()
        defer { Task { await client.shutdown() } }
        let error = await #expect(throws: PostgresError.self) {
            try await client.query("SELECT * FROM no_such_table WHERE secret = $1", "hunter2")
        }
        #expect(error?.code == .server)
        #expect(error?.sqlState == "42P01")
        #expect(error?.description.contains("hunter2") == false)
        #expect(error?.description.contains("no_such_table") == true) // the server's message names it
        #expect(error?.debugDescription.contains("SELECT * FROM no_such_table") == true)

        let syntax = await #expect(throws: PostgresError.self) { try await client.query("SELEC 1") }
        #expect(syntax?.sqlState == "42601")
        // The connection stays usable after a statement error.
        #expect(try await client.query("SELECT 1").single().decode(Int.self, at: 0) == 1)
    }

    @Test func aUniqueViolationMapsToAlreadyExists() async throws {
        let client = TestEnvironment.postgresClient()
        defer { Task { await client.shutdown() } }
        let table = TestEnvironment.uniqueName("t_unique")
        try await client.query("CREATE TABLE \(table) (id int PRIMARY KEY)")
        try await client.query("INSERT INTO \(table) VALUES (1)")
        let error = await #expect(throws: PostgresError.self) { try await client.query("INSERT INTO \(table) VALUES (1)") }
        #expect(error?.sqlState == "23505")
        #expect(error?.serviceError.code == .alreadyExists)
        try await client.query("DROP TABLE \(table)")
    }

    /// What reaches a client names neither the table, the constraint nor the row.
    @Test func constraintViolationsReachClientsWithoutTheServersText() async throws {
        let client = TestEnvironment.postgresClient()
        defer { Task { await client.shutdown() } }
        let table = TestEnvironment.uniqueName("t_secretive")
        try await client.query(
            "CREATE TABLE \(table) (id int CONSTRAINT \(table)_pk PRIMARY KEY, owner int REFERENCES \(table)(id), n int NOT NULL CHECK (n > 0))"
        )
        try await client.query("INSERT INTO \(table) VALUES (1, NULL, 1)")
        let attempts = [
            ("INSERT INTO \(table) VALUES (1, NULL, 1)", ServiceError.Code.alreadyExists),
            ("INSERT INTO \(table) VALUES (2, 99, 1)", .failedPrecondition),
            ("INSERT INTO \(table) VALUES (3, NULL, -4)", .failedPrecondition),
            ("INSERT INTO \(table) VALUES (4, NULL, NULL)", .failedPrecondition),
        ]
        for (statement, code) in attempts {
            let error = await #expect(throws: PostgresError.self) { try await client.query(statement) }
            let reaching = try #require(error?.serviceError)
            #expect(reaching.code == code)
            for leaked in [table, "constraint", "violates", "owner", "99", "\"n\""] {
                #expect(!reaching.message.contains(leaked), "\(statement) answered \(reaching.message)")
            }
        }
        try await client.query("DROP TABLE \(table)")
    }

    /// A cancelled request (deadline passed, client gone) stops its statement on the server, not
    /// only its wait for the answer.
    @Test func cancellingTheTaskCancelsTheStatementOnTheServer() async throws {
        let client = TestEnvironment.postgresClient()
        defer { Task { await client.shutdown() } }
        let marker = TestEnvironment.uniqueName("sleeper")
        let sleeper = Task { try await client.query("SELECT pg_sleep(60), '\(marker)'") }
        func running() async throws -> Int {
            try await client.query(
                "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE $1 AND pid <> pg_backend_pid()",
                "%\(marker)%"
            ).single().decode(Int.self, at: 0)
        }
        var started = false
        for _ in 0..<100 where !started {
            started = try await running() == 1
            if !started { try await Task.sleep(for: .milliseconds(50)) }
        }
        #expect(started)
        sleeper.cancel()
        let error = await #expect(throws: PostgresError.self) { try await sleeper.value }
        #expect(error?.sqlState == "57014")
        #expect(try await running() == 0)
        // The pool goes on serving.
        #expect(try await client.query("SELECT 1").single().decode(Int.self, at: 0) == 1)
    }

    @Test func aTransactionThatThrowsLeavesNothingBehind() async throws {
        let client = TestEnvironment.postgresClient()
        defer { Task { await client.shutdown() } }
        let table = TestEnvironment.uniqueName("t_tx")
        try await client.query("CREATE TABLE \(table) (id int PRIMARY KEY, note text)")
        struct Abort: Error {}
        await #expect(throws: Abort.self) {
            try await client.withTransaction { connection in
                try await connection.query("INSERT INTO \(table) VALUES (1, 'first')")
                try await connection.query("INSERT INTO \(table) VALUES (2, 'second')")
                throw Abort()
            }
        }
        // A failing statement inside the transaction rolls back the earlier ones too.
        await #expect(throws: PostgresError.self) {
            try await client.withTransaction { connection in
                try await connection.query("INSERT INTO \(table) VALUES (3, 'third')")
                try await connection.query("INSERT INTO \(table) VALUES (3, 'duplicate')")
            }
        }
        #expect(try await client.query("SELECT count(*) FROM \(table)").single().decode(Int.self, at: 0) == 0)

        try await client.withTransaction { connection in
            try await connection.query("INSERT INTO \(table) VALUES (4, 'kept')")
        }
        #expect(try await client.query("SELECT count(*) FROM \(table)").single().decode(Int.self, at: 0) == 1)
        try await client.query("DROP TABLE \(table)")
    }

    @Test func poolExhaustionWaitsThenTimesOutWithAClearError() async throws {
        let client = TestEnvironment.postgresClient(maximumConnections: 1, acquireTimeout: .milliseconds(300))
        defer { Task { await client.shutdown() } }
        try await withThrowingTaskGroup(of: Void.self) { group in
            let (held, holding) = AsyncStream<Void>.makeStream()
            // The holder keeps the only connection until the second query has given up, however
            // slowly a loaded machine runs either (a fixed hold raced the timeout under make test).
            let (released, release) = AsyncStream<Void>.makeStream()
            group.addTask {
                try await client.withConnection { connection in
                    try await connection.query("SELECT 1")
                    holding.yield()
                    var waiting = released.makeAsyncIterator()
                    await waiting.next()
                }
            }
            var iterator = held.makeAsyncIterator()
            await iterator.next()
            let started = ContinuousClock.now
            let error = await #expect(throws: PostgresError.self) { try await client.query("SELECT 1") }
            let waited = ContinuousClock.now - started
            #expect(error?.code == .poolTimeout)
            #expect(error?.description.contains("busy") == true)
            #expect(error?.serviceError.code == .unavailable)
            #expect(waited >= .milliseconds(250))
            release.yield()
            release.finish()
            try await group.waitForAll()
        }
        // Once the holder is done, the connection is lent again.
        #expect(try await client.query("SELECT 2").single().decode(Int.self, at: 0) == 2)
    }

    @Test func copyRoundTripsOneHundredThousandRowsExactly() async throws {
        let client = TestEnvironment.postgresClient()
        defer { Task { await client.shutdown() } }
        let table = TestEnvironment.uniqueName("t_copy")
        try await client.query("CREATE TABLE \(table) (id int8, label text, amount float8, note text)")
        let count = 100_000
        let copied = try await client.withConnection { connection in
            try await connection.copy("COPY \(table) (id, label, amount, note) FROM STDIN") { writer in
                for index in 0..<count {
                    let note: String? = index % 7 == 0 ? nil : "tab\tnew\nline\\ \(index)"
                    try writer.append([Int64(index), "row \(index)", Double(index) * 0.25, note])
                }
            }
        }
        #expect(copied == count)
        let summary = try await client.query(
            "SELECT count(*), sum(id), sum(amount), count(note), max(note) FILTER (WHERE id = 99999) FROM \(table)"
        ).single()
        #expect(try summary.decode(Int.self, at: 0) == count)
        #expect(try summary.decode(Int64.self, at: 1) == Int64(count * (count - 1) / 2))
        #expect(try summary.decode(Double.self, at: 2) == Double(count * (count - 1) / 2) * 0.25)
        #expect(try summary.decode(Int.self, at: 3) == count - (count + 6) / 7)
        #expect(try summary.decode(String.self, at: 4) == "tab\tnew\nline\\ 99999")
        try await client.query("DROP TABLE \(table)")
    }

    @Test func aFailedCopyLeavesNoRowsAndTheConnectionUsable() async throws {
        let client = TestEnvironment.postgresClient(maximumConnections: 1)
        defer { Task { await client.shutdown() } }
        let table = TestEnvironment.uniqueName("t_copy_bad")
        try await client.query("CREATE TABLE \(table) (id int4)")
        let rows: [[any PostgresEncodable]] = [[1], [2], ["not a number"]]
        let error = await #expect(throws: PostgresError.self) {
            try await client.withConnection { try await $0.copy("COPY \(table) (id) FROM STDIN", rows: rows) }
        }
        #expect(error?.sqlState == "22P02")
        #expect(try await client.query("SELECT count(*) FROM \(table)").single().decode(Int.self, at: 0) == 0)
        try await client.query("DROP TABLE \(table)")
    }
}
