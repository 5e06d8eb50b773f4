package dev.flotilla.bench.backup;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The backup of one large database against a plain copy of its file: medians over the rounds with
 * their range, times in milliseconds.
 *
 * @param bytes the database's size
 * @param rows its application rows
 * @param sourceHot whether the source was in the page cache for both (read through before each)
 * @param backupOverCopy the copy's time over the backup's, round by round: the backup's MB/s as a
 *     share of the copy's (1 is as fast; the target is at least 0.9)
 * @param backupCopyMillis the backup's phases: the online page copy
 * @param backupProveMillis the wall time of its sync, hash and checks, which run at once
 * @param backupPublishMillis the atomic rename and the manifest
 */
public record LargeBackupResult(
    long bytes,
    long rows,
    long seed,
    int rounds,
    boolean sourceHot,
    Medians copyMbPerSecond,
    Medians backupMbPerSecond,
    Medians backupOverCopy,
    Medians copyMillis,
    Medians backupMillis,
    Medians backupCopyMillis,
    Medians backupProveMillis,
    Medians backupSyncMillis,
    Medians backupHashMillis,
    Medians backupCheckMillis,
    Medians backupPublishMillis) {

  public void printTo(PrintStream out) {
    out.printf(
        Locale.ROOT,
        "%nBackup of a %d MB device database (%,d rows, seed %d), %d rounds, medians (min–max);"
            + " the source %s in the page cache for both:%n%n",
        bytes >> 20,
        rows,
        seed,
        rounds,
        sourceHot ? "hot" : "cold");
    out.println("| | ms | MB/s |");
    out.println("|---|---|---|");
    out.printf(
        "| plain file copy (copy, fsync) | %s | %s |%n",
        copyMillis.format("%.0f"), copyMbPerSecond.format("%.0f"));
    out.printf(
        "| Flotilla backup (BackupTaker) | %s | %s |%n",
        backupMillis.format("%.0f"), backupMbPerSecond.format("%.0f"));
    out.printf(
        "%nBackup MB/s over the copy's, round by round: **%s** (target ≥ 0.90).%n",
        backupOverCopy.format("%.2f"));
    out.println();
    out.println("| backup phase | ms |");
    out.println("|---|---|");
    out.printf("| online page copy | %s |%n", backupCopyMillis.format("%.0f"));
    out.printf("| sync + hash + checks, at once (wall) | %s |%n", backupProveMillis.format("%.0f"));
    out.printf("| &nbsp; fsync | %s |%n", backupSyncMillis.format("%.0f"));
    out.printf("| &nbsp; SHA-256 | %s |%n", backupHashMillis.format("%.0f"));
    out.printf(
        "| &nbsp; checks (quick_check, foreign keys, counts) | %s |%n",
        backupCheckMillis.format("%.0f"));
    out.printf("| rename + manifest | %s |%n", backupPublishMillis.format("%.0f"));
  }
}
