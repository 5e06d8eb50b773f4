package dev.flotilla.cli;

import dev.flotilla.contracts.InvalidMessageException;
import dev.flotilla.contracts.view.Accepted;
import dev.flotilla.contracts.view.ProblemDetail;
import dev.flotilla.contracts.view.ViewCodec;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Asks the coordinator's HTTP API ({@code --api}) with the token in {@value #TOKEN}, and reads its
 * answers as the view records the coordinator writes them from; its problem answers become one-line
 * errors.
 */
final class ApiClient {
  static final String DEFAULT_API = "http://127.0.0.1:8081";

  /**
   * The bearer token the API is asked with; an environment variable, so no process list shows it.
   */
  static final String TOKEN = "FLOTILLA_TOKEN";

  private static final ViewCodec VIEWS = new ViewCodec();

  @Option(
      names = "--api",
      defaultValue = DEFAULT_API,
      paramLabel = "URL",
      description = "The coordinator's HTTP API (default ${DEFAULT-VALUE}).")
  String api;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** GETs {@code pathAndQuery}: its answer, or a one-line error for a problem. */
  <T> T get(String pathAndQuery, Class<T> answer) throws InterruptedException {
    HttpResponse<String> response =
        send(HttpRequest.newBuilder(uri(pathAndQuery)).GET(), pathAndQuery);
    return read(response, 200, answer, pathAndQuery);
  }

  /**
   * GETs {@code pathAndQuery}; empty when the API answers 404 (an unknown rollout or device), a
   * one-line error for any other problem.
   */
  <T> Optional<T> find(String pathAndQuery, Class<T> answer) throws InterruptedException {
    HttpResponse<String> response =
        send(HttpRequest.newBuilder(uri(pathAndQuery)).GET(), pathAndQuery);
    if (response.statusCode() == 404 && isProblem(response)) {
      return Optional.empty();
    }
    return Optional.of(read(response, 200, answer, pathAndQuery));
  }

  /** POSTs the JSON {@code body}; the request is on the log when this returns. */
  Accepted post(String path, String body) throws InterruptedException {
    return post(path, body, 202, Accepted.class);
  }

  /** POSTs the JSON {@code body}: the answer, which must come with status {@code expected}. */
  <T> T post(String path, String body, int expected, Class<T> answer) throws InterruptedException {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)),
            path);
    return read(response, expected, answer, path);
  }

  /** Whether {@value #TOKEN} holds a token to ask with. */
  static boolean hasToken() {
    String token = System.getenv(TOKEN);
    return token != null && !token.isBlank();
  }

  /** The base URL, as given. */
  String base() {
    return api.endsWith("/") ? api.substring(0, api.length() - 1) : api;
  }

  private HttpResponse<String> send(HttpRequest.Builder request, String path)
      throws InterruptedException {
    String token = System.getenv(TOKEN);
    if (token != null && !token.isBlank()) {
      request.header("Authorization", "Bearer " + token.strip());
    }
    try {
      return http.send(
          request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      throw new UserError(
          "cannot reach the coordinator's API at " + base() + " (is it running? see --api)");
    } catch (IOException e) {
      throw new UserError("asking " + uri(path) + " failed: " + e.getMessage());
    }
  }

  private <T> T read(HttpResponse<String> response, int expected, Class<T> answer, String path) {
    if (response.statusCode() == 401) {
      throw new UserError(
          problem(response, path)
              + " (set "
              + TOKEN
              + " to a token the coordinator accepts; `flotilla tokens create --role R` issues one)");
    }
    if (response.statusCode() != expected) {
      throw new UserError(problem(response, path));
    }
    try {
      return VIEWS.decode(response.body(), answer);
    } catch (InvalidMessageException e) {
      throw new UserError(
          uri(path)
              + " answered what this flotilla cannot read as "
              + answer.getSimpleName()
              + " ("
              + e.getMessage()
              + "); is --api the coordinator's API, of the same version?");
    }
  }

  /** The problem's own detail when the API says one, else the status. */
  private String problem(HttpResponse<String> response, String path) {
    if (isProblem(response)) {
      try {
        ProblemDetail problem = VIEWS.decode(response.body(), ProblemDetail.class);
        if (problem.detail() != null) {
          return problem.detail();
        }
      } catch (InvalidMessageException e) {
        // answered below
      }
    }
    return uri(path) + " answered " + response.statusCode();
  }

  private static boolean isProblem(HttpResponse<String> response) {
    return response
        .headers()
        .firstValue("Content-Type")
        .filter(type -> type.startsWith("application/problem+json"))
        .isPresent();
  }

  private URI uri(String pathAndQuery) {
    try {
      URI uri = URI.create(base() + pathAndQuery);
      if ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) {
        return uri;
      }
    } catch (IllegalArgumentException e) {
      // answered below
    }
    throw new UserError("--api: '" + api + "' is not a URL such as " + DEFAULT_API);
  }
}
