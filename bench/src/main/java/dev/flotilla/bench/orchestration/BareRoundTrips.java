package dev.flotilla.bench.orchestration;

import dev.flotilla.messaging.KafkaSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The peer of the orchestration bench: the Kafka round trips of the same sagas and nothing else. A
 * bare "coordinator" and a bare "worker", each a consume → produce loop that writes a poll's
 * outputs and commits its offsets in one Kafka transaction (as the product's loops do), pass the
 * same records per device through topics like the product's (same partition count, same keys): per
 * step a command keyed by device on the step's topic (the migration's carries the verification,
 * which has none of its own), a reply keyed by rollout; for each reply two events keyed by rollout
 * (the step completed, the next dispatched or the device finished), after the migrate step the
 * inventory report and the verification's reply; values of the average sizes the coordinator's run
 * wrote. No decoding, no decisions, no state but a counter. Its topics are its own ({@code
 * flotilla-bench.bare.*}): opaque bytes must not reach the product's consumers.
 */
final class BareRoundTrips {
  static final String PREFIX = "flotilla-bench.bare.";

  /** Steps 0 to 3: safety check, backup, migrate, verify; each answered by a reply. */
  private static final int MIGRATE = 2;

  private static final int VERIFY = 3;

  /** Steps sent as commands of their own: the verification rides with the migration. */
  static final int COMMANDS = VERIFY;

  static final String REQUESTS = PREFIX + "requests";
  static final String REPLIES = PREFIX + "replies";
  static final String EVENTS = PREFIX + "events";
  static final String INVENTORY = PREFIX + "inventory";

  static String commands(int step) {
    return PREFIX + "commands." + step;
  }

  static List<String> topics() {
    List<String> topics = new ArrayList<>(List.of(REQUESTS, REPLIES, EVENTS, INVENTORY));
    for (int step = 0; step < COMMANDS; step++) {
      topics.add(commands(step));
    }
    return topics;
  }

  /** Value sizes in bytes of each kind of record, as the product wrote them. */
  record Sizes(int command, int reply, int event, int inventory) {}

  private final KafkaSettings kafka;
  private final Sizes sizes;

  BareRoundTrips(KafkaSettings kafka, Sizes sizes) {
    this.kafka = kafka;
    this.sizes = sizes;
  }

