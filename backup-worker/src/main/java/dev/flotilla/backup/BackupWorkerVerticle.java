package dev.flotilla.backup;

import dev.flotilla.contracts.command.Step;
import dev.flotilla.contracts.topic.Topic;
import dev.flotilla.contracts.topic.Topics;
import dev.flotilla.messaging.TransactionalLoop;
import dev.flotilla.ops.OpsHttpVerticle;
import dev.flotilla.ops.ServiceHealth;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backup-worker service: consumes {@code flotilla.commands.backup} and {@code
 * flotilla.commands.restore} in group {@value #GROUP} and answers each on {@code flotilla.replies},
 * reply and input offset in one Kafka transaction. The loop and the device work run on the loop's
 * own threads, never on an event loop.
 */
public final class BackupWorkerVerticle extends VerticleBase {
  public static final String GROUP = "flotilla-backup-worker";
  public static final String TRANSACTIONAL_ID_PREFIX = "flotilla-backup-worker";

  private static final Logger LOG = LoggerFactory.getLogger(BackupWorkerVerticle.class);

  /**
   * Devices backed up or restored at once; each reply goes as soon as its command is done, with
   * those finished together in one transaction. Mostly waiting on the disk, so more than cores.
   */
  private static final int PARALLELISM = 16;

  /**
   * The longest a backup or restore may take: a rollout's steps time out after five minutes unless
   * its policy gives them longer. A rebalance waits this long (and half as much again) for the
   * commands in hand.
   */
  private static final Duration LONGEST_STEP = Duration.ofMinutes(30);

  private final BackupWorkerConfig config;
  private final FreeSpaceProbe freeSpace;
  private final ServiceHealth health = ServiceHealth.of("backup-worker");
  private TransactionalLoop loop;
  private volatile OpsHttpVerticle http;

  public BackupWorkerVerticle(BackupWorkerConfig config) {
    this(config, FreeSpaceProbe.fileStore());
  }

  BackupWorkerVerticle(BackupWorkerConfig config, FreeSpaceProbe freeSpace) {
    this.config = config;
    this.freeSpace = freeSpace;
  }

  @Override
  public Future<?> start() {
    List<Topic<?>> topics = List.copyOf(Topics.commands(Step.BACKUP, Step.RESTORE));
    return vertx
        .executeBlocking(
            () -> {
              sweepOrphans(config, Clock.systemUTC());
              loop =
                  TransactionalLoop.builder(config.kafka(), GROUP, TRANSACTIONAL_ID_PREFIX)
                      .forDeviceWork(PARALLELISM, LONGEST_STEP)
                      .subscribe(topics)
                      .handler(BackupCommandHandler.create(config, freeSpace, Clock.systemUTC()))
                      .build()
                      .start();
              health.loop(loop.health());
              return null;
            })
        .compose(started -> serveHttp());
  }

  /** Its health probes and metrics, unless its port is 0; a port already taken fails the start. */
  private Future<?> serveHttp() {
    if (!config.servesHttp()) {
      return Future.succeededFuture();
    }
    http = new OpsHttpVerticle(config.httpPort(), health);
    return vertx
        .deployVerticle(http)
        .onSuccess(id -> LOG.info("serving health and metrics on port {}", http.actualPort()));
  }

  /** The port of its health probes; -1 when they are not served (yet). */
  public int httpPort() {
    OpsHttpVerticle current = http;
    return current == null ? -1 : current.actualPort();
  }

  /**
   * Before taking commands, removes what a crashed run left behind (old enough that no instance can
   * still be working on it). A failure here is logged: the worker can run with leftovers on disk.
   */
  private static void sweepOrphans(BackupWorkerConfig config, Clock clock) {
    try {
      int removed = OrphanSweeper.forWorker(config, clock).sweep().size();
      LOG.info("The start-up sweep deleted {} leftover file(s) of crashed work", removed);
    } catch (IOException | RuntimeException e) {
      LOG.warn("The start-up sweep of leftovers failed; they are kept for now", e);
    }
  }

  @Override
  public Future<?> stop() {
    // close() waits for the round in progress, so it must not run on the event loop.
    return vertx.executeBlocking(
        () -> {
          if (loop != null) {
            loop.close();
          }
          return null;
        });
  }
}
