package dev.flotilla.migration.catalogue.format;

/**
 * One tool's layout: how to tell that a folder is in it, and how to read it. Each implementation
 * follows its tool's own parsing rules (named in its comment), and refuses with a reason what that
 * tool would refuse, what it would silently pass over while a user meant it to run (a {@code .sql}
 * file it ignores), and what Flotilla cannot do as the tool would.
 */
interface Layout {
  FolderFormat format();

  /**
   * Whether the folder's names fit this layout, and what shows it; reads markers, never refuses.
   */
  Claim claim(FolderListing listing);

  /**
   * Every script of the folder.
   *
   * @throws dev.flotilla.migration.catalogue.MigrationFolderException naming each bad file and why
   */
  FolderReading read(FolderListing listing);
}
