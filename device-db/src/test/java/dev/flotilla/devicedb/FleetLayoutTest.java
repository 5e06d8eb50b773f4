package dev.flotilla.devicedb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.contracts.id.DeviceId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FleetLayoutTest {
  private static final DeviceId T1 = DeviceId.of("t1");
  private static final DeviceId T2 = DeviceId.of("t2");

  @TempDir Path fleet;

  @Test
  void theDefaultIsTodaysDeviceDotDbInTheFolder() {
    assertThat(FleetLayout.DEFAULT.pattern()).isEqualTo("{device}.db");
    assertThat(FleetLayout.DEFAULT.pathOf(fleet, T1)).isEqualTo(fleet.resolve("t1.db"));
    assertThat(DeviceFile.in(fleet, T1).path()).isEqualTo(fleet.resolve("t1.db"));
  }

  @Test
  void aNestedPatternPutsEachDeviceInItsOwnFolderWithAnyExtension() {
    FleetLayout layout = FleetLayout.parse("tenants/{device}/app.sqlite3");

    assertThat(layout.pathOf(fleet, T1)).isEqualTo(fleet.resolve("tenants/t1/app.sqlite3"));
    assertThat(layout.depth()).isEqualTo(3);
    assertThat(FleetLayout.parse("db-{device}.db3").pathOf(fleet, T1))
        .isEqualTo(fleet.resolve("db-t1.db3"));
  }

  @Test
  void thePatternReadsBackwardsForDatabasesOnly() {
    FleetLayout layout = FleetLayout.parse("tenants/{device}/app.sqlite3");

    assertThat(layout.deviceOf(Path.of("tenants/t1/app.sqlite3"))).contains(T1);
    assertThat(layout.deviceOf(Path.of("tenants/t1/app.sqlite3-wal"))).isEmpty();
    assertThat(layout.deviceOf(Path.of("tenants/t1/other.sqlite3"))).isEmpty();
    assertThat(layout.deviceOf(Path.of("others/t1/app.sqlite3"))).isEmpty();
    assertThat(layout.deviceOf(Path.of("tenants/.hidden/app.sqlite3"))).isEmpty();
    assertThat(layout.deviceOf(Path.of("tenants/t1/deeper/app.sqlite3"))).isEmpty();
    assertThat(FleetLayout.DEFAULT.deviceOf(Path.of(".db"))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "/srv/{device}.db",
        "../{device}.db",
        "a/../{device}.db",
        "./{device}.db",
        "a//{device}.db",
        "{device}/{device}.db",
        "{device}{device}.db",
        "app.db",
        "{dev}.db",
        "{device}.db-wal",
        "a\\{device}.db"
      })
  void aPatternThatCouldMisplaceADatabaseIsRefused(String pattern) {
    assertThatThrownBy(() -> FleetLayout.parse(pattern))
        .isInstanceOf(InvalidLayoutException.class)
        .hasMessageContaining(pattern.isEmpty() ? "empty" : "");
  }

  @Test
  void listingWalksOnlyAsDeepAsThePattern() throws IOException {
    FleetLayout layout = FleetLayout.parse("tenants/{device}/app.sqlite3");
    touch("tenants/t2/app.sqlite3");
    touch("tenants/t1/app.sqlite3");
    touch("tenants/t1/app.sqlite3-wal");
    touch("tenants/t3/notes.txt");
    touch("tenants/t4/deeper/app.sqlite3");
    touch("app.sqlite3");
    Files.createDirectories(fleet.resolve("tenants/t5/app.sqlite3"));

    assertThat(layout.list(fleet)).isEqualTo(List.of(T1, T2));
  }

  @Test
  void aLinkedDatabaseIsFollowedToTheFileItPointsTo() throws IOException {
    FleetLayout layout = FleetLayout.parse("{device}/db.sqlite3");
    Path real = touch("store/t1-real.sqlite3");
    Files.createDirectories(fleet.resolve("t1"));
    Files.createSymbolicLink(fleet.resolve("t1/db.sqlite3"), Path.of("../store/t1-real.sqlite3"));

    DeviceFile file = DeviceFile.in(fleet, layout, T1);

    assertThat(file.path()).isEqualTo(real.toRealPath());
    assertThat(file.wal()).isEqualTo(real.toRealPath().resolveSibling("t1-real.sqlite3-wal"));
    assertThat(layout.list(fleet)).containsExactly(T1);
  }

  @Test
  void aLinkLeadingOutsideTheFleetFolderIsRefused(@TempDir Path elsewhere) throws IOException {
    Path outside = Files.writeString(elsewhere.resolve("secret.db"), "");
    Files.createSymbolicLink(fleet.resolve("t1.db"), outside);

    assertThatThrownBy(() -> DeviceFile.in(fleet, FleetLayout.DEFAULT, T1))
        .isInstanceOf(OutsideFleetException.class)
        .hasMessageContaining("leads outside the fleet folder");
    assertThat(FleetLayout.DEFAULT.list(fleet)).isEmpty();
  }

  @Test
  void aMissingDatabaseIsWhereThePatternSays() {
    FleetLayout layout = FleetLayout.parse("tenants/{device}/app.sqlite3");

    DeviceFile file = DeviceFile.in(fleet, layout, T1);

    assertThat(file.exists()).isFalse();
    assertThat(file.path()).isEqualTo(fleet.toAbsolutePath().resolve("tenants/t1/app.sqlite3"));
  }

  private Path touch(String relative) throws IOException {
    Path file = fleet.resolve(relative);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, "");
  }
}
