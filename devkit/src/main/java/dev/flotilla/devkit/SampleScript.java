package dev.flotilla.devkit;

import dev.flotilla.devicedb.history.ScriptChecksum;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One file of a migration set, named the Flyway way: {@code V3__circuit_priorities.sql}. */
record SampleScript(String fileName, char kind, int version, String description, byte[] bytes) {
  private static final Pattern NAME = Pattern.compile("([VUCP])([1-9][0-9]*)__(.+)\\.sql");

  static SampleScript of(String fileName, byte[] bytes) {
    Matcher name = NAME.matcher(fileName);
    if (!name.matches()) {
      throw new IllegalArgumentException("Not a migration script name: " + fileName);
    }
    return new SampleScript(
        fileName,
        name.group(1).charAt(0),
        Integer.parseInt(name.group(2)),
        name.group(3).replace('_', ' '),
        bytes.clone());
  }

  boolean isMigration() {
    return kind == 'V';
  }

  String sql() {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** The checksum the schema history records for the script ({@link ScriptChecksum}). */
  String sha256() {
    return ScriptChecksum.of(bytes);
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SampleScript && ((SampleScript) other).fileName.equals(fileName);
  }

  @Override
  public int hashCode() {
    return fileName.hashCode();
  }

  @Override
  public String toString() {
    return fileName;
  }
}
