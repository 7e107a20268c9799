import GRPCCore
import MetricxRuntime

/// How a service calls a peer: where it is, the default deadline, and which methods may be
/// retried.
public struct RPCClientConfiguration: Sendable {
    public var target: HostPort
    /// Applied to every call that does not set a shorter one.
    public var timeout: Duration
    /// Methods safe to repeat (reads and idempotent writes); only they are retried, and only on
    /// UNAVAILABLE.
    public var idempotentMethods: [MethodDescriptor]
    public var retry: Retry
    /// Presented on every call; servers refuse all but health checks without it.
    public var serviceToken: ServiceToken?

    public struct Retry: Sendable {
        public var maxAttempts: Int
        public var initialBackoff: Duration
        public var maxBackoff: Duration

        public static let defaults = Retry(maxAttempts: 3, initialBackoff: .milliseconds(50), maxBackoff: .seconds(1))
    }

    public init(
        target: HostPort, timeout: Duration = .seconds(10), idempotentMethods: [MethodDescriptor] = [],
        retry: Retry = .defaults, serviceToken: ServiceToken? = nil
    ) {
        self.serviceToken = serviceToken
        self.target = target
        self.timeout = timeout
        self.idempotentMethods = idempotentMethods
        self.retry = retry
    }

    /// The largest message either way: what servers accept (``RPCServer/Configuration``), so an
    /// answer a service may give (100,000 judged points are ~6 MB) is never refused on arrival,
    /// as gRPC's 4 MiB default refused it (the caller saw an internal error).
    public static let maximumMessageBytes = 64 << 20

    /// The gRPC service config: a default deadline for every method, plus retry on UNAVAILABLE
    /// for the idempotent ones (a per-method entry replaces the default, so it repeats the timeout).
    var serviceConfig: ServiceConfig {
        var configs = [
            MethodConfig(
                names: [MethodConfig.Name(service: "")], timeout: timeout, maxRequestMessageBytes: Self.maximumMessageBytes,
                maxResponseMessageBytes: Self.maximumMessageBytes)
        ]
        if !idempotentMethods.isEmpty {
            let policy = RetryPolicy(
                maxAttempts: max(2, retry.maxAttempts), initialBackoff: retry.initialBackoff,
                maxBackoff: retry.maxBackoff, backoffMultiplier: 2, retryableStatusCodes: [.unavailable])
            configs.append(
                MethodConfig(
                    names: idempotentMethods.map {
                        MethodConfig.Name(service: $0.service.fullyQualifiedService, method: $0.method)
                    },
                    timeout: timeout, maxRequestMessageBytes: Self.maximumMessageBytes,
                    maxResponseMessageBytes: Self.maximumMessageBytes, executionPolicy: .retry(policy)))
        }
        return ServiceConfig(methodConfig: configs)
    }
}
