package dev.flotilla.ops;

import dev.flotilla.contracts.view.Probes;
import dev.flotilla.messaging.LoopHealth;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What one service checks to say whether it is live (its work can go on: a supervisor restarts it
 * when not) and ready (it can do its work now). Checks are added as the service starts its parts;
 * each is asked when a probe comes, and must answer from memory, at once.
 */
public final class ServiceHealth {
  private record Check(
      String name, BooleanSupplier live, BooleanSupplier ready, Supplier<String> detail) {}

  private final String service;
  private final List<Check> checks = new CopyOnWriteArrayList<>();

  private ServiceHealth(String service) {
    this.service = service;
  }

  /**
   * @param service the service's name, as {@code flotilla SERVICE} starts it
   */
  public static ServiceHealth of(String service) {
    return new ServiceHealth(service);
  }

  /** A transactional loop: live while it runs, ready while it reaches the broker. */
  public ServiceHealth loop(LoopHealth loop) {
    checks.add(new Check(loop.group(), loop::live, loop::ready, loop::detail));
    return this;
  }

  /** A part with its own liveness and readiness. */
  public ServiceHealth check(
      String name, BooleanSupplier live, BooleanSupplier ready, Supplier<String> detail) {
    checks.add(new Check(name, live, ready, detail));
    return this;
  }

  /** A part that is never dead but may not be ready yet (a view still catching up). */
  public ServiceHealth readiness(String name, BooleanSupplier ready, Supplier<String> detail) {
    checks.add(new Check(name, () -> true, ready, detail));
    return this;
  }

  /** Every check asked now. A service with no check yet (still starting) is live, not ready. */
  public Probes probes() {
    List<Probes.Probe> probes =
        checks.stream()
            .map(
                c ->
                    new Probes.Probe(
                        c.name(),
                        c.live().getAsBoolean(),
                        c.ready().getAsBoolean(),
                        c.detail().get()))
            .toList();
    boolean live = probes.stream().allMatch(Probes.Probe::live);
    boolean ready = !probes.isEmpty() && live && probes.stream().allMatch(Probes.Probe::ready);
    return new Probes(service, live, ready, probes);
  }
}
