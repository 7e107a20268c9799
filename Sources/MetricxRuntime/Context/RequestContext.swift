import Foundation
import Logging

/// Who is asking, for which workspace, under which request id. Set by the gateway, carried in gRPC
/// metadata (`x-request-id`, `x-workspace-id`, `x-principal`, `x-role`) and available to handlers
/// as ``RequestContext/current`` while they run.
public struct RequestContext: Sendable, Equatable {
    public var requestID: String
    public var workspaceID: String?
    public var principal: String?
    public var role: String?

    public init(requestID: String, workspaceID: String? = nil, principal: String? = nil, role: String? = nil) {
        self.requestID = requestID
        self.workspaceID = workspaceID
        self.principal = principal
        self.role = role
    }

    @TaskLocal public static var current: RequestContext?

    /// The metadata keys of the wire.
    public enum Key {
        public static let requestID = "x-request-id"
        public static let workspaceID = "x-workspace-id"
        public static let principal = "x-principal"
        public static let role = "x-role"
    }

    /// The workspace of the current request; every workspace-scoped operation requires one.
    public static func requireWorkspace() throws -> String {
        guard let workspace = current?.workspaceID, !workspace.isEmpty else {
            throw ServiceError(.unauthenticated, "the request carries no workspace")
        }
        return workspace
    }

    /// The workspace of the current request as a UUID, which every service keys its rows by.
    public static func requireWorkspaceID() throws -> UUID {
        guard let id = UUID(uuidString: try requireWorkspace()) else {
            throw ServiceError.invalidArgument("workspace id must be a UUID", field: Key.workspaceID)
        }
        return id
    }

    /// Adds the request's identifiers to every log line written while it runs.
    public static let metadataProvider = Logger.MetadataProvider {
        guard let context = current else { return [:] }
        var metadata: Logger.Metadata = ["request_id": "\(context.requestID)"]
        if let workspace = context.workspaceID { metadata["workspace_id"] = "\(workspace)" }
        return metadata
    }
}
