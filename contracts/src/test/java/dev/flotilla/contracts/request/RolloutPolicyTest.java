package dev.flotilla.contracts.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.contracts.InvalidMessageException;
import org.junit.jupiter.api.Test;

class RolloutPolicyTest {
  @Test
  void deviceStateOlderThanFiveMinutesCountsAsUnknownByDefault() {
    assertThat(RolloutPolicy.DEFAULT.maxStateAgeSeconds()).isEqualTo(300);
  }

  @Test
  void changingOneFieldKeepsTheOthers() {
    RolloutPolicy policy =
        RolloutPolicy.DEFAULT
            .withLockWaitSeconds(45)
            .withMaxStateAgeSeconds(120)
            .withSafetyRetry(2, 600)
            .withMaxInFlight(7);

    assertThat(policy.lockWaitSeconds()).isEqualTo(45);
    assertThat(policy.maxStateAgeSeconds()).isEqualTo(120);
    assertThat(policy.safetyRetrySeconds()).isEqualTo(2);
    assertThat(policy.safetyGiveUpSeconds()).isEqualTo(600);
    assertThat(policy.maxInFlight()).isEqualTo(7);
  }

  @Test
  void existingDatabasesAreAdoptedUnlessThePolicySaysNo() {
    RolloutPolicy off = RolloutPolicy.DEFAULT.withAdoptExisting(false);

    assertThat(RolloutPolicy.DEFAULT.adoptExisting()).isTrue();
    assertThat(off.withMaxInFlight(3).withSafetyRetry(2, 600).adoptExisting()).isFalse();
    assertThat(off.withAdoptExisting(true).adoptExisting()).isTrue();
  }

  @Test
  void aPolicyWrittenBeforeAdoptionAdopts() {
    RolloutPolicy older =
        new RolloutPolicy(null, null, null, null, null, null, null, null, null, null, null, null);

    assertThat(older.adoptExisting()).isTrue();
  }

  @Test
  void aStateAgeBelowOneSecondIsRefused() {
    assertThatThrownBy(() -> RolloutPolicy.DEFAULT.withMaxStateAgeSeconds(0))
        .isInstanceOf(InvalidMessageException.class)
        .hasMessageContaining("maxStateAgeSeconds");
  }
}
