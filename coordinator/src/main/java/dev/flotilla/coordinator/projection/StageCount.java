package dev.flotilla.coordinator.projection;

import dev.flotilla.contracts.event.DeviceStage;

/**
 * How many devices of a rollout stand at {@code stage}, in {@code wave} (null: not admitted yet;
 * also null in totals over every wave).
 */
public record StageCount(Integer wave, DeviceStage stage, int devices) {}
