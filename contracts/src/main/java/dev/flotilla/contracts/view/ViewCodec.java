package dev.flotilla.contracts.view;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.flotilla.contracts.InvalidMessageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The API's JSON of a {@link View} and back. Unlike messages, views write their nulls ({@code
 * "finishedAt": null}: the field exists, it has no value yet), carry no {@code type} or {@code
 * schema}, and a reader skips fields it does not know, so a newer coordinator may add fields
 * without breaking older clients. Times are ISO-8601 instants, versions as {@code VersionId} writes
 * them. Thread-safe; build one and share it.
 */
public final class ViewCodec {
  private final ObjectMapper mapper =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          // A field without a value is written as null: clients see every field, always.
          .defaultPropertyInclusion(
              JsonInclude.Value.construct(JsonInclude.Include.ALWAYS, JsonInclude.Include.ALWAYS))
          .build();

  /** A whole answer, or a part of one (an {@link AuditEntry} of a page, say). */
  public byte[] encode(Object view) {
    try {
      return mapper.writeValueAsBytes(view);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot encode " + view.getClass().getSimpleName(), e);
    }
  }

  public String encodeToString(Object view) {
    return new String(encode(view), StandardCharsets.UTF_8);
  }

  /** Pretty-printed, for people and golden files. */
  public String encodePretty(Object view) {
    try {
      return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(view);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot encode " + view.getClass().getSimpleName(), e);
    }
  }

  /**
   * Reads one answer.
   *
   * @throws InvalidMessageException naming the field, for anything that is not a {@code type}
   */
  public <T> T decode(byte[] json, Class<T> type) {
    try {
      return mapper.readValue(json, type);
    } catch (JsonMappingException e) {
      throw new InvalidMessageException(path(e), problem(e, type));
    } catch (IOException e) {
      throw new InvalidMessageException("", "not valid JSON: " + firstLine(e.getMessage()));
    }
  }

  public <T> T decode(String json, Class<T> type) {
    return decode(json.getBytes(StandardCharsets.UTF_8), type);
  }

  private static String problem(JsonMappingException e, Class<?> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InvalidMessageException invalid) {
        return invalid.problem();
      }
    }
    return "is not a " + type.getSimpleName() + ": " + firstLine(e.getOriginalMessage());
  }

  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        path.append(path.length() > 0 ? "." : "").append(ref.getFieldName());
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
