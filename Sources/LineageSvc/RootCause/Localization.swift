import MetricxProtos
import MetricxRootCause
import MetricxRuntime
import NIOPosix

/// The `Localize` RPC's work: parse the uploaded leaves and search them, on the blocking thread
/// pool (a large table is a second of CPU that must not hold a cooperative thread).
struct Localization: Sendable {
    var limits: LeafTable.Limits = .defaults
    var localizer = RootCauseLocalizer()

    func run(_ request: Metricx_V1_LocalizeRequest) async throws -> Metricx_V1_LocalizeResponse {
        let (limits, localizer) = (limits, localizer)
        let causes = try await NIOThreadPool.singleton.runIfActive {
            let table = try LeafTable.parseCSV(request.csv, limits: limits)
            let cuboids = localizer.cuboidCount(of: table)
            guard table.count * cuboids <= limits.maximumWork else {
                throw ServiceError.invalidArgument(
                    "\(table.count) leaves × \(cuboids) attribute combinations (\(table.attributes.count) attributes, up to "
                        + "\(localizer.configuration(for: table).maximumLayer) at a time) is more than the "
                        + "\(limits.maximumWork) a localization may search; send fewer leaves or attributes",
                    field: "csv")
            }
            return localizer.localize(table)
        }
        return .with { response in
            response.rootCauses = causes.map { cause in
                .with {
                    $0.elements = cause.elements
                    $0.score = cause.score
                    $0.share = cause.score
                    $0.label = cause.label
                }
            }
        }
    }
}
