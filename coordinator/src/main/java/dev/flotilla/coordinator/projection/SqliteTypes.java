package dev.flotilla.coordinator.projection;

import dev.flotilla.contracts.catalogue.VersionId;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;

/**
 * How the projection's own types sit in SQLite columns. Instants are fixed-width ISO-8601 text
 * (nine fraction digits), so that text order is time order and a glance at the file reads well.
 */
final class SqliteTypes {
  private static final DateTimeFormatter INSTANT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

  private SqliteTypes() {}

  static String text(Instant instant) {
    return INSTANT.format(instant);
  }

  static Jdbi register(Jdbi jdbi) {
    // Registered after Jdbi's own, so these win over its Instant-as-timestamp mapping.
    return jdbi.registerArgument(new InstantArgument())
        .registerArgument(new ReasonsArgument())
        .registerArgument(new VersionArgument())
        .registerColumnMapper(
            VersionId.class,
            (rs, column, ctx) -> {
              String value = rs.getString(column);
              return value == null ? null : VersionId.parse(value);
            })
        .registerColumnMapper(
            Instant.class,
            (rs, column, ctx) -> {
              String value = rs.getString(column);
              return value == null ? null : Instant.parse(value);
            })
        .registerColumnMapper(
            Reasons.class,
            (rs, column, ctx) -> {
              String value = rs.getString(column);
              return value == null ? Reasons.NONE : Reasons.fromJson(value);
            });
  }

  private static final class InstantArgument extends AbstractArgumentFactory<Instant> {
    InstantArgument() {
      super(Types.VARCHAR);
    }

    @Override
    protected Argument build(Instant value, ConfigRegistry config) {
      return (position, statement, ctx) -> statement.setString(position, text(value));
    }
  }

  /** As written ({@code 1.1}, {@code 001}): INTEGER affinity would turn {@code 1.10} into 1.1. */
  private static final class VersionArgument extends AbstractArgumentFactory<VersionId> {
    VersionArgument() {
      super(Types.VARCHAR);
    }

    @Override
    protected Argument build(VersionId value, ConfigRegistry config) {
      return (position, statement, ctx) -> statement.setString(position, value.toString());
    }
  }

  private static final class ReasonsArgument extends AbstractArgumentFactory<Reasons> {
    ReasonsArgument() {
      super(Types.VARCHAR);
    }

    @Override
    protected Argument build(Reasons value, ConfigRegistry config) {
      return (position, statement, ctx) -> statement.setString(position, value.toJson());
    }
  }
}
