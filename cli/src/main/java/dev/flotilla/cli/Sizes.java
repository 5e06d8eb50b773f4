package dev.flotilla.cli;

import java.util.Locale;

/** Byte counts and durations as people read them: {@code 80.0 KiB}, {@code 1.2 s}. */
final class Sizes {
  private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

  private Sizes() {}

  static String bytes(long bytes) {
    long magnitude = Math.abs(bytes);
    if (magnitude < 1024) {
      return bytes + " B";
    }
    double value = magnitude;
    int unit = 0;
    while (value >= 1024 && unit < UNITS.length - 1) {
      value /= 1024;
      unit++;
    }
    return (bytes < 0 ? "-" : "") + String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
  }

  /** A change: always signed, {@code +8.0 KiB}, {@code -1.2 MiB}, {@code +0 B}. */
  static String change(long bytes) {
    return (bytes < 0 ? "" : "+") + bytes(bytes);
  }

  static String millis(long millis) {
    return millis < 1000 ? millis + " ms" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
  }
}
