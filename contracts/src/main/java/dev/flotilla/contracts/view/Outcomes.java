package dev.flotilla.contracts.view;

/**
 * How many devices of a rollout have ended, by outcome, now: a device rolled back after it was done
 * moves from one count to the other.
 *
 * @param ended the sum of the others
 */
public record Outcomes(
    int done, int failed, int rolledBack, int skipped, int needsAttention, int ended) {}
