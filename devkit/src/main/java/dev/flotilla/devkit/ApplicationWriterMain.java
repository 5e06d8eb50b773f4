package dev.flotilla.devkit;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * An {@link ApplicationWriter} as a process of its own, for tests in which the device's application
 * must be another OS process than the one that migrates its database, as on a real device:
 *
 * <pre>
 * java dev.flotilla.devkit.ApplicationWriterMain DATABASE INSERT PAUSE_MILLIS KEYS_FILE
 * </pre>
 *
 * It commits one row every {@code PAUSE_MILLIS} with {@code INSERT} (one parameter, the row's key:
 * 1, 2, 3, …) and prints {@value #WRITING} once the first one is committed. It writes until its
 * standard input closes: the test closes it to stop the application, and a test JVM that dies
 * closes it too, so no writer outlives its test. Then it writes the key of every row it saw
 * committed to {@code KEYS_FILE}, one per line, prints {@code committed N rows, longest write M ms}
 * and exits 0.
 *
 * <p>A failed write (SQLITE_BUSY after the {@value ApplicationWriter#BUSY_TIMEOUT_MILLIS} ms busy
 * timeout, or any other error) commits nothing and the application goes on with the next row; at
 * the end the keys that were committed are still written, a line starting {@value #FAILED} names
 * the first error, and the process exits 1.
 */
public final class ApplicationWriterMain {
  /** Printed once the first row is committed. */
  public static final String WRITING = "writing";

  /** Starts the line naming a failed write. */
  public static final String FAILED = "failed:";

  private ApplicationWriterMain() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    if (args.length != 4) {
      System.err.println(
          "usage: ApplicationWriterMain DATABASE INSERT PAUSE_MILLIS KEYS_FILE (got "
              + args.length
              + " arguments)");
      System.exit(2);
    }
    Path database = Path.of(args[0]);
    Duration pause = Duration.ofMillis(Long.parseLong(args[2]));
    Path keysFile = Path.of(args[3]);

    ApplicationWriter<Long> writer;
    try {
      writer = ApplicationWriter.start(database, args[1], pause, 1);
    } catch (SQLException e) {
      System.out.println(FAILED + " " + e.getClass().getSimpleName() + ": " + e.getMessage());
      System.exit(1);
      return;
    }
    String failure = null;
    try {
      writer.awaitCommits(1);
      if (writer.committed().isEmpty()) {
        failure = "no row committed within 30 s";
      } else {
        System.out.println(WRITING + " " + database);
        System.out.flush();
      }
      System.in.transferTo(OutputStream.nullOutputStream());
    } catch (IllegalStateException failed) {
      failure = describe(failed);
    }
    try {
      writer.close();
    } catch (IllegalStateException failed) {
      failure = failure == null ? describe(failed) : failure;
    }

    List<Long> committed = writer.committed();
    Path partial = keysFile.resolveSibling(keysFile.getFileName() + ".tmp");
    Files.write(partial, committed.stream().map(String::valueOf).toList(), StandardCharsets.UTF_8);
    Files.move(partial, keysFile, StandardCopyOption.ATOMIC_MOVE);
    System.out.println(
        "committed "
            + committed.size()
            + " rows, longest write "
            + writer.longestWrite().toMillis()
            + " ms");
    if (failure != null) {
      System.out.println(FAILED + " " + failure);
      System.exit(1);
    }
  }

  private static String describe(IllegalStateException failed) {
    Throwable cause = failed.getCause() == null ? failed : failed.getCause();
    return cause.getClass().getSimpleName() + ": " + cause.getMessage();
  }
}
