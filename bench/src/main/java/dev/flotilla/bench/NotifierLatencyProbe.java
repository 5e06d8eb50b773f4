package dev.flotilla.bench;

import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.contracts.event.RolloutEvent;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.messaging.KafkaSettings;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * Watches one rollout through the notifier and through a bare consumer at the same time: a
 * dashboard's SSE stream ({@code GET /events?rollout=<id>}) and {@link BareEventFollower}, both
 * connected before the rollout's update request is published, both stamping arrivals with the same
 * clock of this JVM.
 */
final class NotifierLatencyProbe implements AutoCloseable {
  static final String DOES =
      "every event of the measured rollout, from its occurredAt (the coordinator's clock when it"
          + " decided, before its Kafka transaction committed) to arriving at an SSE client of the"
          + " notifier (GET /events?rollout=<id>, java.net.http, stamped at the frame's first"
          + " line) and at a bare consumer (read_committed, no group, every partition assigned,"
          + " poll loop, stamped when the poll returns) following flotilla.events at the same"
          + " time, in this JVM; the SSE arrival minus the bare one is the notifier's own delay";

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

  private final RolloutId rollout;
  private final NotifierLatency.WallAnchor anchor;
  private final BareEventFollower bare;
  private final SseFollower sse;

  private NotifierLatencyProbe(
      RolloutId rollout,
      NotifierLatency.WallAnchor anchor,
      BareEventFollower bare,
      SseFollower sse) {
    this.rollout = rollout;
    this.anchor = anchor;
    this.bare = bare;
    this.sse = sse;
  }

  /** Returns with both followers in place: publish the rollout's request after this. */
  static NotifierLatencyProbe start(KafkaSettings kafka, int notifierPort, RolloutId rollout)
      throws InterruptedException, TimeoutException {
    URI events =
        URI.create(
            "http://127.0.0.1:"
                + notifierPort
                + "/events?rollout="
                + URLEncoder.encode(rollout.value(), StandardCharsets.UTF_8));
    BareEventFollower bare = BareEventFollower.start(kafka, rollout);
    MessageCodec codec = new MessageCodec();
    SseFollower sse;
    try {
      sse =
          SseFollower.connect(
              events,
              CONNECT_TIMEOUT,
              frame ->
                  eventOf(frame, rollout, codec)
                      .map(e -> e.messageId().value().toString())
                      .orElse(null));
    } catch (InterruptedException | TimeoutException | RuntimeException e) {
      bare.close();
      throw e;
    }
    return new NotifierLatencyProbe(rollout, NotifierLatency.WallAnchor.now(), bare, sse);
  }

  /**
   * Once the rollout has ended: waits for the bare consumer to read its last event, then up to
   * {@code grace} for the SSE client to receive every event the bare consumer read; what has not
   * arrived by then is reported missing.
   */
  NotifierLatencyResult finish(Duration bareTimeout, Duration grace)
      throws InterruptedException, TimeoutException {
    bare.awaitEnd(bareTimeout);
    List<NotifierLatency.Published> published = bare.read();
    sse.awaitEvents(published.stream().map(NotifierLatency.Published::eventId).toList(), grace);
    MessageCodec codec = new MessageCodec();
    List<NotifierLatency.Pushed> pushed = new ArrayList<>();
    for (SseLineParser.Frame frame : sse.frames()) {
      Optional<RolloutEvent> event = eventOf(frame, rollout, codec);
      pushed.add(
          new NotifierLatency.Pushed(
              event.map(e -> e.messageId().value().toString()).orElse(null),
              event.map(RolloutEvent::sequence).orElse(null),
              frame.receivedAtNanos()));
    }
    return NotifierLatency.analyse(
        DOES, rollout.value(), published, pushed, sse.endedByServer(), anchor);
  }

  /** The rollout's event the frame carries, if it carries one. */
  private static Optional<RolloutEvent> eventOf(
      SseLineParser.Frame frame, RolloutId rollout, MessageCodec codec) {
    try {
      RolloutEvent event = codec.decode(frame.data(), RolloutEvent.class);
      return event.rolloutId().equals(rollout) ? Optional.of(event) : Optional.empty();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    sse.close();
    bare.close();
  }
}
