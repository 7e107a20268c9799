import Foundation
import MetricxProtos
import MetricxRuntime
import MetricxServiceHost

let (command, arguments) = ServiceCommand.parse(service: .copilot)
let host = ServiceHost.start(.copilot)
if command == ServiceCommand.probe.rawValue { exit(await HealthProbe.run(arguments, host: host)) }
try await host.migrate(CopilotMigrations.all)
if command == ServiceCommand.migrate.rawValue { exit(0) }

let metricsClient = try host.client(to: .metrics)
let lineageClient = try host.client(to: .lineage)
let conversations = ConversationStore(postgres: host.postgres)
var pipeline = AskPipeline(
    metrics: Metricx_V1_MetricsService.Client(wrapping: metricsClient.grpc),
    lineage: Metricx_V1_LineageService.Client(wrapping: lineageClient.grpc), conversations: conversations, entities: EntityCache())
pipeline.llm = LLMUnderstanding.fromEnvironment()
if let llm = pipeline.llm { host.logger.info("copilot understanding through an LLM", metadata: ["model": "\(llm.model.name)"]) }
try await host.run(
    rpcServices: [CopilotService(pipeline: pipeline, conversations: conversations, journal: AnswerJournal(redis: host.redis))],
    serviceNames: ["metricx.v1.CopilotService"],
    clients: [metricsClient, lineageClient])
