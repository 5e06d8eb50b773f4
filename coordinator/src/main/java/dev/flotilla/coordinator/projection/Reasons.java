package dev.flotilla.coordinator.projection;

import io.vertx.core.json.JsonArray;
import java.util.List;

/** The reasons recorded for a device or a rejected rollout; kept as a JSON array in a column. */
public record Reasons(List<String> values) {
  public static final Reasons NONE = new Reasons(List.of());

  public Reasons {
    values = List.copyOf(values);
  }

  public static Reasons of(List<String> values) {
    return values.isEmpty() ? NONE : new Reasons(values);
  }

  public String toJson() {
    return new JsonArray(values).encode();
  }

  public static Reasons fromJson(String json) {
    return of(new JsonArray(json).stream().map(String::valueOf).toList());
  }
}
