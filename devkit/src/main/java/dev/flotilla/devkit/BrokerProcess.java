package dev.flotilla.devkit;

import dev.flotilla.devkit.broker.BrokerLogProvider;
import dev.flotilla.devkit.broker.BrokerMain;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Launches the broker's child JVM: same {@code java}, this JVM's class path, output to the log. */
final class BrokerProcess {
  private BrokerProcess() {}

  static Process spawn(BrokerLayout layout) {
    try {
      writeClasspathArgFile(layout);
      Files.writeString(
          layout.logFile(),
          System.lineSeparator()
              + "---- Flotilla DevBroker starting at "
              + Instant.now()
              + " ----"
              + System.lineSeparator(),
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      ProcessBuilder builder =
          new ProcessBuilder(command(layout))
              .directory(layout.workDir().toFile())
              .redirectErrorStream(true)
              .redirectOutput(Redirect.appendTo(layout.logFile().toFile()));
      // Standard input stays a pipe: the child exits when it closes (see BrokerMain). Options
      // meant for this JVM (an agent, a class path) must not leak into the broker's.
      Map<String, String> environment = builder.environment();
      environment.remove("CLASSPATH");
      environment.remove("JAVA_TOOL_OPTIONS");
      environment.remove("JDK_JAVA_OPTIONS");
      return builder.start();
    } catch (IOException e) {
      throw new DevBrokerException("Cannot start the broker JVM: " + e.getMessage(), e);
    }
  }

  /** Extra options for the broker's JVM, separated by spaces. */
  static final String JVM_OPTIONS_PROPERTY = "flotilla.broker.jvmOptions";

  private static List<String> command(BrokerLayout layout) {
    List<String> command = new ArrayList<>();
    command.add(JavaExecutable.current());
    // A modest heap and the serial collector: light on a small shared machine.
    command.add("-Xms64m");
    command.add("-Xmx512m");
    command.add("-XX:+UseSerialGC");
    command.add("-XX:+ExitOnOutOfMemoryError");
    command.add("-Djava.awt.headless=true");
    command.add("-Dslf4j.provider=" + BrokerLogProvider.class.getName());
    command.add(
        "-D"
            + BrokerLogProvider.LEVEL_PROPERTY
            + "="
            + System.getProperty(BrokerLogProvider.LEVEL_PROPERTY, "INFO"));
    // For profiling the broker, e.g. -Dflotilla.broker.jvmOptions=-XX:StartFlightRecording=...
    for (String option : System.getProperty(JVM_OPTIONS_PROPERTY, "").split(" ")) {
      if (!option.isBlank()) {
        command.add(option);
      }
    }
    command.add("@" + layout.classpathArgFile());
    command.add(BrokerMain.class.getName());
    command.add(layout.serverProperties().toString());
    command.add(layout.clusterId());
    return command;
  }

  /** The class path goes in a java argument file: no command-line length limit applies. */
  private static void writeClasspathArgFile(BrokerLayout layout) throws IOException {
    String classpath = ChildClasspath.join(ChildClasspath.ofCurrentJvm());
    Files.writeString(
        layout.classpathArgFile(),
        "-cp\n\"" + classpath.replace("\\", "\\\\") + "\"\n",
        StandardCharsets.UTF_8);
  }
}
