package dev.flotilla.coordinator.engine;

import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.contracts.topic.Topics;
import dev.flotilla.coordinator.saga.FleetSnapshot;
import dev.flotilla.messaging.KafkaSettings;
import dev.flotilla.messaging.TopicProvisioner;
import dev.flotilla.messaging.TopicReader;
import dev.flotilla.messaging.TransactionalLoop;
import java.time.Clock;
import java.time.Duration;

/**
 * Wires the coordinator: the catalogue and inventory readers, and the transactional decide loop
 * over its inputs. {@link #start} blocks until the readers have caught up.
 */
public final class CoordinatorService implements AutoCloseable {
  public static final String GROUP = "flotilla-coordinator";
  private static final Duration CATCH_UP = Duration.ofSeconds(30);

  private final TopicReader<?> catalogueReader;
  private final TopicReader<?> inventoryReader;
  private final TransactionalLoop loop;

  private CoordinatorService(
      TopicReader<?> catalogueReader, TopicReader<?> inventoryReader, TransactionalLoop loop) {
    this.catalogueReader = catalogueReader;
    this.inventoryReader = inventoryReader;
    this.loop = loop;
  }

  public static CoordinatorService start(KafkaSettings kafka, MessageCodec codec) {
    TopicProvisioner.ensureTopics(kafka);
    CatalogueVersions catalogue = new CatalogueVersions();
    DeviceInventory inventory = new DeviceInventory();
    TopicReader<?> catalogueReader =
        TopicReader.fromBeginning(kafka, Topics.MIGRATIONS, r -> catalogue.add(r.value())).start();
    TopicReader<?> inventoryReader =
        TopicReader.fromBeginning(kafka, Topics.DEVICES, r -> inventory.add(r.value())).start();
    catalogueReader.awaitCaughtUp(CATCH_UP);
    inventoryReader.awaitCaughtUp(CATCH_UP);

    RolloutEngine engine =
        new RolloutEngine(
            new EventPartitionReader(kafka, codec),
            () -> {
              // A request may follow its migration push closely: read up to now before judging.
              catalogueReader.awaitCaughtUp(CATCH_UP);
              inventoryReader.awaitCaughtUp(CATCH_UP);
              return new FleetSnapshot(catalogue.snapshot(), inventory.snapshot());
            },
            Clock.systemUTC());
    TransactionalLoop loop =
        TransactionalLoop.builder(kafka, GROUP, GROUP)
            .subscribe(Topics.coordinatorInputs())
            .handler(engine::handle)
            .onAssigned(engine::assigned)
            .onRevoked(engine::revoked)
            .tick(Duration.ofSeconds(1), engine::tick)
            .maxPollRecords(500)
            .build()
            .start();
    return new CoordinatorService(catalogueReader, inventoryReader, loop);
  }

  @Override
  public void close() {
    loop.close();
    catalogueReader.close();
    inventoryReader.close();
  }
}
