package dev.flotilla.messaging;

import java.util.List;

/**
 * Turns one incoming record into the records to publish because of it. Runs before the Kafka
 * transaction opens, so it may do long work (a backup, a migration); it must be idempotent, since a
 * batch whose transaction fails is handled again.
 */
@FunctionalInterface
public interface RecordHandler {
  /**
   * @throws Exception infrastructure trouble (disk, broker): the whole batch is retried. Business
   *     outcomes, including failures, are returned as messages instead.
   */
  List<Outgoing<?>> handle(Incoming<?> record) throws Exception;
}
