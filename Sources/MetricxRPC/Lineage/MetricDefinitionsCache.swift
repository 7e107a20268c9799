import Foundation
import MetricxProtos

/// A workspace's own metric definitions from LineageSvc, kept per catalog version: each read asks
/// for the version (one small call) and fetches the definitions again only when it moved, so a
/// new or edited metric is seen at once and an unchanged catalog costs one round trip.
///
/// What a caller needs from the definitions (`Derived`) is computed once per version.
public actor MetricDefinitionsCache<Derived: Sendable> {
    private let lineage: any Metricx_V1_LineageService.ClientProtocol
    private let derive: @Sendable ([Metricx_V1_MetricDefinition]) -> Derived
    private var entries: [UUID: (version: Int64, derived: Derived)] = [:]

    public init(
        lineage: any Metricx_V1_LineageService.ClientProtocol, derive: @escaping @Sendable ([Metricx_V1_MetricDefinition]) -> Derived
    ) {
        self.lineage = lineage
        self.derive = derive
    }

    /// The workspace's definitions (built-ins excluded) as `Derived`, with the catalog version
    /// they are from. The call acts in the workspace of the current request context, which must
    /// be `workspaceID`.
    public func current(workspaceID: UUID) async throws -> (version: Int64, value: Derived) {
        let probe = try await lineage.listMetricDefinitions(.with { $0.page.pageSize = 1 })
        if let cached = entries[workspaceID], cached.version == probe.catalogVersion { return (cached.version, cached.derived) }
        var definitions: [Metricx_V1_MetricDefinition] = []
        var token = ""
        repeat {
            let page = try await lineage.listMetricDefinitions(
                .with {
                    $0.page.pageSize = 500
                    $0.page.pageToken = token
                })
            definitions += page.definitions
            token = page.page.nextPageToken
        } while !token.isEmpty
        let derived = derive(definitions)
        entries[workspaceID] = (probe.catalogVersion, derived)
        return (probe.catalogVersion, derived)
    }
}
