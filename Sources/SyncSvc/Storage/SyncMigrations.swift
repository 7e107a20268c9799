import MetricxPostgres

/// The ordered migrations of the `sync` schema. Append new ones; never edit an applied one.
enum SyncMigrations {
    static let all: [Migration] = []
}
