package dev.flotilla.bench;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.sqlite.SQLiteConfig;

/**
 * What the numbers were measured on. The load average says how busy the machine was with other
 * work, which the numbers cannot show by themselves.
 */
record MachineFacts(
    int cores,
    String cpu,
    String os,
    String java,
    String jvm,
    List<String> jvmArguments,
    long maxHeapBytes,
    List<String> garbageCollectors,
    String sqlite,
    String sqliteJdbc,
    String flyway,
    String fileSystem,
    double loadAverageAtStart) {

  static MachineFacts of(Path workDir) throws IOException, SQLException {
    String sqlite;
    String driver;
    try (Connection connection = new SQLiteConfig().createConnection("jdbc:sqlite::memory:");
        Statement statement = connection.createStatement();
        ResultSet version = statement.executeQuery("SELECT sqlite_version()")) {
      version.next();
      sqlite = version.getString(1);
      driver = connection.getMetaData().getDriverVersion();
    }
    return new MachineFacts(
        Runtime.getRuntime().availableProcessors(),
        cpuModel().orElse(System.getProperty("os.arch")),
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " "
            + System.getProperty("os.arch"),
        System.getProperty("java.vendor") + " " + System.getProperty("java.version"),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"),
        List.copyOf(ManagementFactory.getRuntimeMXBean().getInputArguments()),
        Runtime.getRuntime().maxMemory(),
        ManagementFactory.getGarbageCollectorMXBeans().stream().map(gc -> gc.getName()).toList(),
        sqlite,
        driver,
        flywayVersion(),
        Files.getFileStore(workDir).type(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  static double loadAverageNow() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static Optional<String> cpuModel() {
    Path cpuinfo = Path.of("/proc/cpuinfo");
    if (!Files.isReadable(cpuinfo)) {
      return Optional.empty();
    }
    try {
      return Files.readAllLines(cpuinfo, StandardCharsets.UTF_8).stream()
          .filter(line -> line.startsWith("model name"))
          .map(line -> line.substring(line.indexOf(':') + 1).strip())
          .findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static String flywayVersion() throws IOException {
    try (InputStream in =
        org.flywaydb.core.Flyway.class.getResourceAsStream(
            "/org/flywaydb/core/internal/version.txt")) {
      return in == null ? "unknown" : new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    }
  }
}
