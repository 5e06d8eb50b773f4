package dev.flotilla.contracts;

/**
 * A message that breaks the contract. Names the offending field (a dotted path such as {@code
 * policy.maxInFlight}) so that the person who wrote it knows what to fix.
 */
public final class InvalidMessageException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String field;
  private final String problem;

  public InvalidMessageException(String field, String problem) {
    super(field == null || field.isEmpty() ? problem : field + ": " + problem);
    this.field = field == null ? "" : field;
    this.problem = problem;
  }

  /** The dotted path of the bad field, or an empty string when the whole message is bad. */
  public String field() {
    return field;
  }

  public String problem() {
    return problem;
  }

  /**
   * The same problem seen from an enclosing object, e.g. {@code maxInFlight} → {@code
   * policy.maxInFlight}.
   */
  public InvalidMessageException under(String parent) {
    return new InvalidMessageException(field.isEmpty() ? parent : parent + "." + field, problem);
  }
}
