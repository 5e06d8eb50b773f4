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
    URI uri = uri(pathAndQuery);
    HttpResponse<String> response;
    try {
      response =
          http.send(
              HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      throw new UserError(
          "cannot reach the coordinator's API at " + base() + " (is it running? see --api)");
    } catch (IOException e) {
      throw new UserError("asking " + uri + " failed: " + e.getMessage());
    }
    JsonObject body;
    try {
      body = new JsonObject(response.body());
    } catch (DecodeException | ClassCastException e) {
      throw new UserError(uri + " answered " + response.statusCode() + " without JSON");
    }
    if (response.statusCode() != 200) {
      String detail = body.getString("detail", "status " + response.statusCode());
      throw new UserError(detail);
    }
    return body;
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
