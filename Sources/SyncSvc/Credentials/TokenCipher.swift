import Crypto
import Foundation

/// Seals OAuth tokens with AES-256-GCM under a named key, and opens what any key of the keyring
/// sealed — so a rotated-out key keeps old ciphertexts readable until `SyncSvc reencrypt` has
/// moved them to the active key.
///
/// The additional authenticated data binds a ciphertext to its workspace, connection and field:
/// a sealed token copied into another row does not open.
struct TokenCipher: Sendable {
    /// The key new ciphertexts are sealed with.
    let activeKeyID: String
    private let keys: [String: SymmetricKey]

    init(keys: [String: SymmetricKey], activeKeyID: String) throws {
        guard let active = keys[activeKeyID] else {
            throw CredentialError(.configuration, "the active key \(activeKeyID) is not in the keyring")
        }
        guard active.bitCount == 256 else { throw CredentialError(.configuration, "keys must be 256 bits") }
        self.keys = keys
        self.activeKeyID = activeKeyID
    }

    /// Every key id of the keyring.
    var keyIDs: [String] { keys.keys.sorted() }

    func seal(_ plaintext: String, binding: TokenBinding) throws -> Data {
        guard let key = keys[activeKeyID] else { throw CredentialError(.unknownKey, "no active key") }
        do {
            let box = try AES.GCM.seal(Data(plaintext.utf8), using: key, authenticating: binding.data)
            guard let combined = box.combined else { throw CredentialError(.sealFailed, "cannot seal a token") }
            return combined
        } catch let error as CredentialError {
            throw error
        } catch {
            throw CredentialError(.sealFailed, "cannot seal a token", cause: error)
        }
    }

    func open(_ ciphertext: Data, keyID: String, binding: TokenBinding) throws -> String {
        guard let key = keys[keyID] else {
            throw CredentialError(.unknownKey, "the credentials were sealed with key \(keyID), which is not in the keyring")
        }
        do {
            let box = try AES.GCM.SealedBox(combined: ciphertext)
            let plaintext = try AES.GCM.open(box, using: key, authenticating: binding.data)
            return String(decoding: plaintext, as: UTF8.self)
        } catch {
            throw CredentialError(.openFailed, "the stored credentials cannot be decrypted", cause: error)
        }
    }
}

/// What a sealed token belongs to; authenticated (not encrypted) with it.
struct TokenBinding: Sendable {
    var workspaceID: UUID
    var ownerID: String
    var field: String

    var data: Data { Data("metricx.sync.v1|\(workspaceID.uuidString.lowercased())|\(ownerID)|\(field)".utf8) }
}
