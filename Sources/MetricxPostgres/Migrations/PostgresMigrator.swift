import Logging

/// One ordered schema change. Versions are positive and unique; an applied migration must never
/// be edited (its checksum is recorded and compared).
public struct Migration: Sendable {
    public var version: Int
    public var name: String
    public var sql: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }

    /// FNV-1a over the SQL text: detects edits to applied migrations.
    var checksum: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in sql.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}

/// Applies a service's migrations to its own schema at start-up.
///
/// All pending migrations run in one transaction under a transaction-level advisory lock keyed by
/// the schema, so N replicas starting together apply each migration exactly once: the first takes
/// the lock and applies, the others wait and then find nothing to do.
public struct PostgresMigrator: Sendable {
    public var schema: String
    public var migrations: [Migration]

    public init(schema: String, migrations: [Migration]) {
        self.schema = schema
        self.migrations = migrations.sorted { $0.version < $1.version }
    }

    /// Applies what is pending and returns the versions this call applied.
    @discardableResult
    public func migrate(_ client: PostgresClient, logger: Logger) async throws -> [Int] {
        try validate()
        let table = "\(schema).schema_migrations"
        return try await client.withTransaction { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(hashtext($1))", "metricx.migrate.\(schema)")
            let exists =
                try await connection.query(
                    "SELECT 1 FROM pg_namespace WHERE nspname = $1", schema
                ).rows.isEmpty == false
            if !exists {
                try await connection.executeScript("CREATE SCHEMA \(quoted(schema))")
            }
            try await connection.executeScript(
                """
                CREATE TABLE IF NOT EXISTS \(table) (
                    version integer PRIMARY KEY,
                    name text NOT NULL,
                    checksum text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """)
            var applied: [Int: String] = [:]
            for row in try await connection.query("SELECT version, checksum FROM \(table)").rows {
                let (version, checksum) = try row.decode(Int.self, String.self)
                applied[version] = checksum
            }
            var done: [Int] = []
            for migration in migrations {
                if let checksum = applied[migration.version] {
                    guard checksum == migration.checksum else {
                        throw PostgresError(
                            .migration,
                            message: "migration \(schema) \(migration.version) (\(migration.name)) was edited after it was applied")
                    }
                    continue
                }
                logger.info(
                    "applying migration", metadata: ["schema": "\(schema)", "version": "\(migration.version)", "name": "\(migration.name)"])
                try await connection.executeScript(migration.sql)
                try await connection.query(
                    "INSERT INTO \(table) (version, name, checksum) VALUES ($1, $2, $3)",
                    migration.version, migration.name, migration.checksum)
                done.append(migration.version)
            }
            return done
        }
    }

    private func validate() throws {
        guard schema.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }), !schema.isEmpty else {
            throw PostgresError(.migration, message: "schema name \(schema) must be letters, digits and _")
        }
        var seen = Set<Int>()
        for migration in migrations {
            guard migration.version > 0, seen.insert(migration.version).inserted else {
                throw PostgresError(.migration, message: "migration versions of \(schema) must be positive and unique")
            }
        }
    }

    private func quoted(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
