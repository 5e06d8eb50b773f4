package dev.flotilla.coordinator.projection;

/**
 * A dry run's rehearsals summed over its devices.
 *
 * @param rehearsed devices whose migration was rehearsed
 * @param migrateMillis their migrations' time, summed
 * @param slowestMillis the longest of them
 * @param diskNeededBytes the free disk the real run needs, summed over the devices
 * @param largestDiskNeededBytes the most any one device needs
 */
public record RehearsalTotals(
    int rehearsed,
    long migrateMillis,
    long slowestMillis,
    long sizeBeforeBytes,
    long sizeAfterBytes,
    long diskNeededBytes,
    long largestDiskNeededBytes) {}
