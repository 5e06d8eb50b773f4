package dev.flotilla.ops;

import dev.flotilla.contracts.view.ProblemDetail;
import dev.flotilla.contracts.view.ViewCodec;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/** Writes an {@code application/problem+json} answer, the form of every refusal. */
public final class ProblemAnswers {
  public static final String PROBLEM_JSON = "application/problem+json";

  private static final ViewCodec VIEWS = new ViewCodec();

  private ProblemAnswers() {}

  public static void send(
      HttpServerResponse response, int status, String title, String detail, String instance) {
    if (response.ended()) {
      return;
    }
    response
        .setStatusCode(status)
        .putHeader("Content-Type", PROBLEM_JSON)
        .end(
            Buffer.buffer(
                VIEWS.encode(
                    new ProblemDetail("about:blank", title, status, detail, instance, null))));
  }
}
