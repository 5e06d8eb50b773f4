/**
 * Migration folders in the layouts of the tools users already have — Flyway, sqlx, diesel,
 * golang-migrate, goose, dbmate — and plain numbered scripts, read into one model. Pure reading:
 * nothing here publishes, applies or writes anything.
 *
 * <h2>Using it</h2>
 *
 * <pre>{@code
 * Detection detection = FormatDetector.detect(dir);      // which layout, and what shows it
 * FolderReading reading = FolderReader.read(dir);        // detect, then read
 * FolderReading forced = FolderReader.read(dir, FolderFormat.fromCliName("goose")); // --format
 * for (FolderScript script : reading.scripts()) { ... }  // in order: version, then V, U, C, P
 * }</pre>
 *
 * Every refusal is a {@link dev.flotilla.migration.catalogue.MigrationFolderException} whose {@code
 * problems()} are one line each, {@code file: reason} or {@code file:line: reason}: all the
 * problems of the folder at once, as {@link dev.flotilla.migration.catalogue.MigrationFolder}
 * reports them for Flotilla's own layout. An undetectable folder is refused with one line per
 * layout saying why it does not fit (or, when several fit, what points to each).
 *
 * <h2>The model</h2>
 *
 * <ul>
 *   <li>{@link FolderScript}: {@code version} (a {@link
 *       dev.flotilla.contracts.catalogue.VersionId}, as the tool writes it: {@code 1.1}, {@code
 *       00003}, {@code 20240605131359}), {@code kind} ({@code MIGRATE} for up scripts, {@code UNDO}
 *       for down scripts, {@code VERIFY}/{@code PROBE} for Flotilla's own), {@code description},
 *       {@code sql}, {@code file} (relative, {@code /}-separated), {@code firstLine} (where {@code
 *       sql} starts in that file) and {@code transactional} (what the tool's own marker says).
 *   <li>{@link FolderReading}: the folder, its {@link FolderFormat}, the scripts in the tool's
 *       order, Flyway's {@link RepeatableScript}s apart, and {@link SkippedEntry}s the push should
 *       report.
 *   <li>{@link Detection}: the format, its evidence, and the formats that would read the folder
 *       alike.
 * </ul>
 *
 * <h2>Rules every layout shares</h2>
 *
 * <ul>
 *   <li>Each layout follows its tool's own parsing rules (see each {@code *Layout} class), keeps
 *       the tool's version ids, and runs scripts in the tool's order, which is always the versions'
 *       numeric order: a folder where the tool would order them otherwise (dbmate sorts file names,
 *       diesel version strings) is refused.
 *   <li>Every {@code .sql} file is read or refused, never silently passed over, even where the tool
 *       would pass over it: a user who put it there meant it to run. Hidden files, other files, and
 *       subdirectories the tool does not look in are passed over.
 *   <li>One script of each kind per version; numerically equal versions ({@code 1}, {@code 001},
 *       {@code 1.0}) are one version.
 *   <li>A down, verification or probe script needs the up script of its version.
 *   <li>An up script (or section) with nothing but comments and blank lines is refused; a down
 *       script with nothing is no down script (the tools' way of saying "cannot be undone").
 *   <li>Flotilla's verification and probe scripts sit beside any layout as {@code
 *       C<version>__<description>.sql} and {@code P<version>__<description>.sql}, the version
 *       written as that folder's tool writes it ({@code C1.1__…} beside Flyway, {@code
 *       C20240605131359__…} beside sqlx, diesel or dbmate, {@code C3__…} or {@code C00003__…}
 *       beside goose): they belong to the up script of the numerically equal version. They lie
 *       where the tool's scripts lie (the folder's top level; anywhere below it for Flyway). Tools
 *       that read every {@code .sql} file they find (goose, sqlx) would trip over them, so they are
 *       for folders Flotilla pushes.
 *   <li>{@code sql} is the file's text exactly for tools with a file per script (their checksums
 *       are over it); for goose and dbmate it is the section's lines, markers left out and line
 *       numbers kept. Flotilla's own {@code -- flotilla:} directive lines stay in it, for the push
 *       to read as it does for its own layout.
 * </ul>
 *
 * <h2>What the push makes of it</h2>
 *
 * {@link dev.flotilla.migration.catalogue.MigrationFolder} turns a reading into {@code
 * MigrationScript}s, each with its tool's version and file; it refuses Flyway repeatables, which
 * Flotilla does not re-apply, unless asked to skip them, and reports them and diesel's setup
 * migration as skipped.
 */
package dev.flotilla.migration.catalogue.format;
