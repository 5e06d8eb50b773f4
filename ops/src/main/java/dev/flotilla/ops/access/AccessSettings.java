package dev.flotilla.ops.access;

import dev.flotilla.messaging.ConfigException;
import dev.flotilla.messaging.Env;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether a service checks bearer tokens, and the secret they are signed with. Every service that
 * serves more than probes and metrics refuses to start without one, unless told plainly to let
 * anyone in ({@value #MODE}{@code =off}).
 *
 * <p>The secret never appears in {@link #toString()}, a log line or an answer.
 */
public final class AccessSettings {
  public static final String SECRET = "FLOTILLA_AUTH_SECRET";
  public static final String SECRET_FILE = "FLOTILLA_AUTH_SECRET_FILE";
  public static final String MODE = "FLOTILLA_AUTH";

  /** HS256 wants a key at least as long as its hash: 256 bits. */
  static final int MIN_SECRET_BYTES = 32;

  /** Nothing checked: every request acts with every role, as its body says who sent it. */
  public static final AccessSettings OFF = new AccessSettings(null);

  private final String secret;

  private AccessSettings(String secret) {
    this.secret = secret;
  }

  /**
   * @throws IllegalArgumentException for a secret shorter than {@value #MIN_SECRET_BYTES} bytes
   */
  public static AccessSettings signedWith(String secret) {
    if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException(
          "the token secret must be at least "
              + MIN_SECRET_BYTES
              + " bytes (e.g. the output of: openssl rand -base64 48)");
    }
    return new AccessSettings(secret);
  }

  /**
   * {@value #SECRET}, or a file named by {@value #SECRET_FILE} (a container secret); or {@value
   * #MODE}{@code =off} to check nothing. Neither is a refusal to start.
   *
   * @throws ConfigException naming the variable to set
   */
  public static AccessSettings fromEnv(Env env) {
    Optional<String> inline = env.optional(SECRET);
    Optional<String> file = env.optional(SECRET_FILE);
    Optional<String> mode = env.optional(MODE);
    if (mode.isPresent() && !mode.get().equals("off") && !mode.get().equals("tokens")) {
      throw new ConfigException(
          MODE + " is 'tokens' (the default) or 'off', got '" + mode.get() + "'");
    }
    if (mode.filter("off"::equals).isPresent()) {
      if (inline.isPresent() || file.isPresent()) {
        throw new ConfigException(
            MODE + "=off lets anyone in, yet a token secret is set too: unset one of them");
      }
      return OFF;
    }
    if (inline.isPresent() && file.isPresent()) {
      throw new ConfigException("set " + SECRET + " or " + SECRET_FILE + ", not both");
    }
    String secret =
        inline.orElseGet(
            () ->
                file.map(AccessSettings::read)
                    .orElseThrow(
                        () ->
                            new ConfigException(
                                SECRET
                                    + " is not set: the HTTP API and event streams only answer"
                                    + " bearer tokens signed with it (openssl rand -base64 48"
                                    + " makes one; "
                                    + SECRET_FILE
                                    + " reads it from a file); "
                                    + MODE
                                    + "=off lets anyone in")));
    try {
      return signedWith(secret);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          (inline.isPresent() ? SECRET : SECRET_FILE) + ": " + e.getMessage(), e);
    }
  }

  private static String read(String path) {
    try {
      return Files.readString(Path.of(path), StandardCharsets.UTF_8).strip();
    } catch (IOException | RuntimeException e) {
      throw new ConfigException(SECRET_FILE + " names '" + path + "', which cannot be read", e);
    }
  }

  /** Whether tokens are checked at all. */
  public boolean checksTokens() {
    return secret != null;
  }

  /** The signing secret; only {@link AccessTokens} reads it. */
  String secret() {
    if (secret == null) {
      throw new IllegalStateException("access control is off: there is no secret");
    }
    return secret;
  }

  @Override
  public String toString() {
    return checksTokens() ? "AccessSettings[tokens]" : "AccessSettings[off]";
  }
}
