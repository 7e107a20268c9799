import Crypto
import Foundation
import MetricxRuntime

/// Reads the token-encryption keyring from the environment.
///
/// | variable | meaning |
/// |---|---|
/// | `SYNC_ENCRYPTION_KEYS` | comma-separated `id:base64` pairs of 32-byte keys, e.g. `k2:...,k1:...` |
/// | `SYNC_ENCRYPTION_KEY_ID` | the key new ciphertexts use; default the first of the list |
///
/// Rotation: add a new key in front, restart, run `SyncSvc reencrypt`, then drop the old key.
enum Keyring {
    static func cipher(environment env: EnvironmentReader) throws -> TokenCipher {
        let list = env.string("SYNC_ENCRYPTION_KEYS", default: "")
        guard !list.isEmpty else {
            throw ConfigurationError(
                variable: "SYNC_ENCRYPTION_KEYS", value: nil,
                reason: "required: id:base64 pairs of 32-byte keys (e.g. k1:$(openssl rand -base64 32))")
        }
        var keys: [String: SymmetricKey] = [:]
        var order: [String] = []
        for entry in list.split(separator: ",") {
            let parts = entry.trimmingCharacters(in: .whitespaces).split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, let bytes = Data(base64Encoded: parts[1]), bytes.count == 32 else {
                throw ConfigurationError(variable: "SYNC_ENCRYPTION_KEYS", value: nil, reason: "each entry must be id:base64 of 32 bytes")
            }
            guard keys[parts[0]] == nil else {
                throw ConfigurationError(variable: "SYNC_ENCRYPTION_KEYS", value: nil, reason: "key id \(parts[0]) appears twice")
            }
            keys[parts[0]] = SymmetricKey(data: bytes)
            order.append(parts[0])
        }
        let active = env.string("SYNC_ENCRYPTION_KEY_ID", default: order[0])
        guard keys[active] != nil else {
            throw ConfigurationError(
                variable: "SYNC_ENCRYPTION_KEY_ID", value: active, reason: "\(active) is not a key of SYNC_ENCRYPTION_KEYS")
        }
        return try TokenCipher(keys: keys, activeKeyID: active)
    }
}
