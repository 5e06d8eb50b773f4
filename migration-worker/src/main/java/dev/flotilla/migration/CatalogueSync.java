package dev.flotilla.migration;

/**
 * Brings the in-memory catalogue up to date with everything already on {@code flotilla.migrations}:
 * called before judging a command about a set or version the catalogue does not know yet (the
 * script may have been pushed a moment before the rollout began).
 */
@FunctionalInterface
public interface CatalogueSync {
  /** Returns once caught up, or when it could not be; never throws. */
  void catchUp();
}
