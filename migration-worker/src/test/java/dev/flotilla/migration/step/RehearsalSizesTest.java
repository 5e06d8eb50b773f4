package dev.flotilla.migration.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RehearsalSizesTest {
  @Test
  void aGrowingMigrationNeedsTheBackupTheWalAndTheGrowth() {
    RehearsalSizes sizes = new RehearsalSizes(150_000, 140_000, 200_000, 80_000);

    assertThat(sizes.growthBytes()).isEqualTo(60_000);
    assertThat(sizes.sizeAfterBytes()).isEqualTo(210_000);
    assertThat(sizes.diskNeededBytes()).isEqualTo(150_000 + 80_000 + 60_000);
  }

  @Test
  void aShrinkingMigrationNeedsTheBackupAndTheWalOnly() {
    RehearsalSizes sizes = new RehearsalSizes(150_000, 140_000, 100_000, 30_000);

    assertThat(sizes.sizeAfterBytes()).isEqualTo(110_000);
    assertThat(sizes.diskNeededBytes()).isEqualTo(150_000 + 30_000);
  }

  @Test
  void negativeSizesAreRefused() {
    assertThatThrownBy(() -> new RehearsalSizes(-1, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
