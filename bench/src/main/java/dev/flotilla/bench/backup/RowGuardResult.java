package dev.flotilla.bench.backup;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The safe sequence's steps per device and the migrate step's guards within them: medians over the
 * rounds with their range, in milliseconds per device.
 *
 * @param rowGuardMillis the row guard's work in the migrate step: the counts before and after the
 *     scripts and their judgement
 * @param foreignKeyGuardMillis the migrate step's {@code foreign_key_check}, for comparison
 * @param rowGuardShareOfMigrate the row guard's time over the migrate step's, round by round
 * @param rowGuardShareOfSequence over the whole sequence's
 */
public record RowGuardResult(
    int devices,
    int rounds,
    long seed,
    Medians safetyCheckMillis,
    Medians backupMillis,
    Medians migrateMillis,
    Medians verifyMillis,
    Medians rowGuardMillis,
    Medians foreignKeyGuardMillis,
    Medians rowGuardShareOfMigrate,
    Medians rowGuardShareOfSequence) {

  public void printTo(PrintStream out) {
    out.printf(
        Locale.ROOT,
        "%nThe safe sequence per device and the row guard's share (%d demo devices, seed %d,"
            + " %d rounds, medians (min–max)):%n%n",
        devices,
        seed,
        rounds);
    out.println("| step | ms/device |");
    out.println("|---|---|");
    out.printf("| safety-check | %s |%n", safetyCheckMillis.format("%.2f"));
    out.printf("| backup | %s |%n", backupMillis.format("%.2f"));
    out.printf("| migrate (row guard included) | %s |%n", migrateMillis.format("%.2f"));
    out.printf(
        "| &nbsp; row guard (counts before and after, judgement) | %s |%n",
        rowGuardMillis.format("%.2f"));
    out.printf(
        "| &nbsp; foreign-key guard (foreign_key_check) | %s |%n",
        foreignKeyGuardMillis.format("%.2f"));
    out.printf("| verify | %s |%n", verifyMillis.format("%.2f"));
    out.printf(
        Locale.ROOT,
        "%nThe row guard's share: **%s of the migrate step**, %s of the whole sequence.%n",
        rowGuardShareOfMigrate.format("%.3f"),
        rowGuardShareOfSequence.format("%.3f"));
  }
}
