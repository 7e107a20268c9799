import Foundation
import Logging
import MetricxPostgres
import MetricxTestSupport
import Testing

@Suite(.enabled(if: TestEnvironment.hasPostgres, "needs the Postgres started by make test"))
struct PostgresMigratorTests {
    let logger = Logger(label: "test")

    @Test func appliesInOrderOnceAndRefusesEditedMigrations() async throws {
        let client = TestEnvironment.postgresClient()
        defer { Task { await client.shutdown() } }
        let schema = TestEnvironment.uniqueName("mig")
        let first = Migration(version: 1, name: "items", sql: "CREATE TABLE \(schema).items (id int PRIMARY KEY);")
        let second = Migration(version: 2, name: "note", sql: "ALTER TABLE \(schema).items ADD COLUMN note text;")

        #expect(try await PostgresMigrator(schema: schema, migrations: [second, first]).migrate(client, logger: logger) == [1, 2])
        #expect(try await PostgresMigrator(schema: schema, migrations: [first, second]).migrate(client, logger: logger) == [])
        try await client.query("INSERT INTO \(schema).items (id, note) VALUES (1, 'ok')")

        var edited = second
        edited.sql += " -- changed"
        await #expect(throws: PostgresError.self) {
            try await PostgresMigrator(schema: schema, migrations: [first, edited]).migrate(client, logger: logger)
        }
        let broken = Migration(version: 3, name: "broken", sql: "ALTER TABLE \(schema).items ADD COLUMN x nonsense_type;")
        await #expect(throws: PostgresError.self) {
            try await PostgresMigrator(schema: schema, migrations: [first, second, broken]).migrate(client, logger: logger)
        }
        let versions = try await client.query("SELECT version FROM \(schema).schema_migrations ORDER BY 1").column(Int.self)
        #expect(versions == [1, 2])
        try await client.query("DROP SCHEMA \(schema) CASCADE")
    }

    /// Two processes (the Gateway executable's `migrate` command) race on a fresh database: each
    /// migration is applied once and both succeed.
    @Test func concurrentMigrationsFromTwoProcessesApplyOnce() async throws {
        let admin = TestEnvironment.postgresClient()
        defer { Task { await admin.shutdown() } }
        let database = TestEnvironment.uniqueName("migrace")
        try await admin.query("CREATE DATABASE \(database)")
        let url = TestEnvironment.databaseURL!.replacingOccurrences(of: "/metricx", with: "/\(database)")
        let binary = try Self.productsDirectory().appendingPathComponent("Gateway").path

        var overrides = ProcessInfo.processInfo.environment
        overrides["DATABASE_URL"] = url
        overrides["REDIS_URL"] = TestEnvironment.redisURL ?? "redis://127.0.0.1:6379/0"
        let environment = overrides
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<2 {
                group.addTask { try await TestEnvironment.run(binary, ["migrate"], environment: environment) }
            }
            try await group.waitForAll()
        }
        let client = TestEnvironment.postgresClient(url: url)
        let applied = try await client.query(
            "SELECT version, count(*) FROM gateway.schema_migrations GROUP BY version ORDER BY version")
        #expect(applied.rows.count >= 1)
        for row in applied.rows { #expect(try row.decode(Int.self, at: 1) == 1) }
        #expect(try await client.query("SELECT count(*) FROM gateway.workspaces").single().decode(Int.self, at: 0) == 0)
        await client.shutdown()
        try await admin.query("DROP DATABASE \(database) WITH (FORCE)")
    }

    static func productsDirectory() throws -> URL {
        // The test bundle lives next to the built executables.
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: url.appendingPathComponent("Gateway").path) {
            guard url.path != "/" else { throw CocoaError(.fileNoSuchFile) }
            url.deleteLastPathComponent()
        }
        return url
    }
}
