package dev.flotilla.contracts.codec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.flotilla.contracts.InvalidMessageException;
import dev.flotilla.contracts.Message;
import dev.flotilla.contracts.topic.Topic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Turns messages into JSON and back. Every top-level message is written as {@code {"type": ...,
 * "schema": ..., fields...}}; reading checks both before the fields, and any problem becomes an
 * {@link InvalidMessageException} naming the field. Thread-safe; build one and share it.
 */
public final class MessageCodec {
  /**
   * The longest text any field may hold, in characters: room for a large migration script, and a
   * bound on what a hostile or broken producer can make every reader hold in memory.
   */
  public static final int MAX_TEXT = 4 * 1024 * 1024;

  private final ObjectMapper mapper;

  public MessageCodec() {
    JsonFactory bounded =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder().maxStringLength(MAX_TEXT).build())
            .build();
    JsonMapper.Builder builder =
        JsonMapper.builder(bounded)
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            // A misspelt field in a hand-written request must be an error, not silently ignored.
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .defaultPropertyInclusion(
                JsonInclude.Value.construct(
                    JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL));
    this.mapper = builder.build();
    for (MessageType type : MessageTypes.ALL) {
      mapper.registerSubtypes(new NamedType(type.javaType(), type.name()));
    }
  }

  public byte[] encode(Message message) {
    return encodeToString(message).getBytes(StandardCharsets.UTF_8);
  }

  public String encodeToString(Message message) {
    try {
      // Jackson writes the type id first; the schema goes right after it. One pass, where building
      // a tree to reorder took two: the projections encode every event they apply.
      MessageType type = MessageTypes.of(message.getClass());
      String body = mapper.writeValueAsString(message);
      String typed = "{\"type\":\"" + type.name() + "\"";
      if (body.startsWith(typed)) {
        return typed + ",\"schema\":" + type.schema() + body.substring(typed.length());
      }
      return mapper.writeValueAsString(withSchema(message));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot encode " + message.getClass().getSimpleName(), e);
    }
  }

  /** Pretty-printed, for people and golden files. */
  public String encodePretty(Message message) {
    try {
      return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(withSchema(message));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot encode " + message.getClass().getSimpleName(), e);
    }
  }

  public <V> V decode(Topic<V> topic, byte[] bytes) {
    if (topic.type() == byte[].class) {
      return topic.type().cast(bytes);
    }
    return decode(bytes, topic.type());
  }

  /**
   * Reads one message of the given family (a sealed interface such as {@code WorkerReply}, or a
   * concrete record).
   *
   * @throws InvalidMessageException naming the field, for anything that is not a valid message of
   *     that family
   */
  public <T> T decode(byte[] bytes, Class<T> family) {
    JsonNode tree;
    try {
      tree = mapper.readTree(bytes);
    } catch (StreamConstraintsException e) {
      throw new InvalidMessageException(
          "", "a text field is longer than the " + MAX_TEXT + " characters a message may hold");
    } catch (IOException e) {
      throw new InvalidMessageException("", "not valid JSON: " + firstLine(e.getMessage()));
    }
    return decodeTree(tree, family);
  }

  public <T> T decode(String json, Class<T> family) {
    return decode(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), family);
  }

  private <T> T decodeTree(JsonNode tree, Class<T> family) {
    if (tree == null || !tree.isObject()) {
      throw new InvalidMessageException("", "a message must be a JSON object");
    }
    ObjectNode object = (ObjectNode) tree; // read from bytes just now: ours to change
    JsonNode typeNode = object.get("type");
    if (typeNode == null || !typeNode.isTextual()) {
      throw new InvalidMessageException("type", "is required (the message's logical type name)");
    }
    MessageType type =
        MessageTypes.byName(typeNode.asText())
            .orElseThrow(
                () ->
                    new InvalidMessageException(
                        "type", "'" + typeNode.asText() + "' is not a known message type"));
    if (!family.isAssignableFrom(type.javaType())) {
      throw new InvalidMessageException(
          "type", "'" + type.name() + "' is not a " + family.getSimpleName());
    }
    JsonNode schemaNode = object.remove("schema");
    if (schemaNode == null || !schemaNode.canConvertToExactIntegral()) {
      throw new InvalidMessageException(
          "schema", "is required (an integer, 1 for " + type.name() + ")");
    }
    if (schemaNode.asInt() < 1 || schemaNode.asInt() > type.schema()) {
      throw new InvalidMessageException(
          "schema",
          "schema "
              + schemaNode.asInt()
              + " of "
              + type.name()
              + " is not one this build reads (1.."
              + type.schema()
              + ")");
    }
    try {
      return mapper.treeToValue(object, family);
    } catch (JsonProcessingException e) {
      throw explain(e);
    } catch (IllegalArgumentException e) {
      throw explain(e);
    }
  }

  private static ObjectNode withSchemaNode(ObjectMapper mapper, Message message) {
    ObjectNode body = mapper.valueToTree(message);
    ObjectNode ordered = mapper.createObjectNode();
    ordered.set("type", body.remove("type"));
    ordered.put("schema", MessageTypes.of(message.getClass()).schema());
    for (Map.Entry<String, JsonNode> field : body.properties()) {
      ordered.set(field.getKey(), field.getValue());
    }
    return ordered;
  }

  private ObjectNode withSchema(Message message) {
    return withSchemaNode(mapper, message);
  }

  /** The field path and the plainest account of a mapping problem. */
  private static InvalidMessageException explain(Exception e) {
    String path = e instanceof JsonMappingException mapping ? pathOf(mapping) : "";
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InvalidMessageException invalid) {
        if (invalid.field().isEmpty() || path.isEmpty() || path.endsWith(invalid.field())) {
          return new InvalidMessageException(
              path.isEmpty() ? invalid.field() : path, invalid.problem());
        }
        return invalid.under(path);
      }
    }
    if (e instanceof UnrecognizedPropertyException unknown) {
      String parent = path.contains(".") ? path.substring(0, path.lastIndexOf('.')) : "";
      return new InvalidMessageException(
          path,
          "is not a field of "
              + unknown.getReferringClass().getSimpleName()
              + (parent.isEmpty() ? "" : " (in " + parent + ")")
              + "; known fields: "
              + unknown.getKnownPropertyIds());
    }
    if (e instanceof InvalidTypeIdException badType) {
      return new InvalidMessageException(
          path.isEmpty() ? "type" : path + ".type",
          "'" + badType.getTypeId() + "' is not a known message type here");
    }
    String message = e instanceof JsonMappingException m ? m.getOriginalMessage() : e.getMessage();
    if (message != null && message.startsWith("Cannot map `null` into type")) {
      return new InvalidMessageException(path, "is required");
    }
    return new InvalidMessageException(path, "has the wrong shape: " + firstLine(message));
  }

  private static String pathOf(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "unknown problem";
    }
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
