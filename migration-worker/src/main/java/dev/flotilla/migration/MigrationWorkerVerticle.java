package dev.flotilla.migration;

import dev.flotilla.contracts.catalogue.Catalogue;
import dev.flotilla.contracts.catalogue.MigrationScript;
import dev.flotilla.contracts.command.Step;
import dev.flotilla.contracts.device.ReportedDevices;
import dev.flotilla.contracts.topic.Topic;
import dev.flotilla.contracts.topic.Topics;
import dev.flotilla.messaging.Publisher;
import dev.flotilla.messaging.TopicProvisioner;
import dev.flotilla.messaging.TopicReader;
import dev.flotilla.messaging.TransactionalLoop;
import dev.flotilla.migration.census.FleetCensus;
import dev.flotilla.migration.http.CensusHttpVerticle;
import dev.flotilla.migration.inventory.FleetInventory;
import dev.flotilla.migration.sqlite.DatabaseFolder;
import dev.flotilla.migration.sqlite.ScratchCopy;
import dev.flotilla.migration.step.DiskSpace;
import dev.flotilla.migration.step.StateCatchUp;
import dev.flotilla.migration.step.Steps;
import dev.flotilla.ops.ServiceHealth;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The migration worker as a service: follows the catalogue ({@code flotilla.migrations}) and what
 * devices report about themselves ({@code flotilla.device-states}, and the legacy {@code
 * flotilla.devices}), announces the fleet folder's devices on {@code flotilla.device-inventory},
 * then handles the safety-check, migrate (and dry-run), verify and rollback commands in a
 * transactional loop, and serves the fleet's census over HTTP ({@link CensusHttpVerticle}, unless
 * its port is 0). Kafka and JDBC run on the readers' and the loop's own threads; start and stop do
 * their blocking work in {@code executeBlocking}, never on the event loop.
 */
public final class MigrationWorkerVerticle extends VerticleBase {
  public static final String GROUP_ID = "flotilla-migration-worker";
  public static final String TRANSACTIONAL_ID_PREFIX = "flotilla-migration-worker";
  public static final List<Step> STEPS =
      List.of(Step.SAFETY_CHECK, Step.MIGRATE, Step.VERIFY, Step.ROLLBACK);

  private static final Logger LOG = LoggerFactory.getLogger(MigrationWorkerVerticle.class);

  /**
   * Commands handled at once. A step mostly waits (the disk's fsyncs, a device's lock, a catch-up),
   * and the replies of those that finish together go in one transaction: with 4, a rollout of 50
   * devices in flight queued a second per step here.
   */
  private static final int PARALLELISM = 16;

  /**
   * The longest a command may run: steps stop at their command's deadline, five minutes after
   * dispatch unless the rollout's policy gives them longer. A rebalance waits this long (and half
   * as much again) for the commands in hand.
   */
  private static final Duration LONGEST_STEP = Duration.ofMinutes(30);

  private static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(30);

  /**
   * How long a migration waits to see the devices' latest reports before it begins; past it the
   * state already read is judged, its age included.
   */
  private static final Duration STATE_CATCH_UP_TIMEOUT = Duration.ofSeconds(10);

  private final MigrationWorkerConfig config;
  private final List<AutoCloseable> running = new ArrayList<>();
  private final ServiceHealth health = ServiceHealth.of("migration-worker");
  private FleetCensus census;
  private volatile CensusHttpVerticle http;

  public MigrationWorkerVerticle(MigrationWorkerConfig config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    return vertx
        .executeBlocking(
            () -> {
              try {
                startBlocking();
                return null;
              } catch (Exception | Error e) {
                closeAll();
                throw e;
              }
            })
        .compose(started -> serveHttp());
  }

  /** The census route; a port already taken fails the start, and stops what was started. */
  private Future<?> serveHttp() {
    if (!config.servesHttp()) {
      return Future.succeededFuture();
    }
    http = new CensusHttpVerticle(config.httpPort(), config.access(), census, health);
    return vertx
        .deployVerticle(http)
        .onSuccess(id -> LOG.info("serving the census on port {}", http.actualPort()))
        .recover(
            failure ->
                vertx
                    .executeBlocking(
                        () -> {
                          closeAll();
                          return null;
                        })
                    .transform(closed -> Future.failedFuture(failure)));
  }

  /** The port of the census route; -1 when it is not served (yet). */
  public int httpPort() {
    return http == null ? -1 : http.actualPort();
  }

