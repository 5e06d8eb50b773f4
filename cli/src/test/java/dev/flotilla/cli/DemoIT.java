package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code flotilla demo} as the README runs it: its own broker, the four services, a fleet with
 * driving devices and a damaged one. It must end with every healthy device at version 5.
 */
class DemoIT {
  private static final Pattern DRIVING = Pattern.compile("driving \\(.*\\): \\[(.*)]");

  @TempDir Path work;

  @Test
  void theDemoMigratesEveryHealthyDeviceWaitsForDriversAndSkipsTheDamagedOne() throws Exception {
    ServiceProcesses jar = new ServiceProcesses(work.resolve("logs"), Map.of());
    Path demoDir = work.resolve("demo");

    var result =
        jar.run(
            Map.of(),
            "demo",
            "--devices",
            "20",
            "--driving-percent",
            "20",
            "--http-port",
            "0",
            "--work-dir",
            demoDir.toString(),
            "--exit-when-done");

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output())
        .contains("Every healthy device is at version 5")
        .containsPattern("skipped \\(not safe\\), untouched\\s+1")
        .containsPattern("rv-0020\\s+SKIPPED\\s+safety-check: corrupt-database");
    Path fleet = demoDir.resolve("fleet");
    List<String> drivers = drivers(result.output());
    assertThat(drivers).hasSize(4);
    for (String device : drivers) {
      assertThat(DeviceFiles.version(fleet.resolve(device + ".db"))).as(device).isEqualTo(5);
    }
    try (Stream<Path> files = Files.list(fleet)) {
      List<Path> healthy =
          files
              .filter(f -> f.getFileName().toString().matches("rv-\\d{4}\\.db"))
              .filter(f -> !f.getFileName().toString().equals("rv-0020.db"))
              .toList();
      assertThat(healthy).hasSize(19);
      for (Path db : healthy) {
        assertThat(DeviceFiles.version(db)).as("%s", db).isEqualTo(5);
        assertThat(DeviceFiles.integrity(db)).as("%s", db).isEqualTo("ok");
      }
    }
    assertThat(DeviceFiles.version(fleet.resolve("rv-0020.db"))).isEqualTo(2);
  }

  private static List<String> drivers(String output) {
    Matcher matcher = DRIVING.matcher(output);
    assertThat(matcher.find()).as("the demo names its driving devices:%n%s", output).isTrue();
    return new ArrayList<>(Arrays.asList(matcher.group(1).split(",\\s*")));
  }
}
