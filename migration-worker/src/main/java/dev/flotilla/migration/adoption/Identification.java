package dev.flotilla.migration.adoption;

import dev.flotilla.contracts.catalogue.VersionId;
import java.util.List;
import java.util.Objects;

/** What a device database is, for one migration set: the answer of {@link SchemaIdentifier}. */
public sealed interface Identification {
  /** Flotilla's history says: {@code version} is the highest version it records. */
  record Tracked(VersionId version) implements Identification {
    public Tracked {
      Objects.requireNonNull(version, "version");
    }
  }

  /**
   * No history of Flotilla's, but the schema proves the database is at {@code version} (zero for an
   * empty schema), and no migration tool's history says otherwise.
   *
   * @param evidence why, in one sentence for people: {@code schema matches V3 of set library;
   *     flyway_schema_history says 3}
   */
  record Adoptable(VersionId version, String evidence) implements Identification {
    public Adoptable {
      Objects.requireNonNull(version, "version");
      Objects.requireNonNull(evidence, "evidence");
    }
  }

  /**
   * No history of Flotilla's, and the schema is no version of the set, or several alike that
   * nothing tells apart, or a migration tool's history contradicts it or cannot be trusted: not
   * adopted on a guess.
   *
   * @param closest the version whose schema differs least from the database's (the highest of those
   *     that differ equally little)
   * @param differences how the database's schema differs from {@code closest}'s ({@code missing
   *     index book_by_author}, {@code unexpected table notes}); empty when it is {@code closest}'s
   *     and something else stands in the way
   * @param evidence why it is not adopted, in one sentence for people
   */
  record Unknown(VersionId closest, List<String> differences, String evidence)
      implements Identification {
    public Unknown {
      Objects.requireNonNull(closest, "closest");
      differences = List.copyOf(differences);
      Objects.requireNonNull(evidence, "evidence");
    }

    /** The evidence, the closest version and how the schema differs from it, for a reason. */
    public String describe() {
      return evidence
          + (differences.isEmpty()
              ? ""
              : " (differences from V" + closest + ": " + String.join(", ", differences) + ")");
    }
  }
}
