package dev.flotilla.bench;

/**
 * Rebuilding the coordinator's projections from {@code flotilla.events}, against reading the same
 * topic and decoding nothing.
 *
 * @param events events on the topic, committed
 * @param projectorEventsPerSecond the rebuild, from opening the store to its report
 * @param bareReadSetupSeconds of the bare read, creating the consumer and finding where the
 *     partitions end: a fixed cost that dominates short logs (the rebuild has one like it)
 * @param bareReadEventsPerSecond a consumer reading every partition to its end, bytes untouched
 * @param timeRatio the rebuild's time over the bare read's, per round
 */
record ReplayResult(
    String does,
    long events,
    Spread projectorSeconds,
    Spread bareReadSeconds,
    Spread bareReadSetupSeconds,
    Spread projectorEventsPerSecond,
    Spread bareReadEventsPerSecond,
    Spread timeRatio) {}
