package dev.flotilla.contracts.view;

import dev.flotilla.contracts.Check;
import java.util.List;

/**
 * {@code GET /audit?rollout=ID} or {@code ?device=ID}: one page of an audit trail.
 *
 * @param next what to pass as {@code after} for the next page; null on the last page
 */
public record AuditPage(List<AuditEntry> items, String next) implements View {
  public AuditPage {
    items = Check.list(items, "items");
  }
}
