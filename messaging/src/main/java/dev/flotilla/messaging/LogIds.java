package dev.flotilla.messaging;

import dev.flotilla.contracts.command.WorkerCommand;
import dev.flotilla.contracts.control.ControlCommand;
import dev.flotilla.contracts.event.RolloutEvent;
import dev.flotilla.contracts.reply.WorkerReply;
import dev.flotilla.contracts.request.RestoreRequest;
import dev.flotilla.contracts.request.UpdateRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.MDC;

/**
 * The ids every log line written while a message is handled carries, in SLF4J's MDC: {@code
 * rollout}, {@code device} and {@code command}, as far as the message names them. The console shows
 * them after the logger's name; {@code FLOTILLA_LOG_FORMAT=json} writes them as fields.
 */
final class LogIds {
  static final String ROLLOUT = "rollout";
  static final String DEVICE = "device";
  static final String COMMAND = "command";

  private LogIds() {}

  /** The ids {@code message} names, in the order rollout, device, command. */
  static Map<String, String> of(Object message) {
    Map<String, String> ids = new LinkedHashMap<>();
    if (message instanceof WorkerCommand command) {
      ids.put(ROLLOUT, command.rolloutId().value());
      ids.put(DEVICE, command.deviceId().value());
      ids.put(COMMAND, command.commandId().value());
    } else if (message instanceof WorkerReply reply) {
      ids.put(ROLLOUT, reply.rolloutId().value());
      ids.put(DEVICE, reply.deviceId().value());
      ids.put(COMMAND, reply.commandId().value());
    } else if (message instanceof RolloutEvent event) {
      ids.put(ROLLOUT, event.rolloutId().value());
    } else if (message instanceof UpdateRequest request) {
      ids.put(ROLLOUT, request.rolloutId().value());
    } else if (message instanceof RestoreRequest request) {
      ids.put(ROLLOUT, request.rolloutId().value());
      ids.put(DEVICE, request.deviceId().value());
    } else if (message instanceof ControlCommand control) {
      ids.put(ROLLOUT, control.rolloutId().value());
    }
    return ids;
  }

  /** Runs {@code work} with the ids of {@code message} in the MDC, and takes them out after. */
  static <T> T around(Object message, Callable<T> work) throws Exception {
    Map<String, String> ids = of(message);
    ids.forEach(MDC::put);
    try {
      return work.call();
    } finally {
      ids.keySet().forEach(MDC::remove);
    }
  }
}
