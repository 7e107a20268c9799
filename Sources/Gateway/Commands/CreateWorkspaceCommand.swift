import Foundation

/// `Gateway create-workspace <name> [--timezone TZ] [--currency CUR]`: creates a workspace and its
/// first admin API key, printing both (the key is shown only here). Works under `kubectl exec`.
enum CreateWorkspaceCommand {
    struct Options: Equatable {
        var name: String
        var timezone = "UTC"
        var currency = "USD"
    }

    static let usage = "usage: Gateway create-workspace <name> [--timezone Europe/Berlin] [--currency EUR]"

    static func parse(_ arguments: [String]) throws -> Options {
        var positional: [String] = []
        var options = Options(name: "")
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            switch argument {
            case "--timezone", "--currency":
                guard index + 1 < arguments.count else { throw APIError.badRequest("\(argument) needs a value") }
                if argument == "--timezone" { options.timezone = arguments[index + 1] } else { options.currency = arguments[index + 1] }
                index += 2
            default:
                guard !argument.hasPrefix("--") else { throw APIError.badRequest("unknown option \(argument)") }
                positional.append(argument)
                index += 1
            }
        }
        guard positional.count == 1 else { throw APIError.badRequest("give exactly one workspace name") }
        options.name = positional[0].trimmingCharacters(in: .whitespacesAndNewlines)
        try Workspace.validate(name: options.name, timezone: options.timezone, currency: options.currency)
        return options
    }

    /// Creates the workspace and key; returns the lines to print.
    static func run(_ options: Options, store: any WorkspaceStore) async throws -> [String] {
        let workspace = try await store.createWorkspace(name: options.name, timezone: options.timezone, currency: options.currency)
        let (_, key) = try await store.createAPIKey(workspaceID: workspace.id, name: "admin (created by create-workspace)", role: .admin)
        return ["workspace_id=\(workspace.id)", "api_key=\(key)"]
    }
}
