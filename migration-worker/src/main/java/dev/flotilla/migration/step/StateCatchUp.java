package dev.flotilla.migration.step;

/**
 * Brings what the worker knows of the devices' own reports up to everything already on their
 * topics: called just before a migration begins, so that a state a device reported before then is
 * the one judged.
 */
@FunctionalInterface
public interface StateCatchUp {
  /** Returns once caught up, or when it could not be; never throws. */
  void catchUp();
}
