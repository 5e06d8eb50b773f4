package dev.flotilla.contracts.view;

/** Where to ask about a rollout next: itself, its devices and its audit trail. */
public record RolloutLinks(String self, String devices, String audit) {
  public static RolloutLinks of(String rolloutId) {
    return new RolloutLinks(
        "/rollouts/" + rolloutId,
        "/rollouts/" + rolloutId + "/devices",
        "/audit?rollout=" + rolloutId);
  }
}
