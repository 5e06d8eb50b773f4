package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flotilla.backup.BackupWorkerConfig;
import dev.flotilla.backup.BackupWorkerVerticle;
import dev.flotilla.contracts.catalogue.MigrationScript;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.device.DeviceInventoryReport;
import dev.flotilla.contracts.event.DeviceFinished;
import dev.flotilla.contracts.event.DeviceOutcome;
import dev.flotilla.contracts.event.RolloutEvent;
import dev.flotilla.contracts.event.RolloutFinished;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.request.RolloutPolicy;
import dev.flotilla.contracts.request.Selector;
import dev.flotilla.contracts.request.UpdateRequest;
import dev.flotilla.contracts.topic.Topics;
import dev.flotilla.coordinator.CoordinatorConfig;
import dev.flotilla.coordinator.CoordinatorVerticle;
import dev.flotilla.devkit.DemoFleet;
import dev.flotilla.devkit.SharedTestBroker;
import dev.flotilla.messaging.KafkaSettings;
import dev.flotilla.messaging.Publisher;
import dev.flotilla.messaging.SagaTraces;
import dev.flotilla.messaging.TopicProvisioner;
import dev.flotilla.messaging.TopicReader;
import dev.flotilla.migration.MigrationWorkerConfig;
import dev.flotilla.migration.MigrationWorkerVerticle;
import dev.flotilla.migration.catalogue.MigrationFolder;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.vertx.core.Deployable;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With an SDK installed (here an in-memory exporter), a device's saga is one trace across the
 * coordinator and the workers: every span about the device — each step dispatched, each command a
 * worker handled, each reply the coordinator took in — carries the trace id of its rollout and
 * device, and hangs, parent by parent, from the saga's root.
 */
class SagaTraceIT {
  private static final MigrationSetId SET = MigrationSetId.of("coachiq");

  @TempDir Path work;
  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private SdkTracerProvider tracing;
  private Vertx vertx;

  @BeforeEach
  void installTheSdk() {
    tracing =
        SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
    GlobalOpenTelemetry.resetForTest();
    GlobalOpenTelemetry.set(OpenTelemetrySdk.builder().setTracerProvider(tracing).build());
  }

  @AfterEach
  void removeIt() throws Exception {
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
    tracing.close();
    GlobalOpenTelemetry.resetForTest();
  }

  @Test
  void eachDevicesStepsFormOneConnectedTraceAcrossTheCoordinatorAndTheWorkers() throws Exception {
    KafkaSettings kafka = KafkaSettings.of(SharedTestBroker.get().bootstrapServers());
    TopicProvisioner.ensureTopics(kafka);
    Path fleet = work.resolve("fleet");
    List<DeviceId> devices = DemoFleet.generate(fleet, 3, 11);
    try (Publisher publisher = Publisher.create(kafka)) {
      for (MigrationScript script :
          MigrationFolder.read(SET, DemoFleet.sampleMigrations(work.resolve("migrations")))) {
        publisher.sendAndWait(Topics.MIGRATIONS, script);
      }
    }
    Set<DeviceId> reported = ConcurrentHashMap.newKeySet();
    List<RolloutEvent> events = new CopyOnWriteArrayList<>();
    RolloutId rollout = RolloutId.of("it-trace-" + System.nanoTime());
    TopicReader<DeviceInventoryReport> inventory =
        TopicReader.fromBeginning(
                kafka, Topics.DEVICE_INVENTORY, r -> reported.add(r.value().deviceId()))
            .start();
    TopicReader<RolloutEvent> log =
        TopicReader.fromBeginning(
                kafka,
                Topics.EVENTS,
                r -> {
                  if (r.value().rolloutId().equals(rollout)) {
                    events.add(r.value());
                  }
                })
            .start();
    try {
      vertx = Vertx.vertx();
      deploy(
          new MigrationWorkerVerticle(
              new MigrationWorkerConfig(kafka, fleet, work.resolve("migration-worker"))));
      Path backups = java.nio.file.Files.createDirectories(work.resolve("backups"));
      deploy(new BackupWorkerVerticle(new BackupWorkerConfig(kafka, fleet, backups)));
      deploy(new CoordinatorVerticle(new CoordinatorConfig(kafka, work.resolve("co"), 0)));
      await().atMost(Duration.ofMinutes(2)).until(() -> reported.containsAll(devices));

      try (Publisher publisher = Publisher.create(kafka)) {
        publisher.sendAndWait(
            Topics.UPDATE_REQUESTS,
            new UpdateRequest(
                rollout,
                SET,
                VersionId.of(DemoFleet.LATEST_VERSION),
                Selector.devices(devices),
                RolloutPolicy.DEFAULT.withStepTimeoutSeconds(60),
                "it@example.com",
                MessageId.random(),
                Instant.now()));
      }
      await()
          .atMost(Duration.ofMinutes(3))
          .until(() -> events.stream().anyMatch(RolloutFinished.class::isInstance));
    } finally {
      inventory.close();
      log.close();
    }

    List<SpanData> spans = exporter.getFinishedSpanItems();
    for (DeviceId device : devices) {
      assertThat(finish(events, device).outcome()).isEqualTo(DeviceOutcome.DONE);
      String traceId = SagaTraces.rootOf(rollout, device).getTraceId();
      String rootId = SagaTraces.rootOf(rollout, device).getSpanId();
      List<SpanData> trace = spans.stream().filter(s -> s.getTraceId().equals(traceId)).toList();

      assertThat(trace)
          .extracting(SpanData::getName)
          .as("the spans of %s's saga", device)
          .contains(
              "dispatch safety-check",
              "dispatch backup",
              "dispatch migrate",
              "process flotilla.commands.safety-check",
              "process flotilla.commands.backup",
              "process flotilla.commands.migrate",
              "process flotilla.replies");
      // The migration carried its verification: two replies answer that one command.
      assertThat(trace.stream().filter(s -> s.getName().equals("process flotilla.replies")))
          .hasSize(4);
      Set<String> ids = trace.stream().map(SpanData::getSpanId).collect(Collectors.toSet());
      assertThat(trace)
          .as("each span's parent is in the trace, or is its root")
          .allSatisfy(s -> assertThat(s.getParentSpanId()).isIn(union(ids, rootId)));
      assertThat(
              spans.stream()
                  .filter(
                      s ->
                          device.value().equals(s.getAttributes().get(key(SagaTraces.DEVICE)))
                              && rollout
                                  .value()
                                  .equals(s.getAttributes().get(key(SagaTraces.ROLLOUT)))))
          .as("no span about the device is outside its trace")
          .isNotEmpty()
          .allSatisfy(s -> assertThat(s.getTraceId()).isEqualTo(traceId));
    }
  }

  private static Set<String> union(Set<String> ids, String root) {
    Set<String> all = new java.util.HashSet<>(ids);
    all.add(root);
    return all;
  }

  private static io.opentelemetry.api.common.AttributeKey<String> key(String name) {
    return io.opentelemetry.api.common.AttributeKey.stringKey(name);
  }

  private static DeviceFinished finish(List<RolloutEvent> events, DeviceId device) {
    return events.stream()
        .filter(DeviceFinished.class::isInstance)
        .map(DeviceFinished.class::cast)
        .filter(f -> f.deviceId().equals(device))
        .findFirst()
        .orElseThrow();
  }

  private void deploy(Deployable service) throws Exception {
    vertx
        .deployVerticle(service)
        .toCompletionStage()
        .toCompletableFuture()
        .get(2, TimeUnit.MINUTES);
  }
}
