package dev.flotilla.coordinator.http;

import dev.flotilla.contracts.InvalidMessageException;
import dev.flotilla.contracts.RolloutMessage;
import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.contracts.codec.MessageTypes;
import dev.flotilla.contracts.control.AbortRollout;
import dev.flotilla.contracts.control.ApproveWave;
import dev.flotilla.contracts.control.ControlCommand;
import dev.flotilla.contracts.control.PauseRollout;
import dev.flotilla.contracts.control.ResumeRollout;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.request.RestoreRequest;
import dev.flotilla.contracts.request.UpdateRequest;
import dev.flotilla.contracts.topic.Topic;
import dev.flotilla.contracts.topic.Topics;
import dev.flotilla.contracts.view.Accepted;
import dev.flotilla.coordinator.projection.ProjectionQueries;
import dev.flotilla.messaging.Publisher;
import dev.flotilla.ops.access.AccessGuard;
import dev.flotilla.ops.access.Caller;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import org.apache.kafka.common.KafkaException;

/**
 * The POST side of the API: new rollouts and operators' restores onto {@code
 * flotilla.update-requests}, pause, resume, abort and approval onto {@code flotilla.control}. The
 * coordinator decides on them; an answer here (202) means only that the request is on the log. The
 * requester the events name is the caller's verified token's holder ({@link ApiAccess}).
 */
final class CommandRoutes {
  private static final int BODY_LIMIT = 1 << 20;
  private static final Set<String> CONTROL_FIELDS = Set.of("requestedBy");

  private final ProjectionQueries queries;
  private final Publisher publisher;
  private final WorkerExecutor blocking;
  private final MessageCodec codec = new MessageCodec();

  CommandRoutes(ProjectionQueries queries, Publisher publisher, WorkerExecutor blocking) {
    this.queries = queries;
    this.publisher = publisher;
    this.blocking = blocking;
  }

  void mount(Router router) {
    BodyHandler body = BodyHandler.create(false).setBodyLimit(BODY_LIMIT);
    router.post("/rollouts").handler(body).handler(this::createRollout);
    router.post("/rollouts/:id/pause").handler(body).handler(this::pause);
    router.post("/rollouts/:id/resume").handler(body).handler(this::resume);
    router.post("/rollouts/:id/abort").handler(body).handler(this::abort);
    router.post("/rollouts/:id/waves/:wave/approve").handler(body).handler(this::approve);
    router.post("/devices/:deviceId/restore").handler(body).handler(this::restoreDevice);
  }

  private void createRollout(RoutingContext ctx) {
    UpdateRequest request = updateRequest(ctx.body().buffer(), requester(ctx));
    blocking
        .executeBlocking(() -> publish(Topics.UPDATE_REQUESTS, request), false)
        .onSuccess(sent -> accepted(ctx, request.rolloutId(), request))
        .onFailure(ctx::fail);
  }

  /** An operator's restore, run as a rollout of the one device: 202 and where to follow it. */
  private void restoreDevice(RoutingContext ctx) {
    DeviceId device = Params.deviceId(ctx.pathParam("deviceId"), "deviceId");
    Buffer raw = ctx.body().buffer();
    JsonObject body =
        raw == null || raw.length() == 0
            ? new JsonObject()
            : jsonObject(
                raw, "a JSON object such as {\"backupId\": \"...\", \"requestedBy\": \"...\"}");
    requester(ctx).ifPresent(name -> body.put("requestedBy", name));
    RestoreRequest request = RestoreBodies.read(device, body, codec, Instant.now());
    blocking
        .executeBlocking(() -> publish(Topics.UPDATE_REQUESTS, request), false)
        .onSuccess(sent -> accepted(ctx, request.rolloutId(), request))
        .onFailure(ctx::fail);
  }

  private void pause(RoutingContext ctx) {
    control(ctx, (id, by) -> new PauseRollout(id, by, null, null));
  }

  private void resume(RoutingContext ctx) {
    control(ctx, (id, by) -> new ResumeRollout(id, by, null, null));
  }

  private void abort(RoutingContext ctx) {
    control(ctx, (id, by) -> new AbortRollout(id, by, null, null));
  }

