import ArgumentParser
import Foundation
import MetricxRuntime
import MetricxServiceHost

/// `Gateway create-workspace <name> [--timezone TZ] [--currency CUR]`: creates a workspace and its
/// first admin API key, printing both (the key is shown only here). Works under `kubectl exec`.
struct CreateWorkspaceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create-workspace",
        abstract: "Create a workspace and its first admin API key, and print both (the key is shown only here).")

    @Argument(help: "The workspace's name.")
    var name: String
    @Option(help: "The IANA time zone its days and hours are counted in (e.g. Europe/Berlin).")
    var timezone = "UTC"
    @Option(help: "The ISO 4217 currency its money is reported in (e.g. EUR).")
    var currency = "USD"

    init() {}

    mutating func validate() throws {
        name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        do {
            try Workspace.validate(name: name, timezone: timezone, currency: currency)
        } catch let error as APIError {
            throw ValidationError(error.field.map { "\($0): \(error.message)" } ?? error.message)
        }
    }

    func run() async throws {
        let host = ServiceHost.start(.gateway)
        try await host.migrate(GatewayMigrations.all)
        for line in try await create(store: PostgresWorkspaceStore(client: host.postgres)) { print(line) }
        await host.postgres.shutdown()
    }

    /// Creates the workspace and key; returns the lines to print.
    func create(store: any WorkspaceStore) async throws -> [String] {
        let workspace = try await store.createWorkspace(name: name, timezone: timezone, currency: currency)
        let (_, key) = try await store.createAPIKey(workspaceID: workspace.id, name: "admin (created by create-workspace)", role: .admin)
        return ["workspace_id=\(workspace.id)", "api_key=\(key)"]
    }
}
