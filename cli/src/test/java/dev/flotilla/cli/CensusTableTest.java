package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.migration.census.Census;
import dev.flotilla.migration.census.DeviceCensus;
import java.util.List;
import org.junit.jupiter.api.Test;

class CensusTableTest {
  @Test
  void aLinePerDeviceWithWhatItsVersionRestsOnThenTheCounts() {
    Census census =
        new Census(
            MigrationSetId.of("library"),
            List.of(
                DeviceCensus.tracked(DeviceId.of("rv-0001"), VersionId.of(5)),
                DeviceCensus.adoptable(
                    DeviceId.of("rv-0002"),
                    VersionId.of(3),
                    "schema matches V3 of set library; flyway_schema_history says 3"),
                DeviceCensus.unknown(
                    DeviceId.of("rv-0003"),
                    VersionId.of(3),
                    List.of("unexpected table notes"),
                    "schema matches no version of set library; closest is V3 (1 difference)"),
                DeviceCensus.drift(
                    DeviceId.of("rv-0004"),
                    VersionId.of(5),
                    List.of("V2 is missing from the history")),
                DeviceCensus.unreadable(DeviceId.of("rv-0005"), "file is not a database")));

    assertThat(CensusTable.text(census).lines())
        .containsExactly(
            "set library: 5 devices",
            "  device   version  status          why",
            "  rv-0001  V5       tracked",
            "  rv-0002  V3       adoptable       schema matches V3 of set library;"
                + " flyway_schema_history says 3",
            "  rv-0003  -        unknown-schema  schema matches no version of set library; closest"
                + " is V3 (1 difference); differences from V3: unexpected table notes",
            "  rv-0004  V5       drift           V2 is missing from the history",
            "  rv-0005  -        unreadable      file is not a database",
            "devices per version: V3: 1, V5: 2",
            "devices per status: tracked: 1, adoptable: 1, unknown-schema: 1, drift: 1,"
                + " unreadable: 1");
  }

  @Test
  void anEmptyFleetSaysSo() {
    assertThat(CensusTable.text(new Census(MigrationSetId.of("library"), List.of())))
        .isEqualToIgnoringNewLines("set library: 0 devices");
  }
}
