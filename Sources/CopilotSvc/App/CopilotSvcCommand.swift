import ArgumentParser
import MetricxOutbound
import MetricxPostgres
import MetricxProtos
import MetricxRuntime
import MetricxServiceHost

/// `CopilotSvc [serve | migrate | probe]`.
struct CopilotSvcCommand: AsyncParsableCommand, ServiceExecutable {
    static let configuration = CommandConfiguration(
        commandName: ServiceName.copilot.displayName,
        abstract: "metricx's copilot: plain-English questions answered through the semantic layer.",
        subcommands: standardCommands, defaultSubcommand: ServeCommand<Self>.self)

    static let service = ServiceName.copilot
    static let migrations = CopilotMigrations.all

    static func serve(host: ServiceHost) async throws {
        // The outbound policy every external call obeys (AddressPolicy.deployment): checked now.
        _ = try settings { try AddressPolicy(environment: EnvironmentReader()) }
        let metricsClient = try host.client(to: .metrics)
        let lineageClient = try host.client(to: .lineage)
        let conversations = ConversationStore(postgres: host.postgres)
        var pipeline = AskPipeline(
            metrics: Metricx_V1_MetricsService.Client(wrapping: metricsClient.grpc),
            lineage: Metricx_V1_LineageService.Client(wrapping: lineageClient.grpc), conversations: conversations,
            entities: EntityCache())
        pipeline.llm = LLMUnderstanding.fromEnvironment()
        if let llm = pipeline.llm { host.logger.info("copilot understanding through an LLM", metadata: ["model": "\(llm.model.name)"]) }
        try await host.run(
            rpcServices: [CopilotService(pipeline: pipeline, conversations: conversations, journal: AnswerJournal(redis: host.redis))],
            serviceNames: [Metricx_V1_CopilotService.descriptor.fullyQualifiedService],
            clients: [metricsClient, lineageClient])
    }
}
