package dev.flotilla.migration.catalogue;

import java.nio.file.Path;
import java.util.List;

/** A migration folder that cannot become a migration set; lists every problem found. */
public final class MigrationFolderException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<String> problems;

  public MigrationFolderException(Path folder, List<String> problems) {
    super(describe(folder, problems));
    this.problems = List.copyOf(problems);
  }

  /** One line per problem, each naming the file it is about. */
  public List<String> problems() {
    return problems;
  }

  private static String describe(Path folder, List<String> problems) {
    StringBuilder text = new StringBuilder("migration folder ").append(folder);
    if (problems.size() == 1) {
      return text.append(": ").append(problems.get(0)).toString();
    }
    text.append(" has ").append(problems.size()).append(" problems:");
    problems.forEach(problem -> text.append(System.lineSeparator()).append("  - ").append(problem));
    return text.toString();
  }
}
