package dev.flotilla.bench.fanout;

import dev.flotilla.devkit.DevBroker;
import dev.flotilla.messaging.KafkaSettings;
import dev.flotilla.messaging.TopicProvisioner;
import dev.flotilla.notifier.StreamPosition;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The notifier fanning one steady stream of events out to many SSE clients. The notifier runs in a
 * JVM of its own ({@code -Xmx} = the heap target) on the real broker; {@code clients} streams of
 * {@code GET /events} and a bare consumer of {@code flotilla.events} follow from the same point, in
 * this JVM; events are published at a steady rate in transactions, as the coordinator writes them.
 * After a warm-up at the same rate, every event of the measured window is matched on every stream
 * by its position; the notifier's CPU and heap are read from its JVM.
 */
public final class SseFanoutBench {
  static final String DOES =
      "the notifier (NotifierVerticle alone in a child JVM, -Xmx = heap target) pushing"
          + " flotilla.events to N SSE clients (GET /events, raw sockets on one selector thread in"
          + " the bench's JVM, each event stamped after the read that completed its id line) while"
          + " a bare consumer with the notifier reader's settings reads the same topic in the"
          + " bench's JVM; events are StepDispatched, published at a steady rate in Kafka"
          + " transactions every 10 ms; per (client, event) the SSE arrival minus the bare one";

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration GRACE = Duration.ofSeconds(5);
  private static final int ROLLOUTS = 24;

  private final Path workDir;
  private final PrintStream progress;
  private final KafkaSettings kafka;
  private final int clients;
  private final int eventsPerSecond;
  private final Duration measured;
  private final Duration warmup;
  private final int notifierHeapMb;
  private final Path jfr;

  /**
   * @param jfr where the notifier's JVM writes a JFR profile of the run, or null for none
   */
  public SseFanoutBench(
      Path workDir,
      PrintStream progress,
      KafkaSettings kafka,
      int clients,
      int eventsPerSecond,
      Duration measured,
      Duration warmup,
      int notifierHeapMb,
      Path jfr) {
    if (clients < 1 || eventsPerSecond < 1 || measured.isNegative() || measured.isZero()) {
      throw new IllegalArgumentException("clients, rate and the measured time must be positive");
    }
    this.workDir = workDir;
    this.progress = progress;
    this.kafka = kafka;
    this.clients = clients;
    this.eventsPerSecond = eventsPerSecond;
    this.measured = measured;
    this.warmup = warmup;
    this.notifierHeapMb = notifierHeapMb;
    this.jfr = jfr;
  }

  public SseFanoutResult run() throws Exception {
    Files.createDirectories(workDir);
    TopicProvisioner.ensureTopics(kafka);
    try (NotifierProcess notifier =
        NotifierProcess.start(kafka.bootstrapServers(), notifierHeapMb, workDir, jfr)) {
      progress.printf("fan-out: notifier pid %d on port %d%n", notifier.pid(), notifier.port());
      awaitNotifierQuiet(notifier.port());
      try (BareTopicFollower bare = BareTopicFollower.start(kafka);
          SteadyEventPublisher publisher = SteadyEventPublisher.create(kafka, ROLLOUTS)) {
        long[] start = bare.start();
        String lastEventId = StreamPosition.of(asMap(start)).id();
        SseClientFleet fleet =
            SseClientFleet.connect(notifier.port(), clients, lastEventId, start, CONNECT_TIMEOUT);
        try {
          progress.printf("fan-out: %d streams open at %s%n", clients, lastEventId);
          if (!warmup.isZero()) {
            publisher.publish(eventsPerSecond, warmup);
          }
          long[] measuredFrom = committedEnds(start.length);
          progress.printf(
              "fan-out: warmed up: %d events read by the bare consumer, %d received over SSE%n",
              bare.count(), fleet.received());
          notifier.reset();
          long clientCpuBefore = fleet.cpuNanos();
          long began = System.nanoTime();
          publisher.publish(eventsPerSecond, measured);
          double seconds = (System.nanoTime() - began) / 1e9;
          NotifierProcess.Stats stats = notifier.stats();
          double clientCpu = (fleet.cpuNanos() - clientCpuBefore) / 1e9;
          awaitDelivered(bare, fleet, publisher.published());
          progress.printf(
              "fan-out: %d events published, %d read by the bare consumer, %d received over SSE%n",
              publisher.published(), bare.count(), fleet.received());
          long live = notifier.liveHeapBytes();
          fleet.close();
          FanoutLatency.Matched matched =
              FanoutLatency.match(bare.readAt(), measuredFrom, fleet.streams());
          return result(matched, fleet.streams(), seconds, stats, live, clientCpu);
        } finally {
          fleet.close();
        }
      }
    }
  }

