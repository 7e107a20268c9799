import MetricxProtos
import MetricxRootCause
import MetricxRuntime

/// The `Localize` RPC's work: parse the uploaded leaves and search them, admitted through the
/// service's ``ComputeQueue`` (a large table is a second of CPU that must not hold a cooperative
/// thread, nor go on after its request ended).
struct Localization: Sendable {
    let compute: ComputeQueue
    var limits: LeafTable.Limits = .defaults
    var localizer = RootCauseLocalizer()

    func run(_ request: Metricx_V1_LocalizeRequest) async throws -> Metricx_V1_LocalizeResponse {
        let (limits, localizer) = (limits, localizer)
        let causes = try await compute.run { budget in
            let table = try LeafTable.parseCSV(request.csv, limits: limits)
            let cuboids = localizer.cuboidCount(of: table)
            guard table.count * cuboids <= limits.maximumWork else {
                throw ServiceError.invalidArgument(
                    "\(table.count) leaves × \(cuboids) attribute combinations (\(table.attributes.count) attributes, up to "
                        + "\(localizer.configuration(for: table).maximumLayer) at a time) is more than the "
                        + "\(limits.maximumWork) a localization may search; send fewer leaves or attributes",
                    field: "csv")
            }
            return try localizer.localize(table, budget: budget)
        }
        return .with { response in
            response.rootCauses = causes.map { cause in
                .with {
                    $0.elements = cause.elements
                    $0.score = cause.score
                    $0.share = cause.score
                    $0.label = cause.label
                    if let effect = cause.ratio { $0.ratio = Metricx_V1_RatioParts(effect) }
                }
            }
        }
    }
}
