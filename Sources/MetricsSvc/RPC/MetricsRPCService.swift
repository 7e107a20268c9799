import GRPCCore
import MetricxProtos
import MetricxRPC

/// What the server registers: ``MetricsService``'s generated methods, with the cached ones
/// (semantic queries, the dashboard, insights) answered in the wire form they are cached in
/// rather than decoded and encoded again for every request.
struct MetricsRPCService: RegistrableRPCService {
    let service: MetricsService

    func registerMethods<Transport: ServerTransport>(with router: inout RPCRouter<Transport>) {
        service.registerMethods(with: &router)
        let service = self.service
        typealias Method = Metricx_V1_MetricsService.Method
        router.registerUnary(Method.Query.descriptor, handler: { request, _ in try await service.encodedQuery(request) })
        router.registerUnary(Method.GetDashboard.descriptor, handler: { request, _ in try await service.encodedDashboard(request) })
        router.registerUnary(Method.GetInsights.descriptor, handler: { request, _ in try await service.encodedInsights(request) })
    }
}
