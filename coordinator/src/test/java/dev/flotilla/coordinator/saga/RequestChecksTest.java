package dev.flotilla.coordinator.saga;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.catalogue.Catalogue;
import dev.flotilla.contracts.catalogue.MigrationScript;
import dev.flotilla.contracts.catalogue.ScriptKind;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.request.RolloutPolicy;
import dev.flotilla.contracts.request.Selector;
import dev.flotilla.contracts.request.UpdateRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A request whose target is below a device's version is a downgrade: it needs the undo scripts. */
class RequestChecksTest {
  private static final DeviceId AT_FIVE = DeviceId.of("rv-1");
  private static final DeviceId AT_FOUR = DeviceId.of("rv-2");

  @Test
  void aDowngradeTheSetLacksUndoScriptsForIsRejectedNamingThem() {
    Catalogue catalogue = SagaScenario.catalogue(5);
    catalogue.add(undo(5));

    RequestChecks.Verdict verdict = RequestChecks.check(downTo(3), fleet(catalogue));

    assertThat(verdict.problems())
        .singleElement()
        .asString()
        .startsWith("targetVersion: V3 is below the version of 2 selected device(s)")
        .endsWith("taking them down needs undo scripts the set lacks: U4");
  }

  @Test
  void aDowngradeWithEveryUndoScriptIsAccepted() {
    Catalogue catalogue = SagaScenario.catalogue(5);
    catalogue.add(undo(4));
    catalogue.add(undo(5));

    assertThat(RequestChecks.check(downTo(3), fleet(catalogue)).problems()).isEmpty();
  }

  private static FleetSnapshot fleet(Catalogue catalogue) {
    return new FleetSnapshot(
        catalogue,
        Map.of(AT_FIVE, List.of(), AT_FOUR, List.of()),
        Map.of(),
        Map.of(AT_FIVE, VersionId.of(5), AT_FOUR, VersionId.of(4)));
  }

  private static UpdateRequest downTo(int version) {
    return new UpdateRequest(
        SagaScenario.ROLLOUT,
        SagaScenario.SET,
        VersionId.of(version),
        Selector.devices(List.of(AT_FIVE, AT_FOUR)),
        RolloutPolicy.DEFAULT,
        "ops@example.com",
        MessageId.random(),
        SagaScenario.T0);
  }

  private static MigrationScript undo(int version) {
    return new MigrationScript(
        MessageId.random(),
        SagaScenario.T0,
        SagaScenario.SET,
        VersionId.of(version),
        ScriptKind.UNDO,
        "undo " + version,
        "SELECT " + version + ";",
        "1".repeat(63) + version,
        true);
  }
}
