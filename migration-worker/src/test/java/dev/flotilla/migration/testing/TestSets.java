package dev.flotilla.migration.testing;

import dev.flotilla.contracts.catalogue.Catalogue;
import dev.flotilla.contracts.catalogue.MigrationScript;
import dev.flotilla.contracts.catalogue.ScriptKind;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.migration.catalogue.MigrationFolder;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/** The migration sets of the tests, from {@code src/test/resources/sets}. */
public final class TestSets {
  /** V1..V5; U2..U4; C2..C4; P3; V5 is a {@code VACUUM} that runs outside any transaction. */
  public static final MigrationSetId GARAGE = MigrationSetId.of("garage");

  /**
   * V1..V6 over a large table ({@link Telemetry}); U2..U4; V5 is a {@code VACUUM} that runs outside
   * any transaction.
   */
  public static final MigrationSetId TELEMETRY = MigrationSetId.of("telemetry");

  private TestSets() {}

  public static Path folder(String name) {
    try {
      return Path.of(TestSets.class.getResource("/sets/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  public static List<MigrationScript> garage() {
    return MigrationFolder.read(GARAGE, folder("garage"));
  }

  public static Catalogue garageCatalogue() {
    return Catalogue.of(garage());
  }

  public static Catalogue telemetryCatalogue() {
    return Catalogue.of(telemetry());
  }

  public static List<MigrationScript> telemetry() {
    return MigrationFolder.read(TELEMETRY, folder("telemetry"));
  }

  /** A script made up in a test. */
  public static MigrationScript script(
      MigrationSetId set, int version, ScriptKind kind, String sql) {
    return new MigrationScript(
        MessageId.random(),
        Instant.now(),
        set,
        VersionId.of(version),
        kind,
        "made up " + kind.prefix() + version,
        sql,
        sha256(sql),
        true);
  }

  /** A script made up in a test, with how it runs and the tables it may lose rows from. */
  public static MigrationScript script(
      MigrationSetId set,
      int version,
      ScriptKind kind,
      String sql,
      boolean transactional,
      List<String> allowedRowLoss) {
    return new MigrationScript(
        MessageId.random(),
        Instant.now(),
        set,
        VersionId.of(version),
        kind,
        "made up " + kind.prefix() + version,
        sql,
        sha256(sql),
        transactional,
        allowedRowLoss);
  }

  public static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
