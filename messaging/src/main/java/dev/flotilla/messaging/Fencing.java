package dev.flotilla.messaging;

import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;

/** Whether a newer producer with our transactional id has taken over. */
final class Fencing {
  private Fencing() {}

  /**
   * A fenced producer first sees {@link InvalidProducerEpochException} and only later {@link
   * ProducerFencedException}; either means this producer can never commit again.
   */
  static boolean isFenced(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ProducerFencedException || t instanceof InvalidProducerEpochException) {
        return true;
      }
    }
    return false;
  }
}
