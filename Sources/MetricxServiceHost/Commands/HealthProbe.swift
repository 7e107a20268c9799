import Foundation
import GRPCCore
import MetricxProtos
import MetricxRPC
import MetricxRuntime

/// `<Service> probe [host:port]`: one `grpc.health.v1.Health/Check` against a server (by default
/// this service's own configured address). Prints the status; exit 0 only for SERVING.
enum HealthProbe {
    static func run(target requested: HostPort?, host: ServiceHost) async -> Int32 {
        var target = host.configuration.grpc
        if target.host == "0.0.0.0" { target.host = "127.0.0.1" }
        if let requested { target = requested }
        do {
            let client = try RPCClient(
                configuration: .init(target: target, timeout: .seconds(3), serviceToken: host.configuration.serviceToken))
            let status = try await withThrowingTaskGroup(of: Grpc_Health_V1_HealthCheckResponse.ServingStatus?.self) { group in
                group.addTask {
                    try await client.grpc.runConnections()
                    return nil
                }
                group.addTask {
                    defer { client.shutdown() }
                    return try await Grpc_Health_V1_Health.Client(wrapping: client.grpc).check(.init()).status
                }
                var result: Grpc_Health_V1_HealthCheckResponse.ServingStatus?
                for try await value in group where value != nil { result = value }
                return result ?? .unknown
            }
            print("\(target): \(Self.name(of: status))")
            return status == .serving ? 0 : 1
        } catch {
            print("\(target): \(error)")
            return 1
        }
    }

    static func name(of status: Grpc_Health_V1_HealthCheckResponse.ServingStatus) -> String {
        switch status {
        case .serving: "SERVING"
        case .notServing: "NOT_SERVING"
        case .serviceUnknown: "SERVICE_UNKNOWN"
        default: "UNKNOWN"
        }
    }
}
