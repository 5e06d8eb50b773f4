package dev.flotilla.devicedb.foreign;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FlywayChecksumTest {
  @Test
  void isTheStandardCrc32CheckValueAsASignedInt() {
    // CRC-32 (ISO-HDLC, java.util.zip.CRC32) of "123456789" is 0xCBF43926, the check value the
    // CRC catalogues publish; Flyway keeps (int) crc32.getValue(), so it stores it negative.
    assertThat(FlywayChecksum.of("123456789")).isEqualTo(0xCBF43926).isEqualTo(-873187034);
  }

  @Test
  void ignoresLineEndingsAndALeadingByteOrderMarkAsFlywayDoes() {
    // Reference computed with Python: zlib.crc32 over the lines' UTF-8 bytes without line endings,
    // BOM dropped from the first line (ChecksumCalculator + BomFilter), signed: 159801889.
    String lf =
        "CREATE TABLE users (\n  id INTEGER PRIMARY KEY,\n  name TEXT NOT NULL -- café\n);\n";
    String bomCrlf =
        "\uFEFFCREATE TABLE users (\r\n  id INTEGER PRIMARY KEY,\r\n  name TEXT NOT NULL -- café\r\n);\r\n";
    String oldMac =
        "CREATE TABLE users (\r  id INTEGER PRIMARY KEY,\r  name TEXT NOT NULL -- café\r);";

    assertThat(FlywayChecksum.of(lf)).isEqualTo(159801889);
    assertThat(FlywayChecksum.of(bomCrlf)).isEqualTo(159801889);
    assertThat(FlywayChecksum.of(oldMac)).isEqualTo(159801889);
  }

  @Test
  void countsABomOnlyAtTheStartAndEveryOtherCharacter() {
    assertThat(FlywayChecksum.of("SELECT 1;\n\uFEFFSELECT 2;"))
        .isNotEqualTo(FlywayChecksum.of("SELECT 1;\nSELECT 2;"));
    assertThat(FlywayChecksum.of("SELECT 1; ")).isNotEqualTo(FlywayChecksum.of("SELECT 1;"));
    assertThat(FlywayChecksum.of("")).isZero();
  }

  @Test
  void matchesTheChecksumsOfTheFixtureScripts() {
    assertThat(FlywayChecksum.of(ForeignFixtures.CREATE_USERS))
        .isEqualTo(ForeignFixtures.FLYWAY_CREATE_USERS);
    assertThat(FlywayChecksum.of(ForeignFixtures.ADD_EMAIL))
        .isEqualTo(ForeignFixtures.FLYWAY_ADD_EMAIL);
    assertThat(FlywayChecksum.of(ForeignFixtures.CREATE_ORDERS))
        .isEqualTo(ForeignFixtures.FLYWAY_CREATE_ORDERS);
    assertThat(FlywayChecksum.of(ForeignFixtures.DROP_ORDERS))
        .isEqualTo(ForeignFixtures.FLYWAY_DROP_ORDERS);
  }
}
