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
import java.util.List;

/**
 * Wires the coordinator: the catalogue and inventory readers, and the transactional decide loop
 * over its inputs. {@link #start} blocks until the readers have caught up.
 */
public final class CoordinatorService implements AutoCloseable {
  public static final String GROUP = "flotilla-coordinator";
  private static final Duration CATCH_UP = Duration.ofSeconds(30);

  private final List<TopicReader<?>> readers;
  private final TransactionalLoop loop;

  private CoordinatorService(List<TopicReader<?>> readers, TransactionalLoop loop) {
    this.readers = readers;
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
    ActiveDevices active = new ActiveDevices();
    TopicReader<?> eventReader =
        TopicReader.fromBeginning(kafka, Topics.EVENTS, r -> active.apply(r.value())).start();
    List<TopicReader<?>> readers = List.of(catalogueReader, inventoryReader, eventReader);
    readers.forEach(reader -> reader.awaitCaughtUp(CATCH_UP));

    RolloutEngine engine =
        new RolloutEngine(
            new EventPartitionReader(kafka, codec),
            () -> {
              // A request may follow its migration push closely: read up to now before judging.
              readers.forEach(reader -> reader.awaitCaughtUp(CATCH_UP));
              return new FleetSnapshot(
                  catalogue.snapshot(), inventory.snapshot(), active.snapshot());
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
    return new CoordinatorService(readers, loop);
  }

  @Override
  public void close() {
    loop.close();
    readers.forEach(TopicReader::close);
  }
}
