package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.codec.Samples;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.request.Approval;
import dev.flotilla.contracts.request.UpdateRequest;
import org.junit.jupiter.api.Test;

/** A dry run is the request rehearsed under an id of its own. */
class DryRunCommandTest {
  private final UpdateRequest request = (UpdateRequest) Samples.ALL.get(UpdateRequest.class);

  @Test
  void itRehearsesEveryDeviceWithoutWaitingForApprovalOrHalting() {
    UpdateRequest dryRun = DryRunCommand.rehearsalOf(request);

    assertThat(request.policy().approval()).isEqualTo(Approval.BETWEEN_WAVES);
    assertThat(dryRun.policy().dryRun()).isTrue();
    assertThat(dryRun.policy().approval()).isEqualTo(Approval.NONE);
    assertThat(dryRun.policy().failureThreshold()).isEqualTo(1.0);
    assertThat(dryRun.policy().waves()).isEqualTo(request.policy().waves());
    assertThat(dryRun.selector()).isEqualTo(request.selector());
    assertThat(dryRun.targetVersion()).isEqualTo(request.targetVersion());
    assertThat(dryRun.requestedBy()).isEqualTo(request.requestedBy());
  }

  @Test
  void itsIdIsTheRequestsOwnMadeFreshSoTheRealRunCanStillUseIt() {
    RolloutId id = DryRunCommand.rehearsalOf(request).rolloutId();

    assertThat(id.value()).startsWith(request.rolloutId().value() + ".dry-");
    RolloutId longest = RolloutId.of("r" + "x".repeat(127));
    assertThat(DryRunCommand.dryRunId(longest).value()).hasSize(128).contains(".dry-");
  }
}
