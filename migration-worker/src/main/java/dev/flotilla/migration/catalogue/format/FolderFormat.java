package dev.flotilla.migration.catalogue.format;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The layouts of migration folders Flotilla reads: each tool's own, and plain numbered scripts. */
public enum FolderFormat {
  /** {@code V1.1__desc.sql}, {@code U1.1__desc.sql}, {@code R__desc.sql}, in any subfolder. */
  FLYWAY("flyway", "Flyway"),
  /** {@code 20240605131359_desc.sql}, or {@code .up.sql} and {@code .down.sql} pairs. */
  SQLX("sqlx", "sqlx"),
  /** A directory per migration, {@code 2024-06-05-131359_name/up.sql} and {@code down.sql}. */
  DIESEL("diesel", "diesel"),
  /** {@code 000001_title.up.sql} and {@code 000001_title.down.sql}. */
  GOLANG_MIGRATE("golang-migrate", "golang-migrate"),
  /** {@code 00001_name.sql} with {@code -- +goose Up} and {@code -- +goose Down} sections. */
  GOOSE("goose", "goose"),
  /** {@code 20240605131359_name.sql} with {@code -- migrate:up} and {@code -- migrate:down}. */
  DBMATE("dbmate", "dbmate"),
  /** {@code 001_init.sql}, {@code 002_add_x.sql}: numbered scripts, no down scripts. */
  PLAIN("plain", "plain numbered scripts");

  private final String cliName;
  private final String displayName;

  FolderFormat(String cliName, String displayName) {
    this.cliName = cliName;
    this.displayName = displayName;
  }

  /** What {@code --format} takes: {@code flyway}, {@code golang-migrate}, … */
  public String cliName() {
    return cliName;
  }

  /** The tool's name as its users write it, for messages. */
  public String displayName() {
    return displayName;
  }

  /**
   * The format {@code --format} names, in any case.
   *
   * @throws IllegalArgumentException listing the names there are
   */
  public static FolderFormat fromCliName(String name) {
    String wanted = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(format -> format.cliName.equals(wanted))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "'" + name + "' is not a folder format; the formats are " + cliNames()));
  }

  /** {@code flyway, sqlx, diesel, …}, for help texts. */
  public static String cliNames() {
    return Arrays.stream(values()).map(FolderFormat::cliName).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return cliName;
  }
}
