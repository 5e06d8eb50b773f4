package dev.flotilla.messaging;

import dev.flotilla.contracts.topic.Topic;
import dev.flotilla.contracts.topic.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates Flotilla's topics. Idempotent: topics that exist are left as they are. */
public final class TopicProvisioner {
  private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  /** Keyed by rollout id and read together by the coordinator: their partitions must line up. */
  static final List<Topic<?>> CO_PARTITIONED =
      List.of(Topics.UPDATE_REQUESTS, Topics.CONTROL, Topics.REPLIES, Topics.EVENTS);

  private TopicProvisioner() {}

  /**
   * Creates every topic of {@link Topics#all()} that is missing, then checks that the
   * co-partitioned topics have one partition count.
   *
   * @throws IllegalStateException when existing co-partitioned topics differ in partitions
   * @throws KafkaException when the broker cannot be reached or refuses
   */
  public static void ensureTopics(KafkaSettings kafka) {
    ensureTopics(kafka, Topics.all());
    checkCoPartitioned(kafka);
  }

  /** Kafka topic configs for a cleanup policy, and the largest record Flotilla writes. */
  static Map<String, String> configsOf(Topic<?> topic) {
    Map<String, String> configs = new LinkedHashMap<>();
    configs.put(
        TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(ClientConfigs.MAX_RECORD_BYTES));
    switch (topic.cleanup()) {
      case DELETE -> {}
      case COMPACT ->
          configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
      // The log is the truth: the broker's default retention (7 days) would delete history.
      case KEEP_FOREVER -> {
        configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
        configs.put(TopicConfig.RETENTION_MS_CONFIG, "-1");
        configs.put(TopicConfig.RETENTION_BYTES_CONFIG, "-1");
      }
    }
    return configs;
  }

