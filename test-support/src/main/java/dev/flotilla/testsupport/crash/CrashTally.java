package dev.flotilla.testsupport.crash;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Counts where the kills of a series of crash runs landed, to report that they covered the work and
 * not just its edges.
 */
public final class CrashTally {
  /** Set it ({@code -Dflotilla.crash.seed=...}) to repeat the kill delays of a failed series. */
  public static final String SEED_PROPERTY = "flotilla.crash.seed";

  public enum When {
    BEFORE_ANY_WRITE,
    DURING,
    AFTER_THE_REPLY
  }

  private final Map<When, Integer> byWhen = new TreeMap<>();
  private final Map<String, Integer> byPhase = new TreeMap<>();

  /** The seed of a series' random kill delays: the property's, or a new one. */
  public static long seed() {
    Long given = Long.getLong(SEED_PROPERTY);
    return given != null ? given : ThreadLocalRandom.current().nextLong();
  }

  public void add(When when, String phase) {
    byWhen.merge(when, 1, Integer::sum);
    byPhase.merge(phase, 1, Integer::sum);
  }

  public int count(When when) {
    return byWhen.getOrDefault(when, 0);
  }

  public String summary() {
    return count(When.BEFORE_ANY_WRITE)
        + " before any write, "
        + count(When.DURING)
        + " during, "
        + count(When.AFTER_THE_REPLY)
        + " after the reply; by phase: "
        + byPhase;
  }
}
