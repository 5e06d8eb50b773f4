package dev.flotilla.contracts.codec;

import dev.flotilla.contracts.Message;

/** The wire identity of a message class: its logical {@code type} name and current schema. */
public record MessageType(String name, int schema, Class<? extends Message> javaType) {}
