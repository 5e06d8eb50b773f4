package dev.flotilla.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildJvmTest {
  /** Runs in the child: proves it got its arguments and a class from another module's jar. */
  public static final class Echo {
    public static void main(String[] args) {
      System.out.println(String.join(",", args) + " " + org.slf4j.LoggerFactory.class.getName());
      System.exit(args.length);
    }
  }

  @Test
  void runsATestClassInASeparateJvmWithThisClassPath(@TempDir Path work)
      throws IOException, InterruptedException {
    Process child =
        ChildJvm.processFor(work, Echo.class, List.of("a", "b")).redirectErrorStream(true).start();

    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(output).contains("a,b org.slf4j.LoggerFactory");
    assertThat(child.exitValue()).isEqualTo(2);
    assertThat(child.pid()).isNotEqualTo(ProcessHandle.current().pid());
  }

  /** Runs in the child: prints its own JVM options. */
  public static final class Options {
    public static void main(String[] args) {
      System.out.println(
          java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
    }
  }

  @Test
  void runsAChildWithTheJvmOptionsItIsGivenInsteadOfTheSmallHeapDefaults(@TempDir Path work)
      throws IOException, InterruptedException {
    Process child =
        ChildJvm.processFor(work, Options.class, List.of("-Xmx300m"), List.of())
            .redirectErrorStream(true)
            .start();

    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(output).contains("-Xmx300m").doesNotContain("-Xmx256m").doesNotContain("SerialGC");
  }
}
