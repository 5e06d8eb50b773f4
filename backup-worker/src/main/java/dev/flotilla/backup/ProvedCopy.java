package dev.flotilla.backup;

import java.util.SortedMap;

/**
 * A copy that is on disk, checksummed and sound, with what it holds: the facts the manifest records
 * and a restore is checked against, and the application's rows a migration is judged by.
 */
record ProvedCopy(
    long sizeBytes,
    String sha256,
    DatabaseFacts database,
    SortedMap<String, Long> applicationRows,
    long syncNanos,
    long hashNanos,
    long checkNanos) {}
