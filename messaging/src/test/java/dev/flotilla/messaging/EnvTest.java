package dev.flotilla.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvTest {
  @TempDir Path temp;

  @Test
  void aMissingRequiredVariableIsNamedInOneLine() {
    assertThatThrownBy(() -> Env.of(Map.of()).required("FLOTILLA_FLEET_DIR"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("FLOTILLA_FLEET_DIR is not set");
  }

  @Test
  void aBlankVariableCountsAsNotSet() {
    Env env = Env.of(Map.of("FLOTILLA_FLEET_DIR", "  "));
    assertThat(env.optional("FLOTILLA_FLEET_DIR")).isEmpty();
    assertThatThrownBy(() -> env.required("FLOTILLA_FLEET_DIR"))
        .hasMessage("FLOTILLA_FLEET_DIR is not set");
  }

  @Test
  void valuesAreTrimmed() {
    assertThat(Env.of(Map.of("FLOTILLA_X", " value ")).required("FLOTILLA_X")).isEqualTo("value");
  }

  @Test
  void aPortThatIsNotANumberIsRejectedWithTheValue() {
    assertThatThrownBy(
            () -> Env.of(Map.of("FLOTILLA_HTTP_PORT", "abc")).port("FLOTILLA_HTTP_PORT", 8080))
        .isInstanceOf(ConfigException.class)
        .hasMessage("FLOTILLA_HTTP_PORT must be a port number (0-65535), got 'abc'");
  }

  @Test
  void aPortOutOfRangeIsRejected() {
    assertThatThrownBy(
            () -> Env.of(Map.of("FLOTILLA_HTTP_PORT", "65536")).port("FLOTILLA_HTTP_PORT", 1))
        .hasMessage("FLOTILLA_HTTP_PORT must be a port number (0-65535), got '65536'");
    assertThatThrownBy(
            () -> Env.of(Map.of("FLOTILLA_HTTP_PORT", "-1")).port("FLOTILLA_HTTP_PORT", 1))
        .hasMessage("FLOTILLA_HTTP_PORT must be a port number (0-65535), got '-1'");
  }

  @Test
  void aPortDefaultsWhenAbsentAndIsReadWhenPresent() {
    assertThat(Env.of(Map.of()).port("FLOTILLA_HTTP_PORT", 8080)).isEqualTo(8080);
    assertThat(Env.of(Map.of("FLOTILLA_HTTP_PORT", "0")).port("FLOTILLA_HTTP_PORT", 8080)).isZero();
    assertThat(Env.of(Map.of("FLOTILLA_HTTP_PORT", "65535")).port("FLOTILLA_HTTP_PORT", 8080))
        .isEqualTo(65535);
  }

  @Test
  void aMissingDirectoryIsCreated() {
    Path wanted = temp.resolve("data/nested");
    Path dir =
        Env.of(Map.of("FLOTILLA_DATA_DIR", wanted.toString())).directory("FLOTILLA_DATA_DIR");
    assertThat(dir).isDirectory().isEqualTo(wanted.toAbsolutePath());
  }

  @Test
  void aDirectoryThatIsAFileIsRejected() throws Exception {
    Path file = Files.writeString(temp.resolve("plain.txt"), "not a directory");
    assertThatThrownBy(
            () ->
                Env.of(Map.of("FLOTILLA_DATA_DIR", file.toString())).directory("FLOTILLA_DATA_DIR"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("FLOTILLA_DATA_DIR must be a directory, but '" + file + "' is a file");
  }

  @Test
  void aDirectoryThatCannotBeCreatedIsRejectedNamingTheVariable() throws Exception {
    Path file = Files.writeString(temp.resolve("plain.txt"), "not a directory");
    Path below = file.resolve("sub");
    assertThatThrownBy(
            () ->
                Env.of(Map.of("FLOTILLA_BACKUP_DIR", below.toString()))
                    .directory("FLOTILLA_BACKUP_DIR"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            "FLOTILLA_BACKUP_DIR names '" + below + "', which cannot be created")
        .hasMessageNotContaining("\n");
  }

  @Test
  void aDirectoryThatIsNotWritableIsRejected() throws Exception {
    Path dir = Files.createDirectory(temp.resolve("locked"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
    assumeFalse(Files.isWritable(dir), "root can write anywhere");
    assertThatThrownBy(
            () ->
                Env.of(Map.of("FLOTILLA_DATA_DIR", dir.toString())).directory("FLOTILLA_DATA_DIR"))
        .hasMessage("FLOTILLA_DATA_DIR must be a writable directory, but '" + dir + "' is not");
  }

  @Test
  void kafkaSettingsComeFromTheirVariables() {
    KafkaSettings kafka =
        Env.of(
                Map.of(
                    "FLOTILLA_BOOTSTRAP_SERVERS", "127.0.0.1:9092",
                    "FLOTILLA_PARTITIONS", "12",
                    "FLOTILLA_INSTANCE_ID", "coordinator-1"))
            .kafka();
    assertThat(kafka).isEqualTo(new KafkaSettings("127.0.0.1:9092", 12, "coordinator-1", true));
  }

  @Test
  void kafkaSettingsDefaultToSixPartitionsAndARandomInstanceId() {
    Env env = Env.of(Map.of("FLOTILLA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"));
    KafkaSettings first = env.kafka();
    assertThat(first.partitions()).isEqualTo(6);
    assertThat(first.instanceId()).isNotBlank().isNotEqualTo(env.kafka().instanceId());
    // A made-up name must not make the instance a static group member: nobody would reclaim it.
    assertThat(first.namedInstance()).isFalse();
  }

  @Test
  void kafkaSettingsNeedTheBootstrapServers() {
    assertThatThrownBy(() -> Env.of(Map.of()).kafka())
        .hasMessage("FLOTILLA_BOOTSTRAP_SERVERS is not set");
  }

  @Test
  void aPartitionCountBelowOneIsRejected() {
    assertThatThrownBy(
            () ->
                Env.of(Map.of("FLOTILLA_BOOTSTRAP_SERVERS", "h:1", "FLOTILLA_PARTITIONS", "0"))
                    .kafka())
        .hasMessage("FLOTILLA_PARTITIONS must be a whole number of at least 1, got '0'");
  }
}