  @Override
  public Future<?> stop() {
    return vertx.executeBlocking(
        () -> {
          closeAll();
          return null;
        });
  }

  private void startBlocking() throws Exception {
    Clock clock = Clock.systemUTC();
    TopicProvisioner.ensureTopics(config.kafka());
    Catalogue catalogue = new Catalogue();
    ReportedDevices reported = new ReportedDevices();
    TopicReader<MigrationScript> catalogueReader =
        started(
            // Caught up at start, then only for a set it does not know: rarely worth fast fetches.
            TopicReader.fromBeginning(
                    config.kafka(), Topics.MIGRATIONS, incoming -> catalogue.add(incoming.value()))
                .lazyCatchUps());
    // What devices say about themselves, and the legacy records for those that still write there.
    List<TopicReader<?>> stateReaders =
        List.of(
            started(
                TopicReader.fromBeginning(
                    config.kafka(),
                    Topics.DEVICE_STATES,
                    incoming -> reported.accept(incoming.value()))),
            started(
                TopicReader.fromBeginning(
                    config.kafka(),
                    Topics.DEVICES,
                    incoming -> reported.accept(incoming.value()))));
    stateReaders.forEach(reader -> reader.awaitCaughtUp(CATCH_UP_TIMEOUT));
    catalogueReader.awaitCaughtUp(CATCH_UP_TIMEOUT);
    LOG.info(
        "caught up with {}, {} and {}", Topics.MIGRATIONS, Topics.DEVICE_STATES, Topics.DEVICES);

    DatabaseFolder fleet = new DatabaseFolder(config.fleetDir(), config.fleetLayout());
    census = new FleetCensus(fleet, catalogue, clock);
    FleetInventory inventory = new FleetInventory(fleet, clock);
    Publisher publisher = Publisher.create(config.kafka());
    running.add(publisher);
    int devices = new InventoryPublisher(inventory, publisher).publishAll();
    LOG.info("announced {} devices of {}", devices, config.fleetDir());

    deleteScratchLeftovers();
    StateCatchUp stateCatchUp =
        () -> {
          try {
            // Both topics at once: the last look waits for the slower, not for their sum.
            CompletableFuture.allOf(
                    stateReaders.stream()
                        .map(TopicReader::caughtUp)
                        .toArray(CompletableFuture[]::new))
                .get(STATE_CATCH_UP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } catch (ExecutionException | TimeoutException e) {
            LOG.warn("the devices' reports could not catch up: {}", e.toString());
          }
        };
    Steps steps =
        Steps.create(
            fleet,
            catalogue,
            reported,
            stateCatchUp,
            DiskSpace.ofFileStore(),
            clock,
            config.rehearsalDir());
    CatalogueSync sync =
        () -> {
          try {
            catalogueReader.awaitCaughtUp(CATCH_UP_TIMEOUT);
          } catch (RuntimeException e) {
            LOG.warn("the catalogue could not catch up: {}", e.getMessage());
          }
        };
    List<Topic<?>> commandTopics = new ArrayList<>();
    STEPS.forEach(step -> commandTopics.add(Topics.commands(step)));
    TransactionalLoop loop =
        TransactionalLoop.builder(config.kafka(), GROUP_ID, TRANSACTIONAL_ID_PREFIX)
            .subscribe(commandTopics)
            .forDeviceWork(PARALLELISM, LONGEST_STEP)
            .handler(new CommandDispatcher(steps, catalogue, sync, inventory))
            .build()
            .start();
    running.add(loop);
    health.loop(loop.health());
  }

  /** Copies a stopped worker left in the middle of a dry run; each dry run has its own folder. */
  private void deleteScratchLeftovers() {
    try {
      ScratchCopy.deleteLeftovers(config.rehearsalDir());
    } catch (IOException e) {
      LOG.warn(
          "could not delete old dry-run copies in {}: {}", config.rehearsalDir(), e.toString());
    }
  }

  private <V> TopicReader<V> started(TopicReader<V> reader) {
    running.add(reader);
    return reader.start();
  }

  /** Closes in reverse order of starting: the loop first, so no command is half-handled. */
  private void closeAll() {
    for (int i = running.size() - 1; i >= 0; i--) {
      try {
        running.get(i).close();
      } catch (Exception e) {
        LOG.warn("closing {} failed: {}", running.get(i), e.getMessage());
      }
    }
    running.clear();
  }
}
