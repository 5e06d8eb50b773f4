package dev.flotilla.coordinator.engine;

import dev.flotilla.contracts.catalogue.Catalogue;
import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.contracts.device.ReportedDevices;
import dev.flotilla.contracts.topic.Topics;
import dev.flotilla.coordinator.saga.FleetSnapshot;
import dev.flotilla.messaging.KafkaSettings;
import dev.flotilla.messaging.TopicReader;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What a request is judged against, followed from the log: the catalogue ({@code
 * flotilla.migrations}), the devices known from the workers' inventory and from the devices' own
 * reports with their groups ({@code flotilla.device-inventory}, {@code flotilla.device-states}, and
 * the legacy {@code flotilla.devices}) and which devices are in an active rollout ({@code
 * flotilla.events}). The coordinator keeps one open; {@code flotilla publish} opens one to refuse
 * what the coordinator would reject.
 */
public final class FleetView implements AutoCloseable {
  private final Catalogue catalogue = new Catalogue();
  private final ReportedDevices devices = new ReportedDevices();
  private final ActiveDevices active = new ActiveDevices();
  private final AdmittedRollouts admitted = new AdmittedRollouts(new MessageCodec());
  private final List<TopicReader<?>> readers;

  private FleetView(KafkaSettings kafka) {
    this.readers =
        List.of(
            TopicReader.fromBeginning(kafka, Topics.MIGRATIONS, r -> catalogue.add(r.value()))
                .start(),
            TopicReader.fromBeginning(
                    kafka, Topics.DEVICE_INVENTORY, r -> devices.accept(r.value()))
                .start(),
            TopicReader.fromBeginning(kafka, Topics.DEVICE_STATES, r -> devices.accept(r.value()))
                .start(),
            TopicReader.fromBeginning(kafka, Topics.DEVICES, r -> devices.accept(r.value()))
                .start(),
            TopicReader.fromBeginning(
                    kafka,
                    Topics.EVENTS,
                    r -> {
                      active.apply(r.value());
                      admitted.apply(r.value());
                    })
                .start());
  }

  /** Starts following the topics from their beginning. */
  public static FleetView follow(KafkaSettings kafka) {
    return new FleetView(kafka);
  }

  /** Reads up to the end of each topic as it is now, waiting at most {@code atMost} for each. */
  public FleetView awaitCaughtUp(Duration atMost) {
    readers.forEach(reader -> reader.awaitCaughtUp(atMost));
    return this;
  }

  /**
   * Without waiting: completes once each topic has been read up to its end as it is now, or fails
   * when a reader has stopped.
   */
  public CompletableFuture<Void> caughtUp() {
    return CompletableFuture.allOf(
        readers.stream().map(TopicReader::caughtUp).toArray(CompletableFuture[]::new));
  }

  /**
   * What the devices and the workers last reported of each device, as it is followed: for the HTTP
   * API's inventory. Read it, never feed it.
   */
  public ReportedDevices reportedDevices() {
    return devices;
  }

  /** Which rollouts the log shows accepted, and how the others stand: read it, never feed it. */
  AdmittedRollouts admittedRollouts() {
    return admitted;
  }

  /** An immutable copy, for one judgement. */
  public FleetSnapshot snapshot() {
    return new FleetSnapshot(
        catalogue, devices.groupsByDevice(), active.snapshot(), devices.versionsByDevice());
  }

  @Override
  public void close() {
    readers.forEach(TopicReader::close);
  }
}
