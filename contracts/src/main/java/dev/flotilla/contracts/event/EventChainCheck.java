package dev.flotilla.contracts.event;

import dev.flotilla.contracts.id.RolloutId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks the hash chains of the rollouts' events ({@link EventChain}), fed the records of {@code
 * flotilla.events} in the order of their partition. Pure: reading the log is the caller's part. For
 * each rollout the first problem is kept: after a broken link, what follows proves nothing.
 */
public final class EventChainCheck {
  /** Where a record was read. */
  public record Position(int partition, long offset) {
    @Override
    public String toString() {
      return "partition " + partition + " offset " + offset;
    }
  }

  /** The first link of a rollout's chain that does not hold, and why. */
  public record BrokenLink(RolloutId rolloutId, long sequence, Position at, String problem) {
    @Override
    public String toString() {
      return rolloutId + " #" + sequence + " (" + at + "): " + problem;
    }
  }

  /**
   * What was checked: rollouts, events, the events written before chains existed (no header, at the
   * start of their rollout only), the last hash of each rollout's chain (to keep elsewhere and
   * compare later) and the broken links.
   */
  public record Report(
      int rollouts,
      long events,
      long unchained,
      Map<RolloutId, String> heads,
      List<BrokenLink> broken) {
    public boolean intact() {
      return broken.isEmpty();
    }
  }

  private static final class Chain {
    long lastSequence;
    String lastHash;
    Position lastAt;
    boolean chained;
    BrokenLink broken;
  }

  private final Map<RolloutId, Chain> chains = new HashMap<>();
  private final List<BrokenLink> unreadable = new ArrayList<>();
  private long events;
  private long unchained;

  /**
   * @param previous the header's value, or null when the record has none
   * @param value the record's value, as read
   */
  public void accept(Position at, RolloutEvent event, String previous, byte[] value) {
    events++;
    Chain chain = chains.computeIfAbsent(event.rolloutId(), id -> new Chain());
    if (chain.broken != null) {
      return;
    }
    String problem = problem(chain, event, previous);
    if (problem != null) {
      chain.broken = new BrokenLink(event.rolloutId(), event.sequence(), at, problem);
      return;
    }
    if (previous == null) {
      unchained++;
    } else {
      chain.chained = true;
    }
    chain.lastSequence = event.sequence();
    chain.lastHash = EventChain.sha256(value);
    chain.lastAt = at;
  }

  private static String problem(Chain chain, RolloutEvent event, String previous) {
    if (event.sequence() != chain.lastSequence + 1) {
      return event.sequence() <= chain.lastSequence
          ? "sequence " + event.sequence() + " again after " + chain.lastSequence
          : "sequence jumps from " + chain.lastSequence + " to " + event.sequence();
    }
    if (previous == null) {
      return chain.chained
          ? "no chain header, after events that had one (" + chain.lastAt + ")"
          : null; // written before chains existed
    }
    // After events written before chains existed, the first chained one names the last of them.
    String expected = chain.lastSequence == 0 ? EventChain.ROOT : chain.lastHash;
    if (!previous.equals(expected)) {
      return chain.lastSequence == 0
          ? "the first event does not start a chain"
          : "the previous event (#"
              + chain.lastSequence
              + ", "
              + chain.lastAt
              + ") is not the one this event was written after: its SHA-256 is "
              + expected
              + ", the header says "
              + previous;
    }
    return null;
  }

  /** A record that is no event of this version, yet sits in the log: no chain can pass it. */
  public void acceptUnreadable(Position at, String reason) {
    events++;
    unreadable.add(new BrokenLink(RolloutId.of("unknown"), 0, at, "unreadable: " + reason));
  }

  public Report report() {
    Map<RolloutId, String> heads = new TreeMap<>(Comparator.comparing(RolloutId::value));
    List<BrokenLink> broken = new ArrayList<>(unreadable);
    chains.forEach(
        (rollout, chain) -> {
          if (chain.broken != null) {
            broken.add(chain.broken);
          } else {
            heads.put(rollout, chain.lastHash);
          }
        });
    broken.sort(
        Comparator.comparing((BrokenLink b) -> b.at().partition())
            .thenComparing(b -> b.at().offset()));
    return new Report(chains.size(), events, unchained, heads, List.copyOf(broken));
  }
}
