import Foundation
import MetricxRuntime

/// What a connection's fields may hold. Every violation names its field.
enum ConnectionRules {
    /// Settings a client may set, and what each accepts.
    static let settings: [String: @Sendable (String) -> String?] = [
        "granularity": { ["hour", "day"].contains($0) ? nil : "must be hour or day" },
        "trailing_days": { Int($0).map { (1...90).contains($0) } == true ? nil : "must be a whole number of days from 1 to 90" },
        "attribution_days": { Int($0).map { (1...400).contains($0) } == true ? nil : "must be a whole number of days from 1 to 400" },
        "login_customer_id": { $0.filter { $0 != "-" }.allSatisfy(\.isNumber) && !$0.isEmpty ? nil : "must be a Google Ads customer id" },
    ]

    static func provider(_ text: String, allowDemo: Bool = true) throws -> Provider {
        guard let provider = Provider(rawValue: text.lowercased()), allowDemo || provider != .demo else {
            let names = Provider.allCases.filter { allowDemo || $0 != .demo }.map(\.rawValue).joined(separator: ", ")
            throw ServiceError.invalidArgument("must be one of \(names)", field: "provider")
        }
        return provider
    }

    static func name(_ text: String, provider: Provider) throws -> String {
        let name = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard name.count <= 200 else { throw ServiceError.invalidArgument("must be at most 200 characters", field: "name") }
        return name.isEmpty ? defaultName(provider) : name
    }

    static func defaultName(_ provider: Provider) -> String {
        switch provider {
        case .meta: "Meta Ads"
        case .google: "Google Ads"
        case .shopify: "Shopify"
        case .demo: "Demo data"
        }
    }

    /// The provider's account: `act_<digits>` for Meta, a customer id for Google, a
    /// `*.myshopify.com` domain for Shopify; the demo needs none.
    static func accountRef(_ text: String, provider: Provider) throws -> String {
        let value = text.trimmingCharacters(in: .whitespaces)
        switch provider {
        case .demo:
            return value.isEmpty ? "demo" : String(value.prefix(100))
        case .meta:
            let digits = value.hasPrefix("act_") ? String(value.dropFirst(4)) : value
            guard !digits.isEmpty, digits.count <= 30, digits.allSatisfy(\.isNumber) else {
                throw ServiceError.invalidArgument("must be a Meta ad account id like act_1234567890", field: "account_ref")
            }
            return "act_\(digits)"
        case .google:
            let digits = value.filter { $0 != "-" }
            guard digits.count == 10, digits.allSatisfy(\.isNumber) else {
                throw ServiceError.invalidArgument("must be a Google Ads customer id like 123-456-7890", field: "account_ref")
            }
            return digits
        case .shopify:
            let shop = value.lowercased()
            guard shop.hasSuffix(".myshopify.com"), shop.count <= 100,
                shop.dropLast(".myshopify.com".count).allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }),
                shop.count > ".myshopify.com".count
            else {
                throw ServiceError.invalidArgument("must be a shop domain like my-store.myshopify.com", field: "account_ref")
            }
            return shop
        }
    }

    static func settings(_ input: [String: String]) throws -> [String: String] {
        for (key, value) in input {
            guard let check = settings[key] else {
                throw ServiceError.invalidArgument(
                    "unknown setting; known: \(settings.keys.sorted().joined(separator: ", "))", field: "settings.\(key)")
            }
            if let problem = check(value) { throw ServiceError.invalidArgument(problem, field: "settings.\(key)") }
        }
        return input
    }

    static func id(_ text: String, field: String = "id") throws -> UUID {
        guard let id = UUID(uuidString: text) else { throw ServiceError.invalidArgument("must be a connection id (a UUID)", field: field) }
        return id
    }

    static func timezone(_ text: String) throws -> String {
        try WorkspaceTimeZone.resolve(text, field: "workspace.timezone").name
    }
}
