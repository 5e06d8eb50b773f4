package dev.flotilla.devicedb.foreign;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Flyway's checksum of a SQL migration, as {@code
 * org.flywaydb.core.internal.resolver.ChecksumCalculator} computes it (unchanged from Flyway 9 to
 * 13): the script is read line by line with {@link BufferedReader#readLine()}, so {@code \n},
 * {@code \r\n} and {@code \r} all end a line and no line ending is counted; a byte-order mark at
 * the start of the first line is dropped; the CRC32 runs over each line's UTF-8 bytes and is kept
 * as a signed {@code int}. Changing only line endings or adding a BOM leaves it unchanged.
 */
final class FlywayChecksum {
  private static final char BOM = '\ufeff';

  private FlywayChecksum() {}

  static int of(String script) {
    CRC32 crc32 = new CRC32();
    try (BufferedReader lines = new BufferedReader(new StringReader(script), 4096)) {
      String line = lines.readLine();
      if (line != null) {
        if (!line.isEmpty() && line.charAt(0) == BOM) {
          line = line.substring(1);
        }
        do {
          crc32.update(line.getBytes(StandardCharsets.UTF_8));
        } while ((line = lines.readLine()) != null);
      }
    } catch (IOException impossible) {
      throw new UncheckedIOException(impossible);
    }
    return (int) crc32.getValue();
  }
}
