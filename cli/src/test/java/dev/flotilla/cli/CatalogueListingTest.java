package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.catalogue.Catalogue;
import dev.flotilla.contracts.catalogue.MigrationScript;
import dev.flotilla.contracts.catalogue.ScriptKind;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.MigrationSetId;
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
                   "sha256": "%s", "transactional": true, "allowedRowLoss": []},
                  {"version": 2, "scripts": ["V", "U"], "description": "purge old orders",
                   "sha256": "%s", "transactional": false, "allowedRowLoss": ["*"]},
                  {"version": 3, "scripts": ["P"], "description": null,
                   "sha256": null, "transactional": null, "allowedRowLoss": []}]}]}
                """
                    .formatted(SHA_A, SHA_B)));
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
