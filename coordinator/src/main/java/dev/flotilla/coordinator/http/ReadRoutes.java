package dev.flotilla.coordinator.http;

import dev.flotilla.contracts.device.ReportedDevices;
import dev.flotilla.contracts.event.DeviceStage;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.view.View;
import dev.flotilla.coordinator.projection.AuditRow;
import dev.flotilla.coordinator.projection.DeviceHistoryRow;
import dev.flotilla.coordinator.projection.ProjectionHealth;
import dev.flotilla.coordinator.projection.ProjectionQueries;
import dev.flotilla.coordinator.projection.RolloutDeviceRow;
import dev.flotilla.coordinator.projection.RolloutRow;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/** The GET side of the API: everything read from the projections, on worker threads. */
final class ReadRoutes {
  private final ProjectionQueries queries;
  private final Supplier<ProjectionHealth> health;
  private final ReportedDevices devices;
  private final WorkerExecutor jdbc;

  ReadRoutes(
      ProjectionQueries queries,
      Supplier<ProjectionHealth> health,
      ReportedDevices devices,
      WorkerExecutor jdbc) {
    this.queries = queries;
    this.health = health;
    this.devices = devices;
    this.jdbc = jdbc;
  }

  void mount(Router router) {
    router.get("/health").handler(this::health);
    router.get("/rollouts").handler(this::listRollouts);
    router.get("/rollouts/:id").handler(this::showRollout);
    router.get("/rollouts/:id/devices").handler(this::listDevicesOfRollout);
    router.get("/devices").handler(this::listDevices);
    router.get("/devices/:deviceId").handler(this::showDevice);
    router.get("/audit").handler(this::audit);
  }

  private void health(RoutingContext ctx) {
    ProjectionHealth now = health.get();
    Answers.send(ctx, now.healthy() ? 200 : 503, Views.health(now));
  }

  private void listRollouts(RoutingContext ctx) {
    answer(ctx, () -> Views.rollouts(queries.rollouts()));
  }

  private void showRollout(RoutingContext ctx) {
    String id = Params.rolloutId(ctx, "id").value();
    answer(
        ctx,
        () -> {
          RolloutRow rollout = known(id);
          return Views.rolloutDetail(
              rollout,
              queries.waves(id),
              queries.countsByStage(id),
              queries.countsByWave(id),
              rollout.dryRun() ? queries.rehearsals(id) : null);
        });
  }

  private void listDevicesOfRollout(RoutingContext ctx) {
    String id = Params.rolloutId(ctx, "id").value();
    Optional<DeviceStage> stage = Params.single(ctx, "stage").map(ReadRoutes::stage);
    answer(
        ctx,
        () -> {
          known(id);
          return Views.devicesOf(
              id, stage.isPresent() ? queries.devicesAt(id, stage.get()) : queries.devices(id));
        });
  }

  /** The fleet: {@code ?q=} a part of the device id, {@code ?version=} one version. */
  private void listDevices(RoutingContext ctx) {
    FleetInventories.Filter filter =
        new FleetInventories.Filter(
            Params.single(ctx, "q").filter(q -> !q.isEmpty()),
            Params.single(ctx, "version").map(v -> Params.version(v, "version")));
    answer(ctx, () -> FleetInventories.of(devices, queries.devicesOfUnfinishedRollouts(), filter));
  }

  private void showDevice(RoutingContext ctx) {
    String id = Params.deviceId(ctx.pathParam("deviceId"), "deviceId").value();
    answer(
        ctx,
        () -> {
          List<RolloutDeviceRow> rollouts = queries.rolloutsOf(id);
          List<DeviceHistoryRow> history = queries.history(id);
          if (rollouts.isEmpty() && history.isEmpty()) {
            throw Problem.notFound("no rollout has covered device " + id).reject();
          }
          return Views.deviceDetail(id, queries.currentVersion(id).orElse(null), rollouts, history);
        });
  }

  /**
   * {@code ?rollout=ID} or {@code ?device=ID}, paged by {@code after} (a page's next) and limit.
   */
  private void audit(RoutingContext ctx) {
    Optional<String> rollout = Params.single(ctx, "rollout");
    Optional<String> device = Params.single(ctx, "device");
    if (rollout.isPresent() == device.isPresent()) {
      throw Problem.badRequest("give exactly one of ?rollout=ID or ?device=ID").reject();
    }
    Optional<String> after = Params.single(ctx, "after");
    int limit = Params.limit(ctx);
    if (rollout.isPresent()) {
      RolloutId id = Params.rolloutId(rollout.get(), "rollout");
      long afterSequence =
          after.map(a -> (long) Params.wholeNumber(a, "after", 0, Integer.MAX_VALUE)).orElse(0L);
      answer(
          ctx,
          () -> {
            List<AuditRow> rows = queries.auditOfRollout(id.value(), afterSequence, limit);
            String next =
                rows.size() < limit ? null : String.valueOf(rows.get(rows.size() - 1).sequence());
            return Views.auditPage(rows, next);
          });
    } else {
      DeviceId id = Params.deviceId(device.get(), "device");
      Optional<AuditCursor> cursor = after.map(AuditCursor::decode);
      answer(
          ctx,
          () -> {
            List<AuditRow> rows =
                queries.auditOfDevice(
                    id.value(),
                    cursor.map(AuditCursor::occurredAt).orElse(null),
                    cursor.map(AuditCursor::rolloutId).orElse(null),
                    cursor.map(AuditCursor::sequence).orElse(0L),
                    limit);
            String next =
                rows.size() < limit ? null : AuditCursor.after(rows.get(rows.size() - 1)).encode();
            return Views.auditPage(rows, next);
          });
    }
  }

  /** The rollout's row; a 404 when the projections have never seen it. */
  private RolloutRow known(String rolloutId) {
    return queries
        .rollout(rolloutId)
        .orElseThrow(() -> Problem.notFound("no rollout " + rolloutId + " is known").reject());
  }

  private static DeviceStage stage(String value) {
    try {
      return DeviceStage.valueOf(value);
    } catch (IllegalArgumentException e) {
      throw Problem.badField(
              "stage",
              "stage: '" + value + "' is not one of " + Arrays.toString(DeviceStage.values()))
          .reject();
    }
  }

  /**
   * Runs the query and encodes its answer off the event loop, then sends it, or hands on its
   * failure.
   */
  private void answer(RoutingContext ctx, Callable<View> query) {
    Future<byte[]> json = jdbc.executeBlocking(() -> Answers.encode(query.call()), false);
    json.onSuccess(bytes -> Answers.send(ctx, 200, Answers.JSON, bytes)).onFailure(ctx::fail);
  }
}
