package dev.flotilla.contracts.event;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The events of a rollout form a hash chain: the record of each event on {@code flotilla.events}
 * carries, in the header {@value #HEADER}, the SHA-256 of the record value (the event's bytes as
 * written) of the rollout's event before it; the first event of a rollout carries {@link #ROOT}. An
 * event edited, removed or put in after it was written breaks the chain at the next event, which
 * {@code flotilla audit verify} names.
 */
public final class EventChain {
  private EventChain() {}

  /** The record header that carries the previous event's hash, lower-case hex. */
  public static final String HEADER = "flotilla-previous-event-sha256";

  /** What the first event of a rollout names as its previous one: the SHA-256 of nothing. */
  public static final String ROOT = sha256(new byte[0]);

  /** The SHA-256 of an event record's value, lower-case hex. */
  public static String sha256(byte[] recordValue) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(recordValue));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** The header's value as bytes, as Kafka carries it. */
  public static byte[] headerValue(String hash) {
    return hash.getBytes(StandardCharsets.US_ASCII);
  }
}
