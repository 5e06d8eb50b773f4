package dev.flotilla.migration.catalogue.format;

import dev.flotilla.migration.catalogue.MigrationFolderException;
import java.nio.file.Path;

/**
 * Reads a migration folder in whatever tool's layout it is, or in the one {@code --format} names.
 */
public final class FolderReader {
  private FolderReader() {}

  /**
   * Detects the folder's layout ({@link FormatDetector}) and reads it.
   *
   * @throws MigrationFolderException when the layout cannot be told, or naming every bad file and
   *     why
   */
  public static FolderReading read(Path folder) {
    FolderListing listing = FolderListing.of(folder);
    return FormatDetector.layout(FormatDetector.detect(listing).format()).read(listing);
  }

  /**
   * Reads the folder in {@code format}'s layout, whatever the detector would say.
   *
   * @throws MigrationFolderException naming every file that is not as that layout wants and why
   */
  public static FolderReading read(Path folder, FolderFormat format) {
    return FormatDetector.layout(format).read(FolderListing.of(folder));
  }
}
