package dev.flotilla.coordinator.http;

import dev.flotilla.contracts.InvalidMessageException;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.RolloutId;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;

/** Path and query parameters, checked; anything wrong is a 400 naming the parameter. */
final class Params {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;

  private Params() {}

  static RolloutId rolloutId(RoutingContext ctx, String name) {
    return rolloutId(ctx.pathParam(name), name);
  }

  static RolloutId rolloutId(String value, String name) {
    try {
      return RolloutId.of(value);
    } catch (InvalidMessageException e) {
      throw Problem.badField(name, name + ": " + e.problem()).reject();
    }
  }

  static DeviceId deviceId(String value, String name) {
    try {
      return DeviceId.of(value);
    } catch (InvalidMessageException e) {
      throw Problem.badField(name, name + ": " + e.problem()).reject();
    }
  }

  static VersionId version(String value, String name) {
    try {
      return VersionId.parse(value);
    } catch (InvalidMessageException e) {
      throw Problem.badField(name, name + ": " + e.problem()).reject();
    }
  }

  /** A query parameter given at most once. */
  static Optional<String> single(RoutingContext ctx, String name) {
    List<String> values = ctx.queryParam(name);
    if (values.size() > 1) {
      throw Problem.badField(name, name + ": give it once, not " + values.size() + " times")
          .reject();
    }
    return values.stream().findFirst();
  }

  static int limit(RoutingContext ctx) {
    return single(ctx, "limit")
        .map(value -> wholeNumber(value, "limit", 1, MAX_LIMIT))
        .orElse(DEFAULT_LIMIT);
  }

  static int wholeNumber(String value, String name, int min, int max) {
    try {
      int number = Integer.parseInt(value);
      if (number >= min && number <= max) {
        return number;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw Problem.badField(
            name, name + ": '" + value + "' is not a whole number from " + min + " to " + max)
        .reject();
  }
}
