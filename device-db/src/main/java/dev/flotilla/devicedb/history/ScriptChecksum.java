package dev.flotilla.devicedb.history;

import dev.flotilla.devicedb.Sha256;

/**
 * The checksum of a migration script, as {@code flotilla_schema_history} records it and the safety
 * check compares it: lower-case hex SHA-256 of the script file's bytes, exactly as stored, with no
 * normalisation (a changed comment or line ending is a changed script).
 */
public final class ScriptChecksum {
  private ScriptChecksum() {}

  public static String of(byte[] scriptBytes) {
    return Sha256.of(scriptBytes);
  }
}
