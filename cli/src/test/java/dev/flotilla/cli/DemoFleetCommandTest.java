package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code flotilla demo-fleet}: the demo's fleet and migration set on disk, for services run apart.
 */
class DemoFleetCommandTest {
  @TempDir Path work;

  @Test
  void writesTheDevicesAtVersionTwoAndTheSampleSet() throws Exception {
    Path fleet = work.resolve("fleet");

    int code =
        run(
            "demo-fleet",
            "--devices",
            "3",
            "--dir",
            fleet.toString(),
            "--migrations",
            work.resolve("migrations").toString());

    assertThat(code).isZero();
    for (String device : new String[] {"rv-0001", "rv-0002", "rv-0003"}) {
      Path db = fleet.resolve(device + ".db");
      assertThat(single(db, "SELECT max(version) FROM flotilla_schema_history")).isEqualTo("2");
      assertThat(Integer.parseInt(single(db, "SELECT count(*) FROM climate_readings")))
          .isPositive();
    }
    assertThat(fleet.resolve("rv-0004.db")).doesNotExist();
    assertThat(work.resolve("migrations/coachiq/V5__add_usage_snapshots.sql")).isRegularFile();
    assertThat(work.resolve("migrations/coachiq/U5__add_usage_snapshots.sql")).isRegularFile();
  }

  @Test
  void refusesToWriteNoDevicesAndWritesNothing() {
    Path fleet = work.resolve("empty");

    int code = run("demo-fleet", "--devices", "0", "--dir", fleet.toString());

    assertThat(code).isEqualTo(FlotillaCommand.BAD_INPUT);
    assertThat(fleet).doesNotExist();
  }

  @Test
  void isLeftOutOfTheCommandList() {
    StringWriter usage = new StringWriter();
    new CommandLine(new FlotillaCommand()).usage(new PrintWriter(usage));

    assertThat(usage.toString()).contains("demo").doesNotContain("demo-fleet");
  }

  private static int run(String... args) {
    return new CommandLine(new FlotillaCommand())
        .setExecutionExceptionHandler(new FriendlyErrors())
        .setErr(new PrintWriter(new StringWriter()))
        .execute(args);
  }

  private static String single(Path db, String sql) throws Exception {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getString(1);
    }
  }
}
