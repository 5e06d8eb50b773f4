package dev.flotilla.messaging;

/**
 * A consumed record that did not decode or failed validation, as an {@link InvalidRecordHandler}
 * sees it: where it came from, its raw bytes, and why it was refused. It goes to the dead-letter
 * topic whatever the handler returns.
 */
public record InvalidRecord(
    String topic, int partition, long offset, byte[] key, byte[] value, String reason) {}
