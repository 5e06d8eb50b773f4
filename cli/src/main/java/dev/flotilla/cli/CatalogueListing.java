package dev.flotilla.cli;

import dev.flotilla.contracts.catalogue.Catalogue;
import dev.flotilla.contracts.catalogue.MigrationScript;
import dev.flotilla.contracts.catalogue.ScriptKind;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.id.MigrationSetId;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What {@code flotilla migrations list} shows of the catalogue: per set, each version with the
 * kinds of script it has and what its V script is (description, SHA-256, whether it runs in the
 * per-device transaction, the tables it may lose rows from, its file), and every script a forced
 * push replaced with another text. Pure: the caller reads the topic.
 */
final class CatalogueListing {
  /** How many hex digits of a SHA-256 the table shows. */
  static final int SHORT_SHA = 12;

  /**
   * One version of a set; {@code migrate} is empty when only U, C or P scripts are known.
   *
   * @param replacing its scripts that a forced push published over another text
   */
  record Version(
      VersionId version,
      List<ScriptKind> kinds,
      Optional<MigrationScript> migrate,
      List<MigrationScript> replacing) {
    Version {
      kinds = List.copyOf(kinds);
      replacing = List.copyOf(replacing);
    }

    String scripts() {
      return String.join(" ", kinds.stream().map(ScriptKind::prefix).toList());
    }
  }

  record SetListing(MigrationSetId set, List<Version> versions) {
    SetListing {
      versions = List.copyOf(versions);
    }
  }

  private final List<SetListing> sets;

  private CatalogueListing(List<SetListing> sets) {
    this.sets = List.copyOf(sets);
  }

  /** Every set of {@code catalogue}, or only {@code only}. */
  static CatalogueListing of(Catalogue catalogue, Optional<MigrationSetId> only) {
    List<SetListing> sets = new ArrayList<>();
    for (MigrationSetId set : only.map(List::of).orElseGet(catalogue::sets)) {
      Map<VersionId, List<MigrationScript>> byVersion = new TreeMap<>();
      for (MigrationScript script : catalogue.scriptsOf(set)) {
        byVersion.computeIfAbsent(script.version(), v -> new ArrayList<>()).add(script);
      }
      List<Version> versions = new ArrayList<>();
      byVersion.forEach(
          (version, scripts) ->
              versions.add(
                  new Version(
                      version,
                      scripts.stream().map(MigrationScript::kind).toList(),
                      scripts.stream()
                          .filter(script -> script.kind() == ScriptKind.MIGRATE)
                          .findFirst(),
                      scripts.stream()
                          .filter(script -> script.replacedSha256() != null)
                          .toList())));
      sets.add(new SetListing(set, versions));
    }
    return new CatalogueListing(sets);
  }

  List<SetListing> sets() {
    return sets;
  }

  /** {@code messages, sessions}, or {@code any table} for {@code *}. */
  static String tables(List<String> allowedRowLoss) {
    return allowedRowLoss.contains(MigrationScript.ANY_TABLE)
        ? "any table"
        : String.join(", ", allowedRowLoss);
  }

  /** A table per set, for people. */
  String text() {
    if (sets.isEmpty()) {
      return "The catalogue is empty; push a set with `flotilla migrations push`."
          + System.lineSeparator();
    }
    StringBuilder text = new StringBuilder();
    for (SetListing set : sets) {
      if (text.length() > 0) {
        text.append(System.lineSeparator());
      }
      text.append("set ").append(set.set()).append(System.lineSeparator());
      int versionWidth = "version".length() + 1;
      int descriptionWidth = "description".length();
      for (Version version : set.versions()) {
        // Timestamps (20240605131359) are wider than the heading.
        versionWidth = Math.max(versionWidth, version.version().toString().length() + 1);
        descriptionWidth = Math.max(descriptionWidth, description(version).length());
      }
      String format =
          "  %-"
              + versionWidth
              + "s %-8s %-"
              + SHORT_SHA
              + "s  %-12s %-"
              + descriptionWidth
              + "s  %s";
      text.append(
              String.format(
                      format,
                      "version",
                      "scripts",
                      "sha256",
                      "transaction",
                      "description",
                      "may lose rows of")
                  .stripTrailing())
          .append(System.lineSeparator());
      for (Version version : set.versions()) {
        Optional<MigrationScript> v = version.migrate();
        text.append(
                String.format(
                        format,
                        version.version(),
                        version.scripts(),
                        v.map(script -> script.sha256().substring(0, SHORT_SHA)).orElse("-"),
                        v.map(script -> script.transactional() ? "yes" : "no").orElse("-"),
                        description(version),
                        v.map(script -> tables(script.allowedRowLoss())).orElse(""))
                    .stripTrailing())
            .append(System.lineSeparator());
      }
      for (Version version : set.versions()) {
        for (MigrationScript script : version.replacing()) {
          text.append("  ")
              .append(script.kind().prefix())
              .append(script.version())
              .append(script.file().isEmpty() ? "" : " " + script.file())
              .append(" was pushed with --force over another text: SHA-256 ")
              .append(script.replacedSha256(), 0, SHORT_SHA)
              .append(" replaced by ")
              .append(script.sha256(), 0, SHORT_SHA)
              .append(System.lineSeparator());
        }
      }
    }
    return text.toString();
  }

  /** The same as JSON, with whole SHA-256s: {@code {"sets": [{"set": ..., "versions": [...]}]}}. */
  JsonObject json() {
    JsonArray setsJson = new JsonArray();
    for (SetListing set : sets) {
      JsonArray versions = new JsonArray();
      for (Version version : set.versions()) {
        JsonObject entry =
            new JsonObject()
                .put("version", version.version().jsonValue())
                .put(
                    "scripts",
                    new JsonArray(version.kinds().stream().map(ScriptKind::prefix).toList()));
        Optional<MigrationScript> v = version.migrate();
        entry
            .put("description", v.map(MigrationScript::description).orElse(null))
            .put("sha256", v.map(MigrationScript::sha256).orElse(null))
            .put("transactional", v.map(MigrationScript::transactional).orElse(null))
            .put(
                "allowedRowLoss",
                new JsonArray(v.map(MigrationScript::allowedRowLoss).orElse(List.of())))
            .put("file", v.map(MigrationScript::file).filter(file -> !file.isEmpty()).orElse(null))
            .put("replaced", replaced(version));
        versions.add(entry);
      }
      setsJson.add(new JsonObject().put("set", set.set().value()).put("versions", versions));
    }
    return new JsonObject().put("sets", setsJson);
  }

  /** {@code [{"script": "V", "file": ..., "sha256": ..., "replacedSha256": ...}]}. */
  private static JsonArray replaced(Version version) {
    JsonArray replaced = new JsonArray();
    for (MigrationScript script : version.replacing()) {
      replaced.add(
          new JsonObject()
              .put("script", script.kind().prefix())
              .put("file", script.file().isEmpty() ? null : script.file())
              .put("sha256", script.sha256())
              .put("replacedSha256", script.replacedSha256()));
    }
    return replaced;
  }

  private static String description(Version version) {
    return version.migrate().map(MigrationScript::description).orElse("(no V script)");
  }
}
