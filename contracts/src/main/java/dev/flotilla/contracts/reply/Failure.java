package dev.flotilla.contracts.reply;

import dev.flotilla.contracts.Check;

/**
 * What went wrong, for people ({@code reason}) and for the coordinator ({@code kind}, and {@code
 * code}, machine-readable and shared with the safety check's reasons: {@link #DATABASE_BUSY},
 * {@link #UNSAFE_DEVICE_STATE}, {@link #CORRUPT_DATABASE}, {@link #LOW_DISK}, {@link
 * #MISSING_FILE}, {@link #IO_ERROR}, {@link #UNKNOWN_SCHEMA}). The code is absent from failures
 * that have none (a script's own error), and from every failure written before codes existed.
 */
public record Failure(FailureKind kind, String reason, String code) {
  /**
   * The device's application held the database's lock past the wait the rollout allows: nothing was
   * applied, and the device is checked again later, as a driving one is.
   */
  public static final String DATABASE_BUSY = "database-busy";

  /**
   * Just before migrating, the device's own report said it was no longer safe (driving, a control
   * session open, an interlock engaged, or its state too old to count): nothing was applied, and
   * the device is checked again later, as one found unsafe by its safety check is.
   */
  public static final String UNSAFE_DEVICE_STATE = "unsafe-device-state";

  /** The database file is damaged or is no database: retrying will not mend it. */
  public static final String CORRUPT_DATABASE = "corrupt-database";

  /** The disk is (or would be) full. */
  public static final String LOW_DISK = "low-disk";

  /** A file the step needs does not exist. */
  public static final String MISSING_FILE = "missing-file";

  /** Reading or writing a file failed. */
  public static final String IO_ERROR = "io-error";

  /**
   * A database without Flotilla's history whose schema is no version of the set, or whose version
   * its migration tool's history contradicts: it is not adopted on a guess, and nothing is applied.
   */
  public static final String UNKNOWN_SCHEMA = "unknown-schema";

  /** An operator's restore names a backup the device does not have, or the device has none. */
  public static final String BACKUP_NOT_FOUND = "backup-not-found";

  /** An operator's restore names a backup whose file or manifest is missing or does not match. */
  public static final String BACKUP_DAMAGED = "backup-damaged";

  public Failure {
    Check.required(kind, "kind");
    Check.notBlank(reason, "reason");
    if (code != null) {
      Check.notBlank(code, "code");
    }
  }

  public Failure(FailureKind kind, String reason) {
    this(kind, reason, null);
  }

  /** Whether this failure has the machine-readable {@code code}. */
  public boolean is(String wanted) {
    return wanted.equals(code);
  }

  public static Failure business(String reason) {
    return new Failure(FailureKind.BUSINESS, reason);
  }

  public static Failure infrastructure(String reason) {
    return new Failure(FailureKind.INFRASTRUCTURE, reason);
  }
}
