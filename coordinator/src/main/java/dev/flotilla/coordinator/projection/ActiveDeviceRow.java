package dev.flotilla.coordinator.projection;

import dev.flotilla.contracts.event.DeviceStage;

/** A device of a rollout that has not finished, and where it stands in it. */
public record ActiveDeviceRow(String deviceId, String rolloutId, DeviceStage stage) {}
