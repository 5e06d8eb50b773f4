package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.devkit.DemoFleet;
import dev.flotilla.testsupport.DeviceFiles;
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
 * driving devices, a damaged one and devices whose application keeps writing. It must end with
 * every healthy device at version 5 and every reading the writers committed still there.
 */
class DemoIT {
  private static final Pattern DRIVING = Pattern.compile("driving \\(.*\\): \\[(.*)]");
  private static final Pattern WRITING =
      Pattern.compile("(\\d+) devices keep writing while they migrate \\(.*\\): (.*)");

  @TempDir Path work;

  @Test
  void theDemoMigratesEveryHealthyDeviceWaitsForDriversSkipsTheDamagedOneAndKeepsTheWrites()
      throws Exception {
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
        assertThat(DeviceFiles.integrityCheck(db)).as("%s", db).containsExactly("ok");
      }
    }
    assertThat(DeviceFiles.version(fleet.resolve("rv-0020.db"))).isEqualTo(2);

    // 10 % of 20, rounded up; neither the damaged device nor a driver.
    List<String> writers = writers(result.output());
    assertThat(writers).hasSize(2).doesNotContain("rv-0020").doesNotContainAnyElementsOf(drivers);
    assertThat(result.output())
        .contains("every reading the writing devices committed is there once");
    // The same seed generates the same rows again: what the writers added is the difference.
    Path pristine = work.resolve("pristine");
    DemoFleet.generate(pristine, 20, 42);
    for (String device : writers) {
      Matcher report =
          Pattern.compile(
                  device
                      + "\\s+DONE, at version 5\\s+(\\d+) rows written, (\\d+) writes failed,"
                      + " longest write \\d+ ms; every committed row is there once")
              .matcher(result.output());
      assertThat(report.find()).as("the report of %s:%n%s", device, result.output()).isTrue();
      long written = Long.parseLong(report.group(1));
      // A reading every 10 ms for the whole rollout, which takes seconds.
      assertThat(written).as(device).isGreaterThan(200);
      long added =
          DeviceFiles.rowCounts(fleet.resolve(device + ".db")).get("climate_readings")
              - DeviceFiles.rowCounts(pristine.resolve(device + ".db")).get("climate_readings");
      assertThat(added).as("readings %s added", device).isEqualTo(written);
    }
  }

  private static List<String> writers(String output) {
    Matcher matcher = WRITING.matcher(output);
    assertThat(matcher.find()).as("the demo names its writing devices:%n%s", output).isTrue();
    List<String> devices = Arrays.asList(matcher.group(2).trim().split(",\\s*"));
    assertThat(devices).hasSize(Integer.parseInt(matcher.group(1)));
    return devices;
  }

  private static List<String> drivers(String output) {
    Matcher matcher = DRIVING.matcher(output);
    assertThat(matcher.find()).as("the demo names its driving devices:%n%s", output).isTrue();
    return new ArrayList<>(Arrays.asList(matcher.group(1).split(",\\s*")));
  }
}
