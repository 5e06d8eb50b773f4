package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.request.RolloutPolicy;
import dev.flotilla.devkit.DemoFleet;
import dev.flotilla.devkit.DevBroker;
import dev.flotilla.messaging.Env;
import dev.flotilla.messaging.KafkaSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker whose listener wants TLS and a login (SASL_SSL, PLAIN), and Flotilla told how only
 * through {@code FLOTILLA_KAFKA_*}: the services and the commands, as separate processes, run a
 * rollout there; a wrong password and an untrusted certificate are refused and said plainly; no log
 * shows the password.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaSecurityIT {
  private static final MigrationSetId COACHIQ = MigrationSetId.of("coachiq");
  private static final Duration LONG = Duration.ofMinutes(3);

  @TempDir static Path work;

  private DevBroker broker;
  private RunningSuite suite;

  /** What an operator sets for a broker that wants TLS and a SASL login. */
  private Map<String, String> loginAs(String password) {
    return Map.of(
        "FLOTILLA_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
        "FLOTILLA_KAFKA_SSL_TRUSTSTORE_TYPE", "PEM",
        "FLOTILLA_KAFKA_SSL_TRUSTSTORE_LOCATION", broker.trustedCertificate().toString(),
        "FLOTILLA_KAFKA_SASL_MECHANISM", "PLAIN",
        "FLOTILLA_KAFKA_SASL_JAAS_CONFIG",
            "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                + DevBroker.SASL_USER
                + "\" password=\""
                + password
                + "\";");
  }

  @BeforeAll
  void startABrokerThatWantsALogin() {
    broker = DevBroker.startWithSasl(work.resolve("broker"));
    Map<String, String> env = new HashMap<>(loginAs(DevBroker.SASL_PASSWORD));
    env.put("FLOTILLA_BOOTSTRAP_SERVERS", broker.saslBootstrapServers());
    KafkaSettings kafka = Env.of(env).kafka();
    suite = RunningSuite.on(work, kafka, loginAs(DevBroker.SASL_PASSWORD));
  }

  @AfterAll
  void stop() {
    if (suite != null) {
      suite.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void everyServiceAndCommandLogsInAndARolloutRunsToItsEnd() throws Exception {
    List<DeviceId> devices = DemoFleet.generate(suite.fleet(), 4, 11);
    var push =
        suite.flotilla(
            "migrations",
            "push",
            "--set",
            COACHIQ.value(),
            DemoFleet.sampleMigrations(work.resolve("migrations")).toString());
    assertThat(push.exitCode()).as(push.output()).isZero();
    suite.startServices();
    suite.awaitInventoryOf(devices, LONG);

    RolloutId rollout = suite.start("sasl", COACHIQ, 5, devices, RolloutPolicy.DEFAULT);

    assertThat(suite.awaitFinished(rollout, LONG).counts().done()).isEqualTo(devices.size());
    for (DeviceId device : devices) {
      assertThat(version(suite.db(device))).as(device.value()).isEqualTo(5);
    }
    var list = suite.flotilla("migrations", "list");
    assertThat(list.exitCode()).as(list.output()).isZero();
    assertThat(list.output()).contains(COACHIQ.value());
    try (Stream<Path> logs = Files.list(work.resolve("logs"))) {
      for (Path log : logs.toList()) {
        assertThat(Files.readString(log))
            .as(log.toString())
            .doesNotContain(DevBroker.SASL_PASSWORD);
      }
    }
  }

  @Test
  void aWrongPasswordIsRefusedAndSaidPlainlyWithoutShowingIt() throws Exception {
    String wrong = "not-the-password-" + System.nanoTime();

    var list = suite.flotillaWith(loginAs(wrong), "migrations", "list");

    assertThat(list.exitCode()).as(list.output()).isEqualTo(2);
    assertThat(list.output())
        .startsWith("flotilla migrations list: Kafka refused the login (")
        .containsIgnoringCase("authentication failed")
        .contains("FLOTILLA_KAFKA_SASL_*")
        .doesNotContain(wrong);
  }

  @Test
  void aBrokerWhoseCertificateIsNotTrustedIsRefused() throws Exception {
    Map<String, String> untrusting = new HashMap<>(loginAs(DevBroker.SASL_PASSWORD));
    untrusting.put("FLOTILLA_KAFKA_SSL_TRUSTSTORE_TYPE", "");
    untrusting.put("FLOTILLA_KAFKA_SSL_TRUSTSTORE_LOCATION", "");

    var list = suite.flotillaWith(untrusting, "migrations", "list");

    assertThat(list.exitCode()).as(list.output()).isEqualTo(2);
    assertThat(list.output())
        .startsWith("flotilla migrations list: Kafka refused the login (")
        .containsIgnoringCase("SSL handshake failed");
  }

  private static int version(Path db) throws Exception {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
        ResultSet rows =
            connection
                .createStatement()
                .executeQuery("SELECT max(version) FROM flotilla_schema_history")) {
      rows.next();
      return rows.getInt(1);
    }
  }
}
