import Crypto
import Foundation
import MetricxRuntime
import MetricxTestSupport
import Testing

@testable import SyncSvc

@Suite(.enabled(if: TestEnvironment.hasPostgres && TestEnvironment.hasRedis, "needs the Postgres and Redis started by make test"))
struct CredentialTests {
    static let secret = "EAAG-very-secret-access-token-\(UUID().uuidString)"
    static let refresh = "1//refresh-token-\(UUID().uuidString)"

    @Test func tokensAreSealedAndBoundToTheirConnection() throws {
        let cipher = try TokenCipher(keys: ["k1": SymmetricKey(size: .bits256)], activeKeyID: "k1")
        let workspace = UUID()
        let a = UUID()
        let b = UUID()
        let sealed = try cipher.seal(Credentials(accessToken: "t", refreshToken: "r", expiresAt: nil), workspaceID: workspace, ownerID: a)
        #expect(try cipher.open(sealed, workspaceID: workspace, ownerID: a).accessToken == "t")
        // Copied onto another connection (or workspace), the ciphertext does not open.
        #expect(throws: CredentialError.self) { try cipher.open(sealed, workspaceID: workspace, ownerID: b) }
        #expect(throws: CredentialError.self) { try cipher.open(sealed, workspaceID: UUID(), ownerID: a) }
        #expect(!"\(Credentials(accessToken: "t0ken", refreshToken: nil, expiresAt: nil))".contains("t0ken"))
    }

