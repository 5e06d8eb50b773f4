/**
 * Adopting databases that another tool (or the application by hand) already migrated: they have no
 * Flotilla history, so their version is found from their schema, cross-checked with the tool's own
 * history.
 *
 * <ul>
 *   <li>{@link dev.flotilla.migration.adoption.SchemaIdentifier}: the I/O. Reads Flotilla's
 *       history, the schema fingerprint and the tools' histories ({@code device-db}'s {@code
 *       foreign} package), and the fingerprints of every version of the set ({@link
 *       dev.flotilla.migration.sqlite.ChainFingerprints}).
 *   <li>{@code AdoptionRules}: the judgement, pure: {@link
 *       dev.flotilla.migration.adoption.Identification.Tracked}, {@link
 *       dev.flotilla.migration.adoption.Identification.Adoptable} with its evidence, or {@link
 *       dev.flotilla.migration.adoption.Identification.Unknown} with the closest version, the
 *       differences and why. It never guesses.
 *   <li>{@link dev.flotilla.migration.adoption.AdoptionRows}: Flotilla's history rows of the
 *       adopted versions, written by the migration in the transaction of its first script, so a
 *       crash leaves both or neither.
 * </ul>
 *
 * The safety check identifies and replies at which version and on what evidence a database is
 * adopted; the migration identifies again under the write lock before it records anything.
 */
package dev.flotilla.migration.adoption;
