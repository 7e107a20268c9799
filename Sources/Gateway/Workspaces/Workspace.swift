import Foundation
import MetricxRuntime

/// A tenant: every piece of data belongs to exactly one workspace.
struct Workspace: Codable, Sendable, Equatable {
    var id: String
    var name: String
    var timezone: String
    var currency: String
    var createdAt: String

    enum CodingKeys: String, CodingKey {
        case id, name, timezone, currency
        case createdAt = "created_at"
    }

    /// Each given setting, naming the first that is invalid.
    static func validate(name: String?, timezone: String?, currency: String?) throws {
        try validate(name: name)
        try validate(timezone: timezone)
        try validate(currency: currency)
    }

    static func validate(name: String?) throws {
        guard let name else { return }
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...200).contains(trimmed.count) else {
            throw APIError.invalid("must be 1 to 200 characters", field: "name")
        }
    }

    static func validate(timezone: String?) throws {
        guard let timezone else { return }
        guard WorkspaceTimeZone.accepts(timezone) else {
            throw APIError.invalid("unknown time zone: use an IANA region name such as Europe/Berlin, or UTC", field: "timezone")
        }
    }

    static func validate(currency: String?) throws {
        guard let currency else { return }
        guard currency.count == 3, currency.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
            throw APIError.invalid("must be an ISO 4217 code such as USD", field: "currency")
        }
    }
}

/// An API key as listed: never its secret.
struct APIKeyRecord: Codable, Sendable, Equatable {
    var id: String
    var name: String
    var prefix: String
    var role: Role
    var createdAt: String
    var lastUsedAt: String?
    var revokedAt: String?

    enum CodingKeys: String, CodingKey {
        case id, name, prefix, role
        case createdAt = "created_at"
        case lastUsedAt = "last_used_at"
        case revokedAt = "revoked_at"
    }
}
