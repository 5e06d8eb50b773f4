package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --fleet-layout} and {@code FLOTILLA_FLEET_LAYOUT} as an operator meets them: the commands
 * that read a fleet folder see it laid out as the workers do, and a bad pattern is one line, exit
 * 2.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FleetLayoutOptionIT {
  private static final String NESTED = "tenants/{device}/app.sqlite3";

  @TempDir static Path work;
  private Path fleet;
  private Path backups;
  private ServiceProcesses jar;

  @BeforeAll
  void setUp() throws Exception {
    fleet = Files.createDirectories(work.resolve("fleet"));
    backups = Files.createDirectories(work.resolve("backups"));
    jar = new ServiceProcesses(work.resolve("logs"), Map.of());
  }

  @AfterAll
  void tearDown() {
    jar.close();
  }

  @Test
  void sweepFindsAnInterruptedRestoreOfANestedDatabaseOnlyThroughTheLayout() throws Exception {
    Path tenant = Files.createDirectories(fleet.resolve("tenants/t1"));
    Files.writeString(tenant.resolve("app.sqlite3"), "live");
    Path leftover = Files.writeString(tenant.resolve(".app.sqlite3.restore.tmp"), "half");
    Files.setLastModifiedTime(leftover, FileTime.from(Instant.now().minus(Duration.ofDays(2))));

    var blind = sweep(Map.of());
    assertThat(blind.exitCode()).as(blind.output()).isZero();
    assertThat(leftover).exists();

    var seeing = sweep(Map.of(), "--fleet-layout", NESTED);
    assertThat(seeing.exitCode()).as(seeing.output()).isZero();
    assertThat(seeing.output()).contains("deleted " + leftover);
    assertThat(leftover).doesNotExist();
    assertThat(tenant.resolve("app.sqlite3")).hasContent("live");
  }

  @Test
  void sweepTakesTheLayoutFromTheVariableWhenNoOptionIsGiven() throws Exception {
    Path tenant = Files.createDirectories(fleet.resolve("tenants/t2"));
    Files.writeString(tenant.resolve("app.sqlite3"), "live");
    Path leftover = Files.writeString(tenant.resolve(".app.sqlite3.restore.tmp"), "half");
    Files.setLastModifiedTime(leftover, FileTime.from(Instant.now().minus(Duration.ofDays(2))));

    var result = sweep(Map.of(FleetLayoutOption.FLEET_LAYOUT, NESTED));

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(leftover).doesNotExist();
  }

  @Test
  void aBadLayoutOptionIsAOneLineErrorNamingTheOption() throws Exception {
    var result = sweep(Map.of(), "--fleet-layout", "/srv/{device}.db");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.output()).contains("--fleet-layout").contains("absolute");
    assertThat(result.output()).doesNotContain("\tat ");
  }

  @Test
  void aBadLayoutVariableStopsSimulateDevicesWithALineNamingTheVariable() throws Exception {
    var result =
        jar.run(
            Map.of(FleetLayoutOption.FLEET_LAYOUT, "tenants/app.sqlite3"),
            "simulate-devices",
            "--fleet-dir",
            fleet.toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.output()).contains(FleetLayoutOption.FLEET_LAYOUT).contains("no {device}");
    assertThat(result.output()).doesNotContain("\tat ");
  }

  @Test
  void simulateDevicesFindsNoDeviceInANestedFleetUnderTheDefaultLayout() throws Exception {
    Files.createDirectories(fleet.resolve("tenants/t3"));
    Files.writeString(fleet.resolve("tenants/t3/app.sqlite3"), "live");

    var result = jar.run(Map.of(), "simulate-devices", "--fleet-dir", fleet.toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.output()).contains("holds no device database");
  }

  private ServiceProcesses.Result sweep(Map<String, String> env, String... extra) throws Exception {
    String[] args = new String[6 + extra.length];
    String[] base = {
      "backups", "sweep", "--backup-dir", backups.toString(), "--fleet-dir", fleet.toString()
    };
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return jar.run(env, args);
  }
}
