package dev.flotilla.contracts.view;

import dev.flotilla.contracts.Check;
import java.util.List;

/**
 * {@code GET /health/live} and {@code GET /health/ready} of every service: 200 when {@code live}
 * (or {@code ready}) is true, else 503, with each check of the service and why it stands so.
 *
 * @param service which service answers: coordinator, migration-worker, backup-worker, notifier
 * @param live the process works: its loops run (a supervisor restarts it when not)
 * @param ready it can do its work now: its loops reach the broker, its views are caught up
 */
public record Probes(String service, boolean live, boolean ready, List<Probe> checks)
    implements View {
  public Probes {
    Check.notBlank(service, "service");
    checks = Check.list(checks, "checks");
  }

  /**
   * One check.
   *
   * @param name e.g. the consumer group of a loop
   * @param detail why it stands so, for people
   */
  public record Probe(String name, boolean live, boolean ready, String detail) {}
}
