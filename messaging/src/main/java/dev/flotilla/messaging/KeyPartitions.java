package dev.flotilla.messaging;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * The partition Flotilla's producers put a key on: Kafka's Java default (murmur2 of the key's UTF-8
 * bytes, modulo the partition count). Other clients need not agree — librdkafka's default, for one,
 * hashes with CRC32, and a keyless record goes anywhere — so a consumer of co-partitioned topics
 * checks where a record belongs rather than trusting where it arrived.
 */
public record KeyPartitions(int partitions) {
  public KeyPartitions {
    if (partitions < 1) {
      throw new IllegalArgumentException("a topic has at least one partition, not " + partitions);
    }
  }

  public int partitionOf(String key) {
    return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
  }
}
