package dev.flotilla.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a child process with a small, real file system (tmpfs of a chosen size) mounted at a folder
 * that only that process sees, so a test can fill a disk without root and without touching the
 * machine's own mounts. The mount goes with the process.
 *
 * <p>It needs a private mount namespace: {@code unshare -rm} (a user namespace, no root needed) or,
 * where user namespaces are off, {@code unshare -m} as root. Where neither works the caller gets an
 * {@link AssertionError} saying so: a full-disk test must not pass without a full disk.
 */
final class SmallFileSystem {
  private static final List<List<String>> LAUNCHERS =
      List.of(List.of("unshare", "-rm"), List.of("unshare", "-m"));
  private static final String MOUNT_THEN_EXEC =
      "mount -t tmpfs -o size=\"$1\" flotilla-test \"$2\" && shift 2 && exec \"$@\"";

  private SmallFileSystem() {}

  /**
   * {@code command}, run with a tmpfs of {@code sizeBytes} (rounded up to whole kibibytes) mounted
   * at {@code mountPoint}, an existing folder.
   */
  static ProcessBuilder around(ProcessBuilder command, Path mountPoint, long sizeBytes) {
    List<String> wrapped = new ArrayList<>(launcher(mountPoint));
    wrapped.addAll(
        List.of(
            "sh",
            "-c",
            MOUNT_THEN_EXEC,
            "mount-then-exec",
            (sizeBytes + 1023) / 1024 + "k",
            mountPoint.toString()));
    wrapped.addAll(command.command());
    return command.command(wrapped);
  }

  /** The first launcher that can mount a tmpfs here, tried on {@code mountPoint} itself. */
  private static List<String> launcher(Path mountPoint) {
    List<String> attempts = new ArrayList<>();
    for (List<String> launcher : LAUNCHERS) {
      List<String> probe = new ArrayList<>(launcher);
      probe.addAll(List.of("sh", "-c", MOUNT_THEN_EXEC, "probe", "64k", mountPoint.toString()));
      probe.add("true");
      try {
        Process process = new ProcessBuilder(probe).redirectErrorStream(true).start();
        String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() == 0 && isEmpty(mountPoint)) {
          return launcher;
        }
        attempts.add(String.join(" ", launcher) + ": exit " + process.exitValue() + " " + said);
      } catch (IOException e) {
        attempts.add(String.join(" ", launcher) + ": " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
    throw new AssertionError(
        "Cannot mount a small tmpfs for a child process here, so the full-disk tests cannot run."
            + " They need user namespaces (unshare -rm) or root (unshare -m). Tried:\n"
            + String.join("\n", attempts));
  }

  private static boolean isEmpty(Path directory) {
    try (var entries = Files.list(directory)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
