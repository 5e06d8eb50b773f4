package dev.flotilla.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {
  private static final Path HOME = Path.of("/tmp/bench-home");

  @Test
  void withoutOptionsTheBenchMeasuresEverythingOn100DevicesIn3Rounds() {
    BenchOptions options = BenchOptions.parse(new String[0], HOME);

    assertThat(options.devices()).isEqualTo(100);
    assertThat(options.rounds()).isEqualTo(3);
    assertThat(options.warmupDevices()).isEqualTo(30);
    assertThat(options.variants()).containsExactly("bare", "flyway", "flotilla", "safe");
    assertThat(options.endToEnd()).isTrue();
    assertThat(options.maxInFlight()).isEqualTo(50);
    assertThat(options.workDir()).isEqualTo(HOME.resolve("bench-work"));
    assertThat(options.out()).isEqualTo(HOME.resolve("bench-results.json"));
  }

  @Test
  void theWarmUpNeverExceedsTheFleet() {
    BenchOptions options = BenchOptions.parse(new String[] {"--devices", "7"}, HOME);

    assertThat(options.warmupDevices()).isEqualTo(7);
  }

  @Test
  void variantsAreChosenByKey() {
    BenchOptions options =
        BenchOptions.parse(new String[] {"--variants", "Flyway, safe", "--no-end-to-end"}, HOME);

    assertThat(options.variants()).isEqualTo(List.of("flyway", "safe"));
    assertThat(options.endToEnd()).isFalse();
  }

  @Test
  void fullSizesEverySuiteAsTheTargetsAreStatedAndLaterOptionsOverrideIt() {
    BenchOptions options =
        BenchOptions.parse(new String[] {"--full", "--restart", "20000", "--sizes", "50"}, HOME);

    assertThat(options.devices()).isEqualTo(1000);
    assertThat(options.sizes()).containsExactly(50);
    assertThat(options.suites().orchestration()).containsExactly(1000, 10000);
    assertThat(options.suites().restartDevices()).isEqualTo(20000);
    assertThat(options.suites().replayEvents()).isEqualTo(1_000_000);
    assertThat(options.suites().sseClients()).isEqualTo(1000);
    assertThat(options.suites().backupMegabytes()).isEqualTo(1024);
    assertThat(options.suites().stepDevices()).isEqualTo(100);
  }

  @Test
  void withoutOptionsNoSuiteRunsAndASuiteAloneIsSomethingToMeasure() {
    assertThat(BenchOptions.parse(new String[0], HOME).suites().any()).isFalse();

    BenchOptions options =
        BenchOptions.parse(
            new String[] {"--variants", "", "--no-end-to-end", "--backup-mb", "5"}, HOME);

    assertThat(options.suites().any()).isTrue();
    assertThat(options.suites().needBroker()).isFalse();
  }

  @Test
  void badOptionsAreRefusedWithTheReason() {
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--devices", "0"}, HOME))
        .hasMessageContaining("--devices must be at least 1");
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--rounds", "many"}, HOME))
        .hasMessageContaining("--rounds takes a whole number");
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--variants", "liquibase"}, HOME))
        .hasMessageContaining("unknown variant 'liquibase'");
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--devices"}, HOME))
        .hasMessageContaining("--devices needs a value");
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--fast"}, HOME))
        .hasMessageContaining("unknown option '--fast'");
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--sizes", "100,0"}, HOME))
        .hasMessageContaining("--sizes takes fleet sizes of at least 1");
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--restart", "-1"}, HOME))
        .hasMessageContaining("cannot be negative");
  }
}
