package dev.flotilla.contracts.view;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.flotilla.contracts.event.DeviceStage;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Devices counted by stage, in JSON an object such as {@code {"DONE": 2, "PENDING": 1}}; a stage no
 * device stands at is left out. Kept in the order given.
 */
public record StageCounts(Map<DeviceStage, Integer> counts) {
  public static final StageCounts NONE = new StageCounts(Map.of());

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public StageCounts {
    counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts == null ? Map.of() : counts));
  }

  @JsonValue
  @Override
  public Map<DeviceStage, Integer> counts() {
    return counts;
  }

  /** How many devices stand at {@code stage}; 0 for none. */
  public int of(DeviceStage stage) {
    return counts.getOrDefault(stage, 0);
  }

  /** How many devices have ended, in any outcome. */
  public int ended() {
    int ended = 0;
    for (Map.Entry<DeviceStage, Integer> count : counts.entrySet()) {
      if (count.getKey().finished()) {
        ended += count.getValue();
      }
    }
    return ended;
  }
}