    @Test func theKeyringComesFromTheEnvironmentWithClearErrors() throws {
        let key = SyncHarness.key1
        let cipher = try Keyring.cipher(environment: EnvironmentReader(["SYNC_ENCRYPTION_KEYS": "k2:\(SyncHarness.key2),k1:\(key)"]))
        #expect(cipher.activeKeyID == "k2" && cipher.keyIDs == ["k1", "k2"])
        #expect(throws: ConfigurationError.self) { try Keyring.cipher(environment: EnvironmentReader([:])) }
        #expect(throws: ConfigurationError.self) {
            try Keyring.cipher(environment: EnvironmentReader(["SYNC_ENCRYPTION_KEYS": "k1:c2hvcnQ="]))
        }
        #expect(throws: ConfigurationError.self) {
            try Keyring.cipher(environment: EnvironmentReader(["SYNC_ENCRYPTION_KEYS": "k1:\(key)", "SYNC_ENCRYPTION_KEY_ID": "k9"]))
        }
    }

    @Test func aStoredTokenAppearsInPlainTextNowhereInPostgresOrRedis() async throws {
        let harness = try await SyncHarness.make()
        let connection = try await harness.connection(.meta, account: "act_1", token: Self.secret, refreshToken: Self.refresh)
        // Every row of every table of the sync schema, as text, and every key and value in Redis.
        let tables = try await harness.postgres.query(
            "SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'sync'"
        ).column(String.self)
        var everything = ""
        for table in tables {
            let rows = try await harness.postgres.query("SELECT t::text FROM sync.\(table) t").column(String.self)
            everything += rows.joined(separator: "\n")
            // bytea renders as hex; look for the hex of the token too.
            let hex = try await harness.postgres.query("SELECT encode(convert_to(t::text, 'UTF8'), 'escape') FROM sync.\(table) t").column(
                String.self)
            everything += hex.joined(separator: "\n")
        }
        let keys = try await harness.redis.send("KEYS", "*").array?.compactMap(\.string) ?? []
        for key in keys {
            everything += key
            let type = try await harness.redis.send("TYPE", key).string
            if type == "string" { everything += try await harness.redis.send("GET", key).string ?? "" }
            if type == "hash" { everything += (try await harness.redis.send("HGETALL", key).array ?? []).compactMap(\.string).joined() }
        }
        let hexSecret = Self.secret.utf8.map { String(format: "%02x", $0) }.joined()
        #expect(everything.contains(connection.id.uuidString.lowercased()))
        #expect(!everything.contains(Self.secret) && !everything.contains(Self.refresh) && !everything.contains(hexSecret))
        let sealed = try #require(
            try await harness.connections.credentials(workspaceID: connection.workspaceID, connectionID: connection.id))
        #expect(try harness.cipher.open(sealed, workspaceID: connection.workspaceID, ownerID: connection.id).accessToken == Self.secret)
        await harness.shutdown()
    }

    @Test func rotationKeepsOldTokensReadableAndReencryptMovesThem() async throws {
        let harness = try await SyncHarness.make()
        let connection = try await harness.connection(.google, account: "1234567890", token: Self.secret, refreshToken: Self.refresh)
        let k1 = SymmetricKey(data: Data(base64Encoded: SyncHarness.key1)!)
        let k2 = SymmetricKey(data: Data(base64Encoded: SyncHarness.key2)!)
        let rotated = try TokenCipher(keys: ["k1": k1, "k2": k2], activeKeyID: "k2")
        let before = try #require(
            try await harness.connections.credentials(workspaceID: connection.workspaceID, connectionID: connection.id))
        #expect(before.keyID == "k1")
        // With k2 active, k1's ciphertexts still open.
        #expect(try rotated.open(before, workspaceID: connection.workspaceID, ownerID: connection.id).refreshToken == Self.refresh)
        #expect(try await harness.connections.reencrypt(with: rotated) >= 1)
        let after = try #require(
            try await harness.connections.credentials(workspaceID: connection.workspaceID, connectionID: connection.id))
        #expect(after.keyID == "k2" && after.accessToken != before.accessToken)
        // k1 can now be dropped.
        let onlyK2 = try TokenCipher(keys: ["k2": k2], activeKeyID: "k2")
        #expect(try onlyK2.open(after, workspaceID: connection.workspaceID, ownerID: connection.id).accessToken == Self.secret)
        #expect(throws: CredentialError.self) { try onlyK2.open(before, workspaceID: connection.workspaceID, ownerID: connection.id) }
        await harness.shutdown()
    }

    @Test func aTokenRefreshedWhileReencryptRunsIsNotOverwritten() async throws {
        let harness = try await SyncHarness.make()
        let connection = try await harness.connection(.google, account: "1234567890", token: "old-token", refreshToken: Self.refresh)
        let k1 = SymmetricKey(data: Data(base64Encoded: SyncHarness.key1)!)
        let k2 = SymmetricKey(data: Data(base64Encoded: SyncHarness.key2)!)
        let rotated = try TokenCipher(keys: ["k1": k1, "k2": k2], activeKeyID: "k2")
        // reencrypt reads the row, then a sync refreshes the token (still under k1), then
        // reencrypt writes: the refreshed token must survive.
        let stale = try await harness.connections.staleCredentials(activeKeyID: "k2")
            .filter { $0.connectionID == connection.id }
        #expect(stale.count == 1)
        let refreshed = try harness.cipher.seal(
            Credentials(accessToken: "new-token", refreshToken: Self.refresh, expiresAt: nil), workspaceID: connection.workspaceID,
            ownerID: connection.id)
        try await harness.connections.saveCredentials(refreshed, workspaceID: connection.workspaceID, connectionID: connection.id)
        #expect(try await harness.connections.move(stale, to: rotated) == 0)
        let stored = try #require(
            try await harness.connections.credentials(workspaceID: connection.workspaceID, connectionID: connection.id))
        #expect(try rotated.open(stored, workspaceID: connection.workspaceID, ownerID: connection.id).accessToken == "new-token")
        // The next run moves the refreshed token to k2.
        let again = try await harness.connections.staleCredentials(activeKeyID: "k2").filter { $0.connectionID == connection.id }
        #expect(try await harness.connections.move(again, to: rotated) == 1)
        let moved = try #require(
            try await harness.connections.credentials(workspaceID: connection.workspaceID, connectionID: connection.id))
        #expect(moved.keyID == "k2")
        #expect(try rotated.open(moved, workspaceID: connection.workspaceID, ownerID: connection.id).accessToken == "new-token")
        await harness.shutdown()
    }
}
