package dev.flotilla.cli;

import dev.flotilla.contracts.catalogue.Catalogue;
import dev.flotilla.contracts.id.MigrationSetId;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code flotilla migrations list [--set NAME] [--json]}: what the catalogue holds. */
@Command(
    name = "list",
    description =
        "Show the catalogue on flotilla.migrations: per set, each version's scripts, its V"
            + " script's description, SHA-256, whether it runs in a transaction, and the tables it"
            + " may lose rows from.")
final class MigrationsListCommand implements Callable<Integer> {
  @Option(names = "--set", paramLabel = "NAME", description = "Only this set.")
  String set;

  @Option(names = "--json", description = "Print the same as one JSON document.")
  boolean json;

  @Mixin KafkaOptions kafkaOptions;

  @Override
  public Integer call() {
    Optional<MigrationSetId> only = Optional.ofNullable(set).map(MigrationSetId::of);
    Catalogue catalogue = CatalogueSnapshot.read(kafkaOptions.settings());
    if (only.isPresent() && !catalogue.knowsSet(only.get())) {
      throw new UserError(
          "the catalogue has no migration set '"
              + only.get()
              + "'; push it with `flotilla migrations push`");
    }
    CatalogueListing listing = CatalogueListing.of(catalogue, only);
    if (json) {
      System.out.println(listing.json().encodePrettily());
    } else {
      System.out.print(listing.text());
    }
    return 0;
  }
}
