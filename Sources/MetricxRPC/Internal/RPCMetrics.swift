import Metrics

/// Per-RPC Prometheus metrics: `rpc_requests_total`, `rpc_errors_total` (by status code) and the
/// `rpc_duration_seconds` histogram, each labelled with the side (server/client) and the method.
struct RPCMetrics: Sendable {
    let side: String

    func record(method: String, code: String?, duration: Duration) {
        let dimensions = [("side", side), ("method", method)]
        Counter(label: "rpc_requests_total", dimensions: dimensions).increment()
        if let code {
            Counter(label: "rpc_errors_total", dimensions: dimensions + [("code", code)]).increment()
        }
        Metrics.Timer(label: "rpc_duration_seconds", dimensions: dimensions).record(duration: duration)
    }
}
