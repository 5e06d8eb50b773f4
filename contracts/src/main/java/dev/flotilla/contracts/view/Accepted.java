package dev.flotilla.contracts.view;

import dev.flotilla.contracts.Check;

/**
 * The 202 answer of a {@code POST}: the request is on the log, under this message id. The
 * coordinator decides on it; its decision shows at {@code links.rollout}.
 *
 * @param type the logical type of the message published ({@code UpdateRequest}, {@code
 *     PauseRollout}, …)
 * @param requestedBy who the request names as asking, as the audit will show it: the holder of the
 *     caller's token (null from a coordinator older than this field)
 */
public record Accepted(
    String rolloutId, String type, String messageId, String requestedBy, Links links)
    implements View {
  public Accepted {
    Check.required(rolloutId, "rolloutId");
    Check.required(type, "type");
  }

  public record Links(String rollout) {}

  public static Accepted of(String rolloutId, String type, String messageId, String requestedBy) {
    return new Accepted(
        rolloutId, type, messageId, requestedBy, new Links("/rollouts/" + rolloutId));
  }
}
