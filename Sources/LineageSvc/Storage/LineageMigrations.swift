import MetricxPostgres

/// The ordered migrations of the `lineage` schema. Append new ones; never edit an applied one.
enum LineageMigrations {
    static let all: [Migration] = []
}