  private SseFanoutResult result(
      FanoutLatency.Matched matched,
      List<SseClientFleet.Stream> streams,
      double seconds,
      NotifierProcess.Stats stats,
      long liveBytes,
      double clientCpuSeconds) {
    long unmatched = streams.stream().mapToLong(SseClientFleet.Stream::unmatched).sum();
    int ended = (int) streams.stream().filter(SseClientFleet.Stream::endedByServer).count();
    double mb = 1024.0 * 1024.0;
    return new SseFanoutResult(
        DOES,
        clients,
        eventsPerSecond,
        measured.toMillis() / 1000.0,
        matched.events(),
        matched.delivered(),
        matched.missing(),
        matched.duplicates(),
        matched.unknown(),
        unmatched,
        ended,
        matched.sseAfterBare(),
        stats.cpuNanos() / 1e9,
        stats.cpuNanos() / 1e9 / seconds,
        stats.peakAfterGcBytes() / mb,
        stats.peakBeforeGcBytes() / mb,
        liveBytes / mb,
        stats.gcMillis(),
        Math.round(stats.maxHeap() / mb),
        clientCpuSeconds / seconds);
  }

  /** Waits until the notifier has read the topic's history: its count stops moving for a second. */
  private void awaitNotifierQuiet(int port) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest health =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build();
    Pattern seen = Pattern.compile("\"eventsSeen\"\\s*:\\s*(\\d+)");
    long last = -1;
    int still = 0;
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (still < 5 && System.nanoTime() < deadline) {
      Matcher m = seen.matcher(http.send(health, HttpResponse.BodyHandlers.ofString()).body());
      long now = m.find() ? Long.parseLong(m.group(1)) : -1;
      still = now == last && now >= 0 ? still + 1 : 0;
      last = now;
      Thread.sleep(200);
    }
    progress.printf("fan-out: the notifier holds %d events read before the run%n", last);
  }

  /** Until every event published reached the bare consumer and every stream, or the grace ends. */
  private void awaitDelivered(BareTopicFollower bare, SseClientFleet fleet, long published)
      throws InterruptedException {
    long deadline = System.nanoTime() + GRACE.toNanos();
    long total = published * clients;
    while (System.nanoTime() < deadline && (bare.count() < published || fleet.received() < total)) {
      Thread.sleep(50);
    }
  }

  /** Each partition's last stable offset now: where the measured window begins. */
  private long[] committedEnds(int partitions) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
      List<TopicPartition> topicPartitions =
          java.util.stream.IntStream.range(0, partitions)
              .mapToObj(
                  p -> new TopicPartition(dev.flotilla.contracts.topic.Topics.EVENTS.name(), p))
              .toList();
      long[] ends = new long[partitions];
      consumer.endOffsets(topicPartitions).forEach((tp, end) -> ends[tp.partition()] = end);
      return ends;
    }
  }

  private static Map<Integer, Long> asMap(long[] offsets) {
    Map<Integer, Long> map = new HashMap<>();
    for (int p = 0; p < offsets.length; p++) {
      map.put(p, offsets[p]);
    }
    return map;
  }

  /** A standalone try on a broker of its own: {@code [clients] [events/s] [seconds] [jfr file]}. */
  public static void main(String[] args) throws Exception {
    int clients = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int rate = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    Path jfr = args.length > 3 ? Path.of(args[3]).toAbsolutePath() : null;
    Path work = Files.createTempDirectory("flotilla-fanout");
    System.setProperty("flotilla.bench.log", work.resolve("bench.log").toString());
    try (DevBroker broker = DevBroker.start(work.resolve("broker"))) {
      SseFanoutResult result =
          new SseFanoutBench(
                  work,
                  System.out,
                  KafkaSettings.of(broker.bootstrapServers()),
                  clients,
                  rate,
                  Duration.ofSeconds(seconds),
                  Duration.ofSeconds(3),
                  (int) SseFanoutResult.TARGET_HEAP_MB,
                  jfr)
              .run();
      result.printTo(System.out);
      System.out.println(String.format(Locale.ROOT, "work folder: %s", work));
    }
  }
}
