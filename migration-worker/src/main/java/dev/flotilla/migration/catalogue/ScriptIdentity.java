package dev.flotilla.migration.catalogue;

import dev.flotilla.contracts.catalogue.ScriptKind;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.MigrationSetId;
import java.util.List;

/**
 * The message id of a pushed script, derived from what it says: the same folder pushed twice is the
 * same message; pushed again with other row loss declared, or forced over another text, it is a new
 * one. Without either, the id is what it was before scripts could declare any ({@code
 * shop/V1/sha}). The file and description are left out: they say where the script came from, not
 * what it does.
 */
final class ScriptIdentity {
  private ScriptIdentity() {}

  static MessageId of(
      MigrationSetId set,
      ScriptKind kind,
      VersionId version,
      String sha256,
      List<String> allowedRowLoss,
      String replacedSha256) {
    String identity = set + "/" + kind.prefix() + version + "/" + sha256;
    if (!allowedRowLoss.isEmpty()) {
      identity += "/allows-row-loss=" + String.join(",", allowedRowLoss);
    }
    if (replacedSha256 != null) {
      identity += "/replaces=" + replacedSha256;
    }
    return MessageId.derivedFrom(identity);
  }
}
