package dev.flotilla.contracts.view;

/**
 * What a dry run found across its fleet, summed from each device's rehearsal (its migration applied
 * to a copy of its database and verified there).
 *
 * @param devices the devices the dry run covers
 * @param rehearsed those whose migration was rehearsed so far (the others were skipped, failed, or
 *     are not there yet)
 * @param migrateMillis the rehearsed migrations' time, summed: what the fleet spends migrating
 * @param slowestMillis the longest one device took
 * @param sizeBeforeBytes the rehearsed databases' size before, summed
 * @param sizeAfterBytes their size after the migration, summed
 * @param sizeChangeBytes after minus before: negative when the migration shrinks them
 * @param diskNeededBytes the free disk the real run needs (its backup and the copy SQLite makes
 *     while migrating), summed over the devices
 * @param largestDiskNeededBytes the most any one device needs free
 */
public record Rehearsal(
    int devices,
    int rehearsed,
    long migrateMillis,
    long slowestMillis,
    long sizeBeforeBytes,
    long sizeAfterBytes,
    long sizeChangeBytes,
    long diskNeededBytes,
    long largestDiskNeededBytes) {}
