package dev.flotilla.ops.access;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * Issues and verifies Flotilla's bearer tokens: JWTs signed with HS256 by the shared secret, naming
 * the holder ({@code sub}) and its roles. A token is checked for its signature, issuer, audience
 * and expiry; nothing about it is stored, so whoever holds the secret can issue one and every
 * service that holds it can check one.
 */
public final class AccessTokens {
  static final String ALGORITHM = "HS256";
  static final String ISSUER = "flotilla";
  static final String AUDIENCE = "flotilla-api";
  static final String ROLES = "roles";

  /** The longest a token may live: long-lived credentials are rotated, not kept forever. */
  public static final Duration MAX_TTL = Duration.ofDays(366);

  private final JWTAuth jwt;

  private AccessTokens(JWTAuth jwt) {
    this.jwt = jwt;
  }

  /**
   * @throws IllegalStateException when {@code settings} check no tokens
   */
  public static AccessTokens create(Vertx vertx, AccessSettings settings) {
    JWTOptions checks = new JWTOptions().setIssuer(ISSUER).addAudience(AUDIENCE).setLeeway(0);
    return new AccessTokens(
        JWTAuth.create(
            vertx,
            new JWTAuthOptions()
                .addPubSecKey(
                    new PubSecKeyOptions().setAlgorithm(ALGORITHM).setBuffer(settings.secret()))
                .setJWTOptions(checks)));
  }

  /**
   * A token for {@code name} with {@code roles}, good for {@code ttl}.
   *
   * @throws IllegalArgumentException for a bad name, no role, or a ttl outside 1 s … {@link
   *     #MAX_TTL}
   */
  public IssuedToken issue(String name, Set<Role> roles, Duration ttl, Instant now) {
    if (ttl.compareTo(Duration.ofSeconds(1)) < 0 || ttl.compareTo(MAX_TTL) > 0) {
      throw new IllegalArgumentException(
          "a token lives between 1 second and " + MAX_TTL.toDays() + " days, got " + ttl);
    }
    Instant expires = now.plus(ttl);
    Caller holder = new Caller(name, roles, expires);
    JsonArray labels = new JsonArray();
    EnumSet.copyOf(holder.roles()).forEach(role -> labels.add(role.label()));
    String id = UUID.randomUUID().toString();
    JsonObject claims =
        new JsonObject()
            .put("jti", id)
            .put("iat", now.getEpochSecond())
            .put("exp", expires.getEpochSecond())
            .put(ROLES, labels);
    String token =
        jwt.generateToken(
            claims,
            new JWTOptions()
                .setAlgorithm(ALGORITHM)
                .setIssuer(ISSUER)
                .addAudience(AUDIENCE)
                .setSubject(holder.name())
                .setNoTimestamp(true));
    return new IssuedToken(token, id, holder);
  }

  /**
   * The caller a token names; a failed future, saying why in words fit for the caller, when the
   * token is forged, altered, expired or not one of ours.
   */
  public Future<Caller> verify(String token) {
    return jwt.authenticate(new TokenCredentials(token))
        .recover(failure -> Future.failedFuture(new InvalidTokenException(reason(failure))))
        .compose(AccessTokens::caller);
  }

  private static Future<Caller> caller(User user) {
    // Vert.x keeps the verified claims in the attributes, the time claims taken out of the
    // principal.
    JsonObject claims = user.attributes().getJsonObject("accessToken", user.principal());
    try {
      JsonArray labels = claims.getJsonArray(ROLES);
      Set<Role> roles = EnumSet.noneOf(Role.class);
      for (Object label : labels) {
        roles.add(Role.parse((String) label));
      }
      return Future.succeededFuture(
          new Caller(claims.getString("sub"), roles, Instant.ofEpochSecond(claims.getLong("exp"))));
    } catch (RuntimeException e) {
      return Future.failedFuture(
          new InvalidTokenException("the token's claims are not Flotilla's: " + e.getMessage()));
    }
  }

  private static String reason(Throwable failure) {
    String message = String.valueOf(failure.getMessage());
    if (message.toLowerCase(java.util.Locale.ROOT).contains("expired")) {
      return "the token has expired";
    }
    return "the token is not valid (not signed by this fleet's secret, altered, or not a JWT)";
  }

  /** A token just issued: give {@link #token()} to its holder once; {@link #id()} may be logged. */
  public record IssuedToken(String token, String id, Caller holder) {
    @Override
    public String toString() {
      return "IssuedToken[id=" + id + ", holder=" + holder + "]";
    }
  }

  /** A token refused: forged, altered, expired, or missing what ours carry. */
  public static final class InvalidTokenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InvalidTokenException(String reason) {
      super(reason, null, false, false);
    }
  }
}