  private void approve(RoutingContext ctx) {
    int wave = Params.wholeNumber(ctx.pathParam("wave"), "wave", 1, Integer.MAX_VALUE);
    control(ctx, (id, by) -> new ApproveWave(id, wave, by, null, null));
  }

  /** Publishes the command for a rollout the projections know; a 404 for one they do not. */
  private void control(
      RoutingContext ctx, BiFunction<RolloutId, String, ControlCommand> commandFor) {
    RolloutId id = Params.rolloutId(ctx, "id");
    String fromBody = requestedBy(ctx.body().buffer());
    ControlCommand command;
    try {
      command = commandFor.apply(id, requester(ctx).orElse(fromBody));
    } catch (InvalidMessageException e) {
      throw Problem.badField(e.field().isEmpty() ? null : e.field(), e.getMessage()).reject();
    }
    blocking
        .executeBlocking(
            () -> {
              if (queries.rollout(id.value()).isEmpty()) {
                throw Problem.notFound("no rollout " + id + " is known").reject();
              }
              return publish(Topics.CONTROL, command);
            },
            false)
        .onSuccess(sent -> accepted(ctx, id, command))
        .onFailure(ctx::fail);
  }

  private <V> V publish(Topic<V> topic, V value) {
    try {
      publisher.sendAndWait(topic, value);
      return value;
    } catch (KafkaException e) {
      throw Problem.unavailable(
              "could not publish to " + topic.name() + " (" + e.getMessage() + "); try again")
          .reject();
    }
  }

  /**
   * Who the events will say asked: the verified token's holder, whatever the body says; empty only
   * when access control is off, and then the body's {@code requestedBy} is taken at its word.
   */
  private static Optional<String> requester(RoutingContext ctx) {
    return AccessGuard.caller(ctx).map(Caller::name);
  }

  private static void accepted(RoutingContext ctx, RolloutId id, RolloutMessage sent) {
    Accepted answer =
        Accepted.of(
            id.value(),
            MessageTypes.of(sent.getClass()).name(),
            sent.messageId().toString(),
            sent.requestedBy());
    ctx.response().putHeader(HttpHeaders.LOCATION, answer.links().rollout());
    Answers.send(ctx, 202, answer);
  }

  /**
   * An UpdateRequest from the body, checked by the codec; {@code type} and {@code schema} may be
   * left out here, since the endpoint says what the body is.
   */
  private UpdateRequest updateRequest(Buffer body, Optional<String> requester) {
    JsonObject json = jsonObject(body, "an UpdateRequest");
    requester.ifPresent(name -> json.put("requestedBy", name));
    json.getMap().putIfAbsent("type", MessageTypes.of(UpdateRequest.class).name());
    json.getMap().putIfAbsent("schema", MessageTypes.of(UpdateRequest.class).schema());
    try {
      return codec.decode(json.toBuffer().getBytes(), UpdateRequest.class);
    } catch (InvalidMessageException e) {
      throw Problem.badField(e.field().isEmpty() ? null : e.field(), e.getMessage()).reject();
    }
  }

  /** The optional {@code {"requestedBy": "..."}} of a control request. */
  private static String requestedBy(Buffer body) {
    if (body == null || body.length() == 0) {
      return null;
    }
    JsonObject json = jsonObject(body, "empty or a JSON object such as {\"requestedBy\": \"...\"}");
    for (String field : json.fieldNames()) {
      if (!CONTROL_FIELDS.contains(field)) {
        throw Problem.badField(
                field, field + ": is not a field of this request; known fields: " + CONTROL_FIELDS)
            .reject();
      }
    }
    Object by = json.getValue("requestedBy");
    if (by != null && !(by instanceof String)) {
      throw Problem.badField("requestedBy", "requestedBy: must be a string").reject();
    }
    return (String) by;
  }

  private static JsonObject jsonObject(Buffer body, String expected) {
    if (body == null || body.length() == 0) {
      throw Problem.badRequest("the body is empty; it must be " + expected).reject();
    }
    try {
      return new JsonObject(body);
    } catch (DecodeException | ClassCastException e) {
      throw Problem.badRequest("the body is not a JSON object; it must be " + expected).reject();
    }
  }
}