  /** Creates the given topics where missing and waits until all of them exist. */
  public static void ensureTopics(KafkaSettings kafka, Collection<? extends Topic<?>> topics) {
    try (Admin admin = Admin.create(ClientConfigs.admin(kafka))) {
      int brokers = await(admin.describeCluster().nodes(), "describe the cluster").size();
      short replication = (short) Math.max(1, Math.min(3, brokers));
      List<NewTopic> wanted = new ArrayList<>();
      for (Topic<?> topic : topics) {
        NewTopic newTopic =
            new NewTopic(
                topic.name(), topic.partitionsWhenConfigured(kafka.partitions()), replication);
        newTopic.configs(configsOf(topic));
        wanted.add(newTopic);
      }
      admin
          .createTopics(wanted)
          .values()
          .forEach(
              (name, created) -> {
                try {
                  await(created, "create " + name);
                  log.info("Created topic {}", name);
                } catch (KafkaException e) {
                  if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                  }
                }
              });
      awaitAllExist(admin, wanted.stream().map(NewTopic::name).toList());
      raiseRecordLimit(admin, wanted.stream().map(NewTopic::name).toList());
      checkFixedPartitions(admin, topics);
    }
  }

  /**
   * A topic that must have a given number of partitions (the one partition of {@code
   * flotilla.admissions} is what puts requests in one order) refuses to be used with another.
   */
  private static void checkFixedPartitions(Admin admin, Collection<? extends Topic<?>> topics) {
    List<Topic<?>> fixed =
        topics.stream().filter(t -> t.partitions() > 0).<Topic<?>>map(t -> t).toList();
    if (fixed.isEmpty()) {
      return;
    }
    Map<String, TopicDescription> described =
        await(
            admin.describeTopics(fixed.stream().map(Topic::name).toList()).allTopicNames(),
            "describe the topics with a fixed partition count");
    for (Topic<?> topic : fixed) {
      int actual = described.get(topic.name()).partitions().size();
      if (actual != topic.partitions()) {
        throw new IllegalStateException(
            "topic "
                + topic.name()
                + " has "
                + actual
                + " partitions; it must have exactly "
                + topic.partitions()
                + ": delete it while no coordinator runs and it is made again");
      }
    }
  }

  /**
   * Topics made before the record limit was raised keep the broker's 1 MB, too little for the
   * acceptance of a rollout of some 60,000 devices or more (it names each one): raise it there.
   */
  private static void raiseRecordLimit(Admin admin, List<String> names) {
    List<ConfigResource> resources =
        names.stream().map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList();
    Map<ConfigResource, Config> described =
        await(admin.describeConfigs(resources).all(), "describe the topics' configs");
    Map<ConfigResource, Collection<AlterConfigOp>> raises = new LinkedHashMap<>();
    described.forEach(
        (resource, config) -> {
          ConfigEntry limit = config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
          if (limit == null || Long.parseLong(limit.value()) < ClientConfigs.MAX_RECORD_BYTES) {
            raises.put(
                resource,
                List.of(
                    new AlterConfigOp(
                        new ConfigEntry(
                            TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                            String.valueOf(ClientConfigs.MAX_RECORD_BYTES)),
                        AlterConfigOp.OpType.SET)));
          }
        });
    if (!raises.isEmpty()) {
      await(admin.incrementalAlterConfigs(raises).all(), "raise the topics' record limit");
      log.info(
          "Raised {} to {} bytes on {}",
          TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
          ClientConfigs.MAX_RECORD_BYTES,
          raises.keySet().stream().map(ConfigResource::name).toList());
    }
  }

  /**
   * @throws IllegalStateException naming every co-partitioned topic and its partition count, when
   *     they differ
   */
  public static void checkCoPartitioned(KafkaSettings kafka) {
    checkCoPartitioned(kafka, CO_PARTITIONED);
  }

  /**
   * How the rollout-keyed topics are partitioned, as they exist.
   *
   * @throws IllegalStateException when they differ in partitions
   */
  public static KeyPartitions rolloutPartitions(KafkaSettings kafka) {
    return new KeyPartitions(checkCoPartitioned(kafka, CO_PARTITIONED));
  }

  static int checkCoPartitioned(KafkaSettings kafka, Collection<? extends Topic<?>> topics) {
    try (Admin admin = Admin.create(ClientConfigs.admin(kafka))) {
      List<String> names = topics.stream().map(t -> t.name()).toList();
      Map<String, TopicDescription> described =
          await(admin.describeTopics(names).allTopicNames(), "describe " + names);
      Map<String, Integer> counts = new LinkedHashMap<>();
      names.forEach(name -> counts.put(name, described.get(name).partitions().size()));
      if (counts.values().stream().distinct().count() > 1) {
        throw new IllegalStateException(
            "topics "
                + counts
                + " must have the same number of partitions (they are read co-partitioned by"
                + " rollout id); add partitions so that they match");
      }
      int actual = counts.values().iterator().next();
      if (actual != kafka.partitions()) {
        log.warn(
            "Co-partitioned topics have {} partitions, not the configured {}; using {}",
            actual,
            kafka.partitions(),
            actual);
      }
      return actual;
    }
  }

  private static void awaitAllExist(Admin admin, List<String> names) {
    Instant deadline = Instant.now().plus(TIMEOUT);
    while (true) {
      try {
        admin.describeTopics(names).allTopicNames().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return;
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)
            || Instant.now().isAfter(deadline)) {
          throw new KafkaException("topics " + names + " did not appear: " + e.getCause(), e);
        }
      } catch (TimeoutException e) {
        throw new KafkaException("topics " + names + " did not appear within " + TIMEOUT, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new KafkaException("interrupted while waiting for topics " + names, e);
      }
      sleep(Duration.ofMillis(100));
    }
  }

  /** The value of an admin call, turning its checked failures into a KafkaException. */
  private static <T> T await(org.apache.kafka.common.KafkaFuture<T> future, String what) {
    try {
      return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new KafkaException("could not " + what + ": " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new KafkaException("could not " + what + " within " + TIMEOUT, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException("interrupted while trying to " + what, e);
    }
  }

  private static void sleep(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException("interrupted while waiting for topics", e);
    }
  }
}
