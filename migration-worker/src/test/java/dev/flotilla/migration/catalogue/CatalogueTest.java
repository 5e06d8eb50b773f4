package dev.flotilla.migration.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.catalogue.Catalogue;
import dev.flotilla.contracts.catalogue.MigrationChain;
import dev.flotilla.contracts.catalogue.MigrationScript;
import dev.flotilla.contracts.catalogue.ScriptKind;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.migration.testing.TestSets;
import org.junit.jupiter.api.Test;

class CatalogueTest {
  private static final MigrationSetId GARAGE = TestSets.GARAGE;

  private final Catalogue catalogue = TestSets.garageCatalogue();

  @Test
  void answersTheChainFromV1UpToAVersion() {
    MigrationChain chain = catalogue.chain(GARAGE, VersionId.of(3)).orElseThrow();

    assertThat(chain.scripts())
        .extracting(MigrationScript::version)
        .containsExactly(VersionId.of(1), VersionId.of(2), VersionId.of(3));
    assertThat(chain.pendingAfter(VersionId.of(1)))
        .extracting(MigrationScript::version)
        .containsExactly(VersionId.of(2), VersionId.of(3));
    assertThat(chain.pendingAfter(VersionId.of(3))).isEmpty();
    assertThat(catalogue.chain(GARAGE, VersionId.of(0)).orElseThrow().scripts()).isEmpty();
  }

  @Test
  void aChainHasTheVersionsTheSetHasAndNoneToAnUnknownTarget() {
    Catalogue partial = new Catalogue();
    partial.add(TestSets.script(GARAGE, 1, ScriptKind.MIGRATE, "SELECT 1;"));
    partial.add(TestSets.script(GARAGE, 3, ScriptKind.MIGRATE, "SELECT 3;"));

    // Gaps are allowed, as in Flyway: the chain to V3 is V1, V3.
    assertThat(partial.chain(GARAGE, VersionId.of(3)).orElseThrow().versions())
        .containsExactly(VersionId.of(1), VersionId.of(3));
    assertThat(partial.chain(GARAGE, VersionId.of(2))).isEmpty();
    assertThat(partial.describeMissing(GARAGE, VersionId.of(2)))
        .isEqualTo("the catalogue of set 'garage' lacks V2 (its versions are V1, V3)");
    assertThat(partial.describeMissing(GARAGE, VersionId.of(6)))
        .isEqualTo("the catalogue of set 'garage' lacks V6 (its highest version is V3)");
    assertThat(catalogue.chain(GARAGE, VersionId.of(Integer.MAX_VALUE))).isEmpty();
  }

  @Test
  void knowsWhichSetsAndVersionsExist() {
    MigrationSetId other = MigrationSetId.of("other");

    assertThat(catalogue.knowsSet(GARAGE)).isTrue();
    assertThat(catalogue.knowsSet(other)).isFalse();
    assertThat(catalogue.knows(GARAGE, VersionId.of(5))).isTrue();
    assertThat(catalogue.knows(GARAGE, VersionId.of(6))).isFalse();
    assertThat(catalogue.describeMissing(other, VersionId.of(1)))
        .isEqualTo("the catalogue has no migration set 'other'");
  }

  @Test
  void listsItsSetsByNameAndEachSetsScriptsInVersionThenKindOrder() {
    MigrationSetId other = MigrationSetId.of("another");
    Catalogue two = new Catalogue();
    two.add(TestSets.script(GARAGE, 2, ScriptKind.UNDO, "SELECT 2;"));
    two.add(TestSets.script(other, 1, ScriptKind.MIGRATE, "SELECT 1;"));
    two.add(TestSets.script(GARAGE, 2, ScriptKind.MIGRATE, "SELECT 2;"));
    two.add(TestSets.script(GARAGE, 1, ScriptKind.VERIFY, "SELECT 1;"));
    two.add(TestSets.script(GARAGE, 1, ScriptKind.MIGRATE, "SELECT 1;"));

    assertThat(two.sets()).containsExactly(other, GARAGE);
    assertThat(two.scriptsOf(GARAGE))
        .extracting(script -> script.kind().prefix() + script.version())
        .containsExactly("V1", "C1", "V2", "U2");
    assertThat(two.scriptsOf(MigrationSetId.of("none"))).isEmpty();
  }

  @Test
  void answersUndoScriptsAndVerificationQueries() {
    assertThat(catalogue.undo(GARAGE, VersionId.of(4)))
        .hasValueSatisfying(u -> assertThat(u.sql()).contains("DROP VIEW"));
    assertThat(catalogue.undo(GARAGE, VersionId.of(5))).isEmpty();
    assertThat(catalogue.verifications(GARAGE, VersionId.of(3)))
        .extracting(MigrationScript::version)
        .containsExactly(VersionId.of(2), VersionId.of(3));
  }

  @Test
  void answersOnlyTheProbesOfTheVersionsACommandWouldApply() {
    catalogue.add(TestSets.script(GARAGE, 5, ScriptKind.PROBE, "SELECT 5 WHERE 0;"));

    assertThat(catalogue.probes(GARAGE, VersionId.of(2), VersionId.of(5)))
        .extracting(MigrationScript::version)
        .containsExactly(VersionId.of(3), VersionId.of(5));
    assertThat(catalogue.probes(GARAGE, VersionId.of(3), VersionId.of(5)))
        .extracting(MigrationScript::version)
        .containsExactly(VersionId.of(5));
    assertThat(catalogue.probes(GARAGE, VersionId.of(0), VersionId.of(2))).isEmpty();
    assertThat(catalogue.probes(GARAGE, VersionId.of(5), VersionId.of(5))).isEmpty();
    assertThat(catalogue.probes(GARAGE, VersionId.of(2), VersionId.of(9)))
        .extracting(MigrationScript::version)
        .containsExactly(VersionId.of(3), VersionId.of(5));
    assertThat(catalogue.probes(MigrationSetId.of("other"), VersionId.of(0), VersionId.of(5)))
        .isEmpty();
  }

  @Test
  void theLatestScriptForAVersionAndKindWins() {
    MigrationScript replacement = TestSets.script(GARAGE, 3, ScriptKind.MIGRATE, "SELECT 'new';");
    String before = catalogue.chain(GARAGE, VersionId.of(3)).orElseThrow().identity();

    catalogue.add(replacement);

    assertThat(catalogue.chain(GARAGE, VersionId.of(3)).orElseThrow().script(VersionId.of(3)))
        .isEqualTo(replacement);
    assertThat(catalogue.chain(GARAGE, VersionId.of(3)).orElseThrow().identity())
        .isNotEqualTo(before);
  }
}
