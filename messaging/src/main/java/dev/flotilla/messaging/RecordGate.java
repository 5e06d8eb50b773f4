package dev.flotilla.messaging;

/**
 * Says whether a loop may handle a record yet. A record that is not ready is held: neither it nor
 * any later record of its partition is handled or committed in this round; the partition pauses for
 * a moment and the record comes again, to be asked about again. Records of other partitions go on
 * meanwhile.
 *
 * <p>Asked on the loop's thread before the handler runs, so it must answer at once: for something
 * that has to happen first (a view catching up), start it, answer false, and answer true once it
 * has happened. Waiting here instead would stop the whole loop.
 */
@FunctionalInterface
public interface RecordGate {
  /** Every record is ready. */
  RecordGate OPEN = record -> true;

  boolean ready(Incoming<?> record);
}
