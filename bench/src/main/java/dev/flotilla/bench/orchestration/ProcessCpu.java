package dev.flotilla.bench.orchestration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The CPU time a process has used, all its threads together (the JVM's collector and compilers
 * included), read from Linux's {@code /proc/<pid>/stat}: user plus system time. Empty where there
 * is no such file (another system, a process gone).
 */
final class ProcessCpu {
  /** Linux reports these times in clock ticks of 1/100 s on every platform it runs on today. */
  private static final long NANOS_PER_TICK = 10_000_000L;

  private ProcessCpu() {}

  static OptionalLong nanos(long pid) {
    try {
      String stat =
          Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
      return OptionalLong.of(parse(stat));
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty();
    }
  }

  static OptionalLong nanos(OptionalLong pid) {
    return pid.isPresent() ? nanos(pid.getAsLong()) : OptionalLong.empty();
  }

  /**
   * Fields after the command name, which is in parentheses and may hold spaces: {@code utime} and
   * {@code stime} are the 14th and 15th fields of the line, the 12th and 13th after the name.
   */
  static long parse(String stat) {
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    return ticks * NANOS_PER_TICK;
  }

  /** The difference of two readings, or empty when either is missing. */
  static OptionalLong between(OptionalLong before, OptionalLong after) {
    return before.isPresent() && after.isPresent()
        ? OptionalLong.of(after.getAsLong() - before.getAsLong())
        : OptionalLong.empty();
  }
}
