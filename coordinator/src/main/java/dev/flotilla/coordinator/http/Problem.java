package dev.flotilla.coordinator.http;

import dev.flotilla.contracts.view.ProblemDetail;

/**
 * An RFC 9457 problem detail, the body of every error answer ({@code application/problem+json}).
 *
 * @param field for bad input, the dotted path of the offending field; null otherwise
 */
record Problem(int status, String title, String detail, String field) {
  static final String CONTENT_TYPE = "application/problem+json";

  static Problem badRequest(String detail) {
    return new Problem(400, "Bad Request", detail, null);
  }

  static Problem badField(String field, String detail) {
    return new Problem(400, "Bad Request", detail, field);
  }

  static Problem notFound(String detail) {
    return new Problem(404, "Not Found", detail, null);
  }

  static Problem unavailable(String detail) {
    return new Problem(503, "Service Unavailable", detail, null);
  }

  /** As an exception, to leave a handler or a blocking call; the failure handler answers it. */
  Rejection reject() {
    return new Rejection(this);
  }

  ProblemDetail toView(String instance) {
    return new ProblemDetail("about:blank", title, status, detail, instance, field);
  }

  /** A request the API answers with a problem: expected, so it carries no stack trace. */
  static final class Rejection extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Problem problem;

    Rejection(Problem problem) {
      super(problem.detail(), null, false, false);
      this.problem = problem;
    }

    Problem problem() {
      return problem;
    }
  }
}
