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
  }
}
