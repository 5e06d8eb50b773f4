package dev.flotilla.coordinator.projection;

/** How many rows share a {@code name} (a status, a stage). */
public record NamedCount(String name, long count) {}
