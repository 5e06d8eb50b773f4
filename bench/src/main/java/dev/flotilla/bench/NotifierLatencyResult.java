package dev.flotilla.bench;

import java.util.List;

/**
 * How late the notifier's Server-Sent Events reach a dashboard, against a bare consumer following
 * {@code flotilla.events} at the same time, over every event of one rollout. Delays are in ms.
 *
 * @param published events of the rollout the bare consumer read (its sequences 1..n)
 * @param bareMissing sequences up to the last one read that the bare consumer did not read (0
 *     unless something is wrong with the bench itself)
 * @param pushed distinct events of the rollout the SSE client received
 * @param missing events the bare consumer read and the SSE client never received
 * @param missingIds the first few of them, by message id
 * @param duplicates frames received again for an event already received
 * @param unmatched frames whose id is no event of the rollout, or whose data is not the event at
 *     that position
 * @param streamEnded whether the notifier ended the stream before the client closed it
 * @param bareFromOccurredMs per event, from its {@code occurredAt} (the coordinator's clock when it
 *     decided, before its transaction committed) to the bare consumer's poll returning it
 * @param sseFromOccurredMs per event, from {@code occurredAt} to its first SSE line arriving; null
 *     when none arrived
 * @param sseAfterBareMs per event both received: the SSE arrival minus the bare consumer's, which
 *     is what the notifier adds to reading the topic; null when none arrived
 * @param p50Ratio the SSE client's median delay from {@code occurredAt} over the bare consumer's
 * @param p99Ratio likewise, of the 99th percentiles
 */
record NotifierLatencyResult(
    String does,
    String rollout,
    int published,
    int bareMissing,
    int pushed,
    int missing,
    List<String> missingIds,
    int duplicates,
    int unmatched,
    boolean streamEnded,
    LatencyStats bareFromOccurredMs,
    LatencyStats sseFromOccurredMs,
    LatencyStats sseAfterBareMs,
    Double p50Ratio,
    Double p99Ratio) {}
