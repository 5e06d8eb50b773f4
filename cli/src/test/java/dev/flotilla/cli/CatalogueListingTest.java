package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.catalogue.Catalogue;
import dev.flotilla.contracts.catalogue.MigrationScript;
import dev.flotilla.contracts.catalogue.ScriptKind;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.MigrationSetId;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CatalogueListingTest {
  private static final MigrationSetId SHOP = MigrationSetId.of("shop");
  private static final MigrationSetId ALPHA = MigrationSetId.of("alpha");
  private static final String SHA_A = "a".repeat(64);
  private static final String SHA_B = "b".repeat(64);

  private final Catalogue catalogue =
      Catalogue.of(
          List.of(
              script(SHOP, 2, ScriptKind.MIGRATE, "purge old orders", SHA_B, false, List.of("*")),
              script(SHOP, 1, ScriptKind.VERIFY, "", SHA_A, true, List.of()),
              script(SHOP, 1, ScriptKind.MIGRATE, "create orders", SHA_A, true, List.of()),
              script(SHOP, 2, ScriptKind.UNDO, "", SHA_A, true, List.of()),
              script(SHOP, 3, ScriptKind.PROBE, "", SHA_A, true, List.of()),
              script(ALPHA, 1, ScriptKind.MIGRATE, "base", SHA_A, true, List.of("b", "a"))));

  @Test
  void showsEachVersionOfEachSetInATable() {
    String text = CatalogueListing.of(catalogue, Optional.empty()).text();

    assertThat(text.lines().toList())
        .containsExactly(
            "set alpha",
            "  version  scripts  sha256        transaction  description  may lose rows of",
            "  1        V        aaaaaaaaaaaa  yes          base         a, b",
            "",
            "set shop",
            "  version  scripts  sha256        transaction  description       may lose rows of",
            "  1        V C      aaaaaaaaaaaa  yes          create orders",
            "  2        V U      bbbbbbbbbbbb  no           purge old orders  any table",
            "  3        P        -             -            (no V script)");
  }

  @Test
  void showsOneSetWhenAskedAndSaysWhenThereIsNothing() {
    assertThat(CatalogueListing.of(catalogue, Optional.of(ALPHA)).text())
        .doesNotContain("shop")
        .contains("set alpha");
    assertThat(CatalogueListing.of(new Catalogue(), Optional.empty()).text())
        .startsWith("The catalogue is empty");
  }

  @Test
  void theJsonHasTheSameFactsWithWholeChecksums() {
    JsonObject json = CatalogueListing.of(catalogue, Optional.of(SHOP)).json();

    assertThat(json)
        .isEqualTo(
            new JsonObject(
                """
                {"sets": [{"set": "shop", "versions": [
                  {"version": 1, "scripts": ["V", "C"], "description": "create orders",
                   "sha256": "%s", "transactional": true, "allowedRowLoss": [],
                   "file": null, "replaced": []},
                  {"version": 2, "scripts": ["V", "U"], "description": "purge old orders",
                   "sha256": "%s", "transactional": false, "allowedRowLoss": ["*"],
                   "file": null, "replaced": []},
                  {"version": 3, "scripts": ["P"], "description": null,
                   "sha256": null, "transactional": null, "allowedRowLoss": [],
                   "file": null, "replaced": []}]}]}
                """
                    .formatted(SHA_A, SHA_B)));
  }

  @Test
  void showsTheFileAndEveryScriptAForcedPushReplacedWithTheChecksumItReplaced() {
    Catalogue forced =
        Catalogue.of(
            List.of(
                pushed("20240601090000", ScriptKind.MIGRATE, "20240601090000_books.up.sql", null),
                pushed("20240605131359", ScriptKind.MIGRATE, "20240605131359_loans.up.sql", SHA_A),
                pushed("20240605131359", ScriptKind.UNDO, "20240605131359_loans.down.sql", SHA_A)));

    assertThat(CatalogueListing.of(forced, Optional.of(SHOP)).text().lines().toList())
        .containsExactly(
            "set shop",
            "  version         scripts  sha256        transaction  description  may lose rows of",
            "  20240601090000  V        bbbbbbbbbbbb  yes          loans",
            "  20240605131359  V U      bbbbbbbbbbbb  yes          loans",
            "  V20240605131359 20240605131359_loans.up.sql was pushed with --force over another"
                + " text: SHA-256 aaaaaaaaaaaa replaced by bbbbbbbbbbbb",
            "  U20240605131359 20240605131359_loans.down.sql was pushed with --force over another"
                + " text: SHA-256 aaaaaaaaaaaa replaced by bbbbbbbbbbbb");
    JsonObject v2 =
        CatalogueListing.of(forced, Optional.of(SHOP))
            .json()
            .getJsonArray("sets")
            .getJsonObject(0)
            .getJsonArray("versions")
            .getJsonObject(1);
    assertThat(v2.getString("version")).isEqualTo("20240605131359");
    assertThat(v2.getString("file")).isEqualTo("20240605131359_loans.up.sql");
    assertThat(v2.getJsonArray("replaced"))
        .isEqualTo(
            new JsonArray()
                .add(
                    new JsonObject()
                        .put("script", "V")
                        .put("file", "20240605131359_loans.up.sql")
                        .put("sha256", SHA_B)
                        .put("replacedSha256", SHA_A))
                .add(
                    new JsonObject()
                        .put("script", "U")
                        .put("file", "20240605131359_loans.down.sql")
                        .put("sha256", SHA_B)
                        .put("replacedSha256", SHA_A)));
  }

  private static MigrationScript pushed(
      String version, ScriptKind kind, String file, String replaced) {
    return new MigrationScript(
        MessageId.random(),
        Instant.EPOCH,
        SHOP,
        VersionId.parse(version),
        kind,
        "loans",
        "SELECT 1;",
        SHA_B,
        true,
        List.of(),
        file,
        replaced);
  }

  private static MigrationScript script(
      MigrationSetId set,
      int version,
      ScriptKind kind,
      String description,
      String sha256,
      boolean transactional,
      List<String> allowedRowLoss) {
    return new MigrationScript(
        MessageId.random(),
        Instant.EPOCH,
        set,
        VersionId.of(version),
        kind,
        description,
        "SELECT 1;",
        sha256,
        transactional,
        allowedRowLoss);
  }
}
