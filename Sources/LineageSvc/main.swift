import Foundation
import MetricxProtos
import MetricxRuntime
import MetricxServiceHost

let (command, arguments) = ServiceCommand.parse(service: .lineage)
let host = ServiceHost.start(.lineage)
if command == ServiceCommand.probe.rawValue { exit(await HealthProbe.run(arguments, host: host)) }
try await host.migrate(LineageMigrations.all)
if command == ServiceCommand.migrate.rawValue { exit(0) }

let metricsClient = try host.client(to: .metrics)
let metrics = Metricx_V1_MetricsService.Client(wrapping: metricsClient.grpc)
let definitions = DefinitionStore(postgres: host.postgres)
let events = ChangeEventStore(postgres: host.postgres)
let analysis = ImpactAnalysis(definitions: definitions, events: events, metrics: metrics)
let service = LineageService(
    definitions: definitions, events: events, analysis: analysis,
    explainer: Explainer(definitions: definitions, events: events, analysis: analysis, metrics: metrics),
    localization: Localization())
try await host.run(rpcServices: [service], serviceNames: ["metricx.v1.LineageService"], clients: [metricsClient])