  static void ensureTopics(KafkaSettings kafka) throws InterruptedException, ExecutionException {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      for (String topic : topics()) {
        try {
          admin
              .createTopics(List.of(new NewTopic(topic, kafka.partitions(), (short) 1)))
              .all()
              .get();
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw e;
          }
        }
      }
    }
  }

  /**
   * Runs {@code devices} sagas through the bare loops; returns the nanoseconds from publishing the
   * request to reading the last event of the run.
   */
  long run(int devices) throws Exception {
    ensureTopics(kafka);
    String run = "bare-" + UUID.randomUUID().toString().substring(0, 8);
    byte[] rolloutKey = run.getBytes(StandardCharsets.UTF_8);
    CountDownLatch finished = new CountDownLatch(1);
    int[] done = new int[1];
    Loop coordinator =
        new Loop(
            run + "-coordinator",
            true,
            List.of(REQUESTS, REPLIES),
            record -> {
              List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>();
              String value = header(record.value());
              if (!value.startsWith(run)) {
                return out;
              }
              if (record.topic().equals(REQUESTS)) {
                for (int device = 0; device < devices; device++) {
                  out.add(event(rolloutKey, run));
                  out.add(command(run, device, 0));
                }
                return out;
              }
              String[] parts = value.split("\\|");
              int device = Integer.parseInt(parts[1]);
              int step = Integer.parseInt(parts[2]);
              out.add(event(rolloutKey, run)); // the step completed
              out.add(event(rolloutKey, run)); // the next step dispatched, or the device finished
              if (step + 1 < VERIFY) {
                out.add(command(run, device, step + 1));
              } else if (step == VERIFY && ++done[0] == devices) {
                out.add(
                    new ProducerRecord<>(
                        EVENTS, rolloutKey, pad(run + "|finished", sizes.event())));
              }
              return out;
            });
    Loop worker =
        new Loop(
            run + "-worker",
            true,
            commandTopics(),
            record -> {
              List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>(2);
              String value = header(record.value());
              if (!value.startsWith(run)) {
                return out;
              }
              String[] parts = value.split("\\|");
              int step = Integer.parseInt(parts[2]);
              out.add(new ProducerRecord<>(REPLIES, rolloutKey, pad(value, sizes.reply())));
              if (step == MIGRATE) { // its inventory report, then the carried verification's reply
                out.add(
                    new ProducerRecord<>(INVENTORY, record.key(), pad(value, sizes.inventory())));
                String verified = run + "|" + parts[1] + "|" + VERIFY + "|";
                out.add(new ProducerRecord<>(REPLIES, rolloutKey, pad(verified, sizes.reply())));
              }
              return out;
            });
    Loop follower =
        new Loop(
            run + "-follower",
            false,
            List.of(EVENTS),
            record -> {
              if (header(record.value()).equals(run + "|finished")) {
                finished.countDown();
              }
              return List.of();
            });
    try (coordinator;
        worker;
        follower) {
      coordinator.start();
      worker.start();
      follower.start();
      coordinator.awaitAssigned();
      worker.awaitAssigned();
      follower.awaitAssigned();
      long started = System.nanoTime();
      try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig(null))) {
        producer.send(new ProducerRecord<>(REQUESTS, rolloutKey, pad(run + "|request", 600))).get();
      }
      if (!finished.await(30, TimeUnit.MINUTES)) {
        throw new IllegalStateException("the bare round trips did not finish");
      }
      return System.nanoTime() - started;
    }
  }

  private ProducerRecord<byte[], byte[]> event(byte[] rolloutKey, String run) {
    return new ProducerRecord<>(EVENTS, rolloutKey, pad(run + "|event", sizes.event()));
  }

  private ProducerRecord<byte[], byte[]> command(String run, int device, int step) {
    byte[] key = (run + "-" + device).getBytes(StandardCharsets.UTF_8);
    return new ProducerRecord<>(
        commands(step), key, pad(run + "|" + device + "|" + step + "|", sizes.command()));
  }

  private static List<String> commandTopics() {
    List<String> topics = new ArrayList<>();
    for (int step = 0; step < COMMANDS; step++) {
      topics.add(commands(step));
    }
    return topics;
  }

  /** The text before the padding. */
  private static String header(byte[] value) {
    int end = 0;
    while (end < value.length && value[end] != ' ') {
      end++;
    }
    return new String(value, 0, end, StandardCharsets.UTF_8);
  }

  private static byte[] pad(String header, int size) {
    byte[] text = header.getBytes(StandardCharsets.UTF_8);
    byte[] value = Arrays.copyOf(text, Math.max(size, text.length + 1));
    Arrays.fill(value, text.length, value.length, (byte) ' ');
    return value;
  }

  private Map<String, Object> producerConfig(String transactionalId) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    if (transactionalId != null) {
      config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    }
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return config;
  }

  /** One consume → produce loop on a thread of its own, a transaction per poll. */
  private final class Loop implements AutoCloseable {
    private final String name;
    private final boolean transactional;
    private final List<String> topics;
    private final Function<ConsumerRecord<byte[], byte[]>, List<ProducerRecord<byte[], byte[]>>>
        transform;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<byte[], byte[]> producer;
    private final CountDownLatch assigned = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean stopping;
    private volatile Exception failure;

    /**
     * @param transactional false for a follower that only reads (as the rollout follower, outside
     *     any transaction)
     */
    Loop(
        String name,
        boolean transactional,
        List<String> topics,
        Function<ConsumerRecord<byte[], byte[]>, List<ProducerRecord<byte[], byte[]>>> transform) {
      this.name = name;
      this.transactional = transactional;
      this.topics = topics;
      this.transform = transform;
      Map<String, Object> config = new HashMap<>();
      config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
      config.put(ConsumerConfig.GROUP_ID_CONFIG, name);
      config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
      config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
      // As the product's loops: start at the end, the run's own records come after joining.
      config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
      config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
      config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
      config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
      config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
      this.consumer = new KafkaConsumer<>(config);
      this.producer = new KafkaProducer<>(producerConfig(name));
      this.thread = new Thread(this::run, "bench-" + name);
      this.thread.setDaemon(true);
    }

    void start() {
      producer.initTransactions();
      thread.start();
    }

    void awaitAssigned() throws InterruptedException {
      if (!assigned.await(2, TimeUnit.MINUTES)) {
        throw new IllegalStateException(name + " was assigned no partitions", failure);
      }
    }

    private void run() {
      try {
        consumer.subscribe(topics);
        while (!stopping) {
          ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
          if (!consumer.assignment().isEmpty()) {
            // Fix the positions before anyone publishes: "latest" must mean before the run.
            consumer.assignment().forEach(consumer::position);
            assigned.countDown();
          }
          if (records.isEmpty()) {
            continue;
          }
          if (!transactional) {
            records.forEach(transform::apply);
            continue;
          }
          producer.beginTransaction();
          Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
          for (ConsumerRecord<byte[], byte[]> record : records) {
            transform.apply(record).forEach(producer::send);
            offsets.put(
                new TopicPartition(record.topic(), record.partition()),
                new OffsetAndMetadata(record.offset() + 1));
          }
          producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
          producer.commitTransaction();
        }
      } catch (WakeupException e) {
        // closing
      } catch (Exception e) {
        failure = e;
      }
    }

    @Override
    public void close() {
      stopping = true;
      consumer.wakeup();
      try {
        thread.join(TimeUnit.SECONDS.toMillis(30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      consumer.close();
      producer.close(Duration.ofSeconds(5));
      if (failure != null) {
        throw new IllegalStateException(name + " failed", failure);
      }
    }
  }
}
