package dev.flotilla.migration.catalogue.format;

import dev.flotilla.migration.catalogue.MigrationFolderException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The files of a migration folder, as paths relative to it with {@code /} separators, sorted; the
 * one place that touches the disk. Hidden files and directories (a leading dot: {@code .git},
 * {@code .keep}) are left out, as every tool leaves them out. Texts are read once, as strict UTF-8.
 */
final class FolderListing {
  private final Path root;
  private final List<String> files;
  private final List<String> directories;
  private final Map<String, String> texts = new HashMap<>();

  private FolderListing(Path root, List<String> files, List<String> directories) {
    this.root = root;
    this.files = List.copyOf(files);
    this.directories = List.copyOf(directories);
  }

  /**
   * Lists {@code root} and everything below it.
   *
   * @throws MigrationFolderException when it is not a directory or cannot be listed
   */
  static FolderListing of(Path root) {
    if (!Files.isDirectory(root)) {
      throw new MigrationFolderException(root, List.of("is not a directory"));
    }
    List<String> files = new ArrayList<>();
    List<String> directories = new ArrayList<>();
    try {
      Files.walkFileTree(
          root,
          EnumSet.of(FileVisitOption.FOLLOW_LINKS),
          Integer.MAX_VALUE,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
              if (dir.equals(root)) {
                return FileVisitResult.CONTINUE;
              }
              if (isHidden(dir)) {
                return FileVisitResult.SKIP_SUBTREE;
              }
              directories.add(relative(root, dir));
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
              if (attributes.isRegularFile() && !isHidden(file)) {
                files.add(relative(root, file));
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
              if (e instanceof FileSystemLoopException) {
                return FileVisitResult.CONTINUE; // a link back up the tree: listed once already
              }
              throw e;
            }
          });
    } catch (IOException e) {
      throw new MigrationFolderException(root, List.of("cannot be listed: " + e.getMessage()));
    }
    files.sort(String::compareTo);
    directories.sort(String::compareTo);
    return new FolderListing(root, files, directories);
  }

  Path root() {
    return root;
  }

  /** Every file, in every subdirectory. */
  List<String> allFiles() {
    return files;
  }

  /** The files directly in the folder. */
  List<String> topLevelFiles() {
    return files.stream().filter(file -> file.indexOf('/') < 0).toList();
  }

  /** The directories directly in the folder. */
  List<String> topLevelDirectories() {
    return directories.stream().filter(directory -> directory.indexOf('/') < 0).toList();
  }

  /** The files directly in {@code directory}. */
  List<String> filesIn(String directory) {
    String prefix = directory + "/";
    return files.stream()
        .filter(file -> file.startsWith(prefix) && file.indexOf('/', prefix.length()) < 0)
        .toList();
  }

  boolean isFile(String relative) {
    return files.contains(relative);
  }

  /** Nothing at all inside, hidden entries included (diesel passes over such directories). */
  boolean isEmptyDirectory(String directory) {
    try (Stream<Path> entries = Files.list(root.resolve(directory))) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * The text of a file.
   *
   * @throws Unreadable saying why not (not UTF-8, an I/O error), for a problem line
   */
  String text(String relative) throws Unreadable {
    String cached = texts.get(relative);
    if (cached != null) {
      return cached;
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(root.resolve(relative));
    } catch (IOException e) {
      throw new Unreadable("cannot be read: " + e.getMessage());
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw new Unreadable("is not UTF-8 text");
    }
    texts.put(relative, text);
    return text;
  }

  /** The text, or empty when it cannot be read: for looking at markers while detecting. */
  String textOrEmpty(String relative) {
    try {
      return text(relative);
    } catch (Unreadable e) {
      return "";
    }
  }

  /** The last part of a relative path. */
  static String fileName(String relative) {
    return relative.substring(relative.lastIndexOf('/') + 1);
  }

  /** Ends with {@code .sql} in any case: a script someone meant to run. */
  static boolean isSql(String relative) {
    return fileName(relative).toLowerCase(Locale.ROOT).endsWith(".sql");
  }

  private static String relative(Path root, Path path) {
    return root.relativize(path).toString().replace(path.getFileSystem().getSeparator(), "/");
  }

  private static boolean isHidden(Path path) {
    return path.getFileName().toString().startsWith(".");
  }

  /** A file whose text cannot be had; the message is the reason, for {@code file: reason}. */
  static final class Unreadable extends Exception {
    private static final long serialVersionUID = 1L;

    Unreadable(String reason) {
      super(reason);
    }
  }
}
