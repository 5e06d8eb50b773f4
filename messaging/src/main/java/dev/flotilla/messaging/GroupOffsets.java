package dev.flotilla.messaging;

import dev.flotilla.contracts.topic.Topic;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * The offsets a consumer group has committed for one topic, read and written directly: for a reader
 * outside any group (a {@link TopicReader} started {@link TopicReader#inBatches from those
 * offsets}) that keeps its position durable under a group's name, committing only once it is done
 * with what it read. Nobody may be a member of the group: Kafka refuses to move the offsets of a
 * group in use. Every call blocks; thread-safe.
 */
public final class GroupOffsets implements AutoCloseable {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final Admin admin;
  private final String groupId;
  private final Topic<?> topic;

  private GroupOffsets(Admin admin, String groupId, Topic<?> topic) {
    this.admin = admin;
    this.groupId = groupId;
    this.topic = topic;
  }

  public static GroupOffsets of(KafkaSettings kafka, String groupId, Topic<?> topic) {
    if (kafka == null || groupId == null || groupId.isBlank() || topic == null) {
      throw new IllegalArgumentException("kafka, a group id and a topic are required");
    }
    return new GroupOffsets(Admin.create(ClientConfigs.admin(kafka)), groupId, topic);
  }

  public String groupId() {
    return groupId;
  }

  /**
   * The offset the group goes on from in each partition of the topic it has committed one for;
   * partitions it never committed are absent.
   *
   * @throws KafkaException when the broker cannot be reached or refuses
   */
  public Map<Integer, Long> committed() {
    Map<TopicPartition, OffsetAndMetadata> all =
        await(
            admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata(),
            "read the offsets of " + groupId);
    Map<Integer, Long> offsets = new HashMap<>();
    all.forEach(
        (partition, committed) -> {
          if (committed != null && partition.topic().equals(topic.name())) {
            offsets.put(partition.partition(), committed.offset());
          }
        });
    return offsets;
  }

  /**
   * The end of every partition of the topic as a read_committed reader sees it (the last stable
   * offset): where a reader goes on from to read only what comes next.
   *
   * @throws KafkaException when the topic does not exist or the broker cannot be reached
   */
  public Map<Integer, Long> ends() {
    TopicDescription description =
        await(
                admin.describeTopics(List.of(topic.name())).allTopicNames(),
                "describe " + topic.name())
            .get(topic.name());
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    description
        .partitions()
        .forEach(
            p -> latest.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest()));
    Map<Integer, Long> ends = new HashMap<>();
    await(
            admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all(),
            "read the ends of " + topic.name())
        .forEach((partition, info) -> ends.put(partition.partition(), info.offset()));
    return ends;
  }

  /**
   * Makes {@code nextOffsets} (partition → offset of the next record to read) the group's position
   * in those partitions; the others keep theirs.
   *
   * @throws KafkaException when the broker cannot be reached or refuses (also while the group has
   *     members)
   */
  public void commit(Map<Integer, Long> nextOffsets) {
    if (nextOffsets.isEmpty()) {
      return;
    }
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    nextOffsets.forEach(
        (partition, offset) ->
            offsets.put(
                new TopicPartition(topic.name(), partition), new OffsetAndMetadata(offset)));
    await(
        admin.alterConsumerGroupOffsets(groupId, offsets).all(),
        "commit " + nextOffsets + " for " + groupId);
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(5));
  }

  private static <T> T await(KafkaFuture<T> future, String what) {
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
}
