package dev.flotilla.devicedb.history;

import dev.flotilla.contracts.catalogue.VersionId;

/**
 * One row of {@code flotilla_schema_history}: a version applied to the device database.
 *
 * @param checksum lower-case hex SHA-256 of the script file's bytes when it was applied
 * @param appliedAt ISO-8601 UTC instant, as written
 * @param commandId null when applied outside a rollout (provisioning)
 */
public record AppliedMigration(
    VersionId version,
    String description,
    String checksum,
    String appliedAt,
    long durationMillis,
    String commandId) {}
