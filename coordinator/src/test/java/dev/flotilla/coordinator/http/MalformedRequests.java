package dev.flotilla.coordinator.http;

import io.vertx.core.http.HttpMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Requests no well-behaved client sends, drawn from a seed: every route of the API with path
 * segments, query parameters, methods and bodies as a broken script, a fuzzer or an attacker sends
 * them. The same seed gives the same requests, so a failure can be replayed.
 */
final class MalformedRequests {
  /** One request; {@code body} null for none. */
  record Request(HttpMethod method, String uri, String body) {
    @Override
    public String toString() {
      String shown = body == null ? "" : " body " + abbreviate(body);
      return method + " " + abbreviate(uri) + shown;
    }

    private static String abbreviate(String text) {
      return text.length() <= 120 ? text : text.substring(0, 120) + "…(" + text.length() + ")";
    }
  }

  private static final List<String> READ_ROUTES =
      List.of(
          "/rollouts",
          "/rollouts/{id}",
          "/rollouts/{id}/devices",
          "/devices",
          "/devices/{id}",
          "/audit",
          "/health",
          "/{id}",
          "/rollouts/{id}/{id}");

  private static final List<String> COMMAND_ROUTES =
      List.of(
          "/rollouts",
          "/rollouts/{id}/pause",
          "/rollouts/{id}/resume",
          "/rollouts/{id}/abort",
          "/rollouts/{id}/waves/{wave}/approve",
          "/devices/{id}/restore");

  private static final List<String> QUERY_NAMES =
      List.of("limit", "after", "rollout", "device", "q", "version", "stage", "");

  private final Random random;

  private MalformedRequests(long seed) {
    this.random = new Random(seed);
  }

  static List<Request> generate(long seed, int count) {
    MalformedRequests requests = new MalformedRequests(seed);
    List<Request> all = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      all.add(requests.next());
    }
    return all;
  }

  private Request next() {
    int kind = random.nextInt(10);
    if (kind < 4) {
      return new Request(HttpMethod.GET, path(pick(READ_ROUTES)) + query(), null);
    }
    if (kind < 9) {
      return new Request(HttpMethod.POST, path(pick(COMMAND_ROUTES)) + query(), body());
    }
    HttpMethod method =
        pick(List.of(HttpMethod.PUT, HttpMethod.DELETE, HttpMethod.PATCH, HttpMethod.POST));
    return new Request(method, path(pick(READ_ROUTES)), random.nextBoolean() ? body() : null);
  }

  private String path(String template) {
    String path = template;
    while (path.contains("{id}")) {
      path = path.replaceFirst("\\{id}", java.util.regex.Matcher.quoteReplacement(segment()));
    }
    return path.replace("{wave}", pick(List.of("0", "-1", "2147483648", "x", "1.5", "", "%20")));
  }

  private String segment() {
    return pick(
        List.of(
            "r-1",
            "rv-0001",
            "",
            ".",
            "..",
            "%2e%2e",
            "%ZZ",
            "%",
            "%00",
            "%C0%AF",
            "a%2Fb",
            "%E2%9C%93",
            "x".repeat(300),
            "y".repeat(5000),
            "-leading-dash",
            "spaces%20inside",
            "quote%22and%27",
            "semi;colon",
            "caf%C3%A9",
            // Escaped, as a client must send them: what arrives decodes to anything printable.
            java.net.URLEncoder.encode(
                randomAscii(1 + random.nextInt(40)), java.nio.charset.StandardCharsets.UTF_8)));
  }

  private String query() {
    if (random.nextInt(3) == 0) {
      return "";
    }
    StringBuilder query = new StringBuilder("?");
    int parameters = 1 + random.nextInt(4);
    for (int i = 0; i < parameters; i++) {
      if (i > 0) {
        query.append('&');
      }
      query
          .append(pick(QUERY_NAMES))
          .append(random.nextInt(8) == 0 ? "" : "=")
          .append(
              pick(
                  List.of(
                      "-1",
                      "0",
                      "1000000000000",
                      "abc",
                      "",
                      "%ZZ",
                      "v2.%%%",
                      "z".repeat(3000),
                      "1e9",
                      "null",
                      segment())));
    }
    return query.toString();
  }

  private String body() {
    return pick(
        List.of(
            "",
            "{",
            "[",
            "null",
            "1",
            "\"text\"",
            "[]",
            "{}",
            "{\"requestedBy\": 5}",
            "{\"requestedBy\": {\"nested\": [1, 2]}}",
            "{\"type\":\"UpdateRequest\",\"rolloutId\":\"r-fuzz\"}",
            "{\"type\":\"NoSuchMessage\"}",
            "{\"rolloutId\": [1], \"migrationSet\": null, \"targetVersion\": \"x\"}",
            "{\"deviceId\": \"..\", \"backupId\": \"%00\"}",
            "{\"backupId\": 12, \"policy\": \"fast\"}",
            "[".repeat(20_000),
            "{\"a\":".repeat(5_000),
            "{\"requestedBy\": \"" + "w".repeat(2 << 20) + "\"}",
            "\u0000\u0001\u0002garbage",
            randomAscii(200)));
  }

  private String randomAscii(int length) {
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append((char) (32 + random.nextInt(95)));
    }
    return text.toString();
  }

  private <T> T pick(List<T> options) {
    return options.get(random.nextInt(options.size()));
  }
}
