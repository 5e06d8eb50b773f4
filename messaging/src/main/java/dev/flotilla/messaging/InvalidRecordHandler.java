package dev.flotilla.messaging;

import java.util.List;

/**
 * What a loop publishes because of a record it could not take, besides its dead letter: for example
 * a rejection a user can see, when the bad record still names what it was about. Runs on the loop,
 * before the transaction; its outputs go out in the same transaction as the dead letter.
 */
@FunctionalInterface
public interface InvalidRecordHandler {
  InvalidRecordHandler NONE = record -> List.of();

  List<Outgoing<?>> handle(InvalidRecord record);
}
