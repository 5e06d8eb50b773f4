package dev.flotilla.cli;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Asks the coordinator's HTTP API ({@code --api}); its problem answers become one-line errors. */
final class ApiClient {
  static final String DEFAULT_API = "http://127.0.0.1:8081";

  @Option(
      names = "--api",
      defaultValue = DEFAULT_API,
      paramLabel = "URL",
      description = "The coordinator's HTTP API (default ${DEFAULT-VALUE}).")
  String api;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** GETs {@code pathAndQuery} and returns the JSON answer. */
  JsonObject get(String pathAndQuery) throws InterruptedException {
    return answer(exchange(HttpRequest.newBuilder(uri(pathAndQuery)).GET()));
  }

  /** As {@link #get}, but nothing yet where the API answers 404. */
  Optional<JsonObject> find(String pathAndQuery) throws InterruptedException {
    Answer answer = exchange(HttpRequest.newBuilder(uri(pathAndQuery)).GET());
    return answer.status() == 404 ? Optional.empty() : Optional.of(answer(answer));
  }

  /** POSTs {@code body} to {@code path} and returns the JSON answer of a 2xx. */
  JsonObject post(String path, JsonObject body) throws InterruptedException {
    return answer(
        exchange(
            HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.encode()))));
  }

  private record Answer(URI uri, int status, JsonObject body) {}

  private Answer exchange(HttpRequest.Builder request) throws InterruptedException {
    HttpRequest built = request.timeout(Duration.ofSeconds(30)).build();
    HttpResponse<String> response;
    try {
      response = http.send(built, HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      throw new UserError(
          "cannot reach the coordinator's API at " + base() + " (is it running? see --api)");
    } catch (IOException e) {
      throw new UserError("asking " + built.uri() + " failed: " + e.getMessage());
    }
    try {
      return new Answer(built.uri(), response.statusCode(), new JsonObject(response.body()));
    } catch (DecodeException | ClassCastException e) {
      throw new UserError(built.uri() + " answered " + response.statusCode() + " without JSON");
    }
  }

  /** The body of a 2xx answer; any other is the problem's detail, in one line. */
  private static JsonObject answer(Answer answer) {
    if (answer.status() / 100 != 2) {
      throw new UserError(answer.body().getString("detail", "status " + answer.status()));
    }
    return answer.body();
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

  private String base() {
    return api.endsWith("/") ? api.substring(0, api.length() - 1) : api;
  }
}
