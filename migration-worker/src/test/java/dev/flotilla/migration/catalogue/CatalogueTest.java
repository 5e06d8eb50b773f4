package dev.flotilla.migration.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.catalogue.Catalogue;
import dev.flotilla.contracts.catalogue.MigrationChain;
import dev.flotilla.contracts.catalogue.MigrationScript;
import dev.flotilla.contracts.catalogue.ScriptKind;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.migration.testing.TestSets;
import org.junit.jupiter.api.Test;

class CatalogueTest {
  private static final MigrationSetId GARAGE = TestSets.GARAGE;

  private final Catalogue catalogue = TestSets.garageCatalogue();

  @Test
  void answersTheChainFromV1UpToAVersion() {
    MigrationChain chain = catalogue.chain(GARAGE, 3).orElseThrow();

    assertThat(chain.scripts()).extracting(MigrationScript::version).containsExactly(1, 2, 3);
    assertThat(chain.pendingAfter(1)).extracting(MigrationScript::version).containsExactly(2, 3);
    assertThat(chain.pendingAfter(3)).isEmpty();
    assertThat(catalogue.chain(GARAGE, 0).orElseThrow().scripts()).isEmpty();
  }

  @Test
  void hasNoChainWhenAnyVersionIsUnknown() {
    Catalogue partial = new Catalogue();
    partial.add(TestSets.script(GARAGE, 1, ScriptKind.MIGRATE, "SELECT 1;"));
    partial.add(TestSets.script(GARAGE, 3, ScriptKind.MIGRATE, "SELECT 3;"));

    assertThat(partial.chain(GARAGE, 3)).isEmpty();
    assertThat(partial.missingVersions(GARAGE, 6)).containsExactly("V2", "V4..V6");
    assertThat(partial.describeMissing(GARAGE, 4))
        .isEqualTo("the catalogue of set 'garage' lacks V2, V4");
    assertThat(catalogue.chain(GARAGE, Integer.MAX_VALUE)).isEmpty();
  }

  @Test
  void knowsWhichSetsAndVersionsExist() {
    MigrationSetId other = MigrationSetId.of("other");

    assertThat(catalogue.knowsSet(GARAGE)).isTrue();
    assertThat(catalogue.knowsSet(other)).isFalse();
    assertThat(catalogue.knows(GARAGE, 5)).isTrue();
    assertThat(catalogue.knows(GARAGE, 6)).isFalse();
    assertThat(catalogue.describeMissing(other, 1))
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
    assertThat(catalogue.undo(GARAGE, 4))
        .hasValueSatisfying(u -> assertThat(u.sql()).contains("DROP VIEW"));
    assertThat(catalogue.undo(GARAGE, 5)).isEmpty();
    assertThat(catalogue.verifications(GARAGE, 3))
        .extracting(MigrationScript::version)
        .containsExactly(2, 3);
  }

  @Test
  void answersOnlyTheProbesOfTheVersionsACommandWouldApply() {
    catalogue.add(TestSets.script(GARAGE, 5, ScriptKind.PROBE, "SELECT 5 WHERE 0;"));

    assertThat(catalogue.probes(GARAGE, 2, 5))
        .extracting(MigrationScript::version)
        .containsExactly(3, 5);
    assertThat(catalogue.probes(GARAGE, 3, 5))
        .extracting(MigrationScript::version)
        .containsExactly(5);
    assertThat(catalogue.probes(GARAGE, 0, 2)).isEmpty();
    assertThat(catalogue.probes(GARAGE, 5, 5)).isEmpty();
    assertThat(catalogue.probes(GARAGE, 2, 9))
        .extracting(MigrationScript::version)
        .containsExactly(3, 5);
    assertThat(catalogue.probes(MigrationSetId.of("other"), 0, 5)).isEmpty();
  }

  @Test
  void theLatestScriptForAVersionAndKindWins() {
    MigrationScript replacement = TestSets.script(GARAGE, 3, ScriptKind.MIGRATE, "SELECT 'new';");
    String before = catalogue.chain(GARAGE, 3).orElseThrow().identity();

    catalogue.add(replacement);

    assertThat(catalogue.chain(GARAGE, 3).orElseThrow().script(3)).isEqualTo(replacement);
    assertThat(catalogue.chain(GARAGE, 3).orElseThrow().identity()).isNotEqualTo(before);
  }
}
