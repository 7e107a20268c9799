import MetricxPostgres

/// The ordered migrations of the `metrics` schema. Append new ones; never edit an applied one.
enum MetricsMigrations {
    static let all: [Migration] = []
}
