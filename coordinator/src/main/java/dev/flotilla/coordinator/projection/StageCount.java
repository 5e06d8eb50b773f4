package dev.flotilla.coordinator.projection;

import dev.flotilla.coordinator.projection.RolloutProgress.Stage;

/**
 * How many devices of a rollout stand at {@code stage}, in {@code wave} (null: not admitted yet;
 * also null in totals over every wave).
 */
public record StageCount(Integer wave, Stage stage, int devices) {}
