import MetricxPostgres

/// The ordered migrations of the `copilot` schema. Append new ones; never edit an applied one.
enum CopilotMigrations {
    static let all: [Migration] = []
}
