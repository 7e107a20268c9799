import GRPCCore
import MetricxProtos
import MetricxRPC

/// MetricsSvc as the gateway calls it.
struct MetricsPeer: Sendable {
    /// The generated client: calls answered with a decoded message.
    var client: any Metricx_V1_MetricsService.ClientProtocol
    /// The same connections, for answers rendered straight from their wire form.
    var encoded: any EncodedUnaryCalling

    init(_ grpc: GRPCClient<some ClientTransport>) {
        client = Metricx_V1_MetricsService.Client(wrapping: grpc)
        encoded = grpc
    }
}
