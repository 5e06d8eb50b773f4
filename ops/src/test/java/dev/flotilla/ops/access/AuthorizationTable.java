package dev.flotilla.ops.access;

import java.util.ArrayList;
import java.util.List;

/**
 * An expected table of answers, one row per route, one column per kind of caller ({@link
 * TestAccess#callers()}), walked against a running service:
 *
 * <pre>
 * route              anonymous viewer operator approver admin expired forged
 * GET /rollouts      401 200 200 200 200 401 401
 * </pre>
 *
 * Every refusal must be a problem, every 401 must challenge for a bearer token.
 */
public final class AuthorizationTable {
  private static final String PROBLEM_JSON = "application/problem+json";

  /** What the service answered one request. */
  public record Answer(int status, String contentType, String challenge, String body) {}

  /** Sends one request of the table: {@code authorization} is null for an anonymous caller. */
  @FunctionalInterface
  public interface Asker {
    Answer ask(String method, String path, String authorization) throws Exception;
  }

  private AuthorizationTable() {}

  /** Each cell where the service answered otherwise than the table says, in words; none: empty. */
  public static List<String> mismatches(String table, Asker asker) throws Exception {
    List<String> lines = table.strip().lines().toList();
    List<String> callers = List.of(lines.get(0).trim().split("\\s+")).subList(1, 8);
    if (!callers.equals(TestAccess.callers())) {
      throw new IllegalArgumentException("the columns must be " + TestAccess.callers());
    }
    List<String> authorizations = callers.stream().map(TestAccess::authorizationOf).toList();
    List<String> mismatches = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.trim().split("\\s+");
      for (int i = 0; i < callers.size(); i++) {
        int expected = Integer.parseInt(cells[2 + i]);
        Answer answer = asker.ask(cells[0], cells[1], authorizations.get(i));
        String cell = cells[0] + " " + cells[1] + " as " + callers.get(i) + ": ";
        if (answer.status() != expected) {
          mismatches.add(cell + answer.status() + " (expected " + expected + ") " + answer.body());
        } else if ((expected == 401 || expected == 403)
            && !PROBLEM_JSON.equals(answer.contentType())) {
          mismatches.add(cell + "a refusal that is not " + PROBLEM_JSON);
        } else if (expected == 401
            && (answer.challenge() == null || !answer.challenge().startsWith("Bearer"))) {
          mismatches.add(cell + "a 401 without WWW-Authenticate: Bearer");
        }
      }
    }
    return mismatches;
  }
}
