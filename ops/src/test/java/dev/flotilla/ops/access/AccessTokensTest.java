package dev.flotilla.ops.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class AccessTokensTest {
  private static final String SECRET = "a-secret-of-at-least-thirty-two-bytes!!";
  private static final Vertx vertx = Vertx.vertx();
  private static final AccessTokens tokens =
      AccessTokens.create(vertx, AccessSettings.signedWith(SECRET));

  @AfterAll
  static void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void aTokenNamesItsHolderAndRolesUntilItExpires() throws Exception {
    Instant now = Instant.now();
    AccessTokens.IssuedToken issued =
        tokens.issue("alice", Set.of(Role.OPERATOR, Role.APPROVER), Duration.ofHours(1), now);

    Caller caller = await(tokens.verify(issued.token()));

    assertThat(caller.name()).isEqualTo("alice");
    assertThat(caller.roles()).containsExactlyInAnyOrder(Role.OPERATOR, Role.APPROVER);
    assertThat(caller.expiresAt())
        .isEqualTo(Instant.ofEpochSecond(now.plusSeconds(3600).getEpochSecond()));
    assertThat(caller.may(Permission.OPERATE)).isTrue();
    assertThat(caller.may(Permission.APPROVE)).isTrue();
    assertThat(caller.may(Permission.ADMINISTER)).isFalse();
    assertThat(issued.toString()).doesNotContain(issued.token());
  }

  @Test
  void anExpiredTokenIsRefusedAsExpired() {
    String token =
        tokens
            .issue("bob", Set.of(Role.ADMIN), Duration.ofSeconds(1), Instant.now().minusSeconds(10))
            .token();

    assertThat(failure(tokens.verify(token))).hasMessage("the token has expired");
  }

  @Test
  void aTokenSignedWithAnotherSecretIsRefused() {
    AccessTokens other =
        AccessTokens.create(
            vertx, AccessSettings.signedWith("another-secret-of-thirty-two-bytes!!!"));
    String forged =
        other.issue("mallory", Set.of(Role.ADMIN), Duration.ofHours(1), Instant.now()).token();

    assertThat(failure(tokens.verify(forged))).hasMessageContaining("not valid");
  }

  @Test
  void aTokenWhoseClaimsWereEditedIsRefused() {
    String token =
        tokens.issue("eve", Set.of(Role.VIEWER), Duration.ofHours(1), Instant.now()).token();
    String[] parts = token.split("\\.");
    String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    String promoted = claims.replace("\"viewer\"", "\"admin\"");
    assertThat(promoted).isNotEqualTo(claims);
    String edited =
        parts[0]
            + "."
            + Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(promoted.getBytes(StandardCharsets.UTF_8))
            + "."
            + parts[2];

    assertThat(failure(tokens.verify(edited)))
        .isInstanceOf(AccessTokens.InvalidTokenException.class);
  }

  @Test
  void anUnsignedTokenIsRefused() {
    String header = encode("{\"alg\":\"none\",\"typ\":\"JWT\"}");
    String claims =
        encode(
            "{\"sub\":\"mallory\",\"roles\":[\"admin\"],\"iss\":\"flotilla\",\"aud\":\"flotilla-api\",\"exp\":"
                + Instant.now().plusSeconds(3600).getEpochSecond()
                + "}");

    assertThat(failure(tokens.verify(header + "." + claims + ".")))
        .isInstanceOf(AccessTokens.InvalidTokenException.class);
    assertThat(failure(tokens.verify("not-a-token")))
        .isInstanceOf(AccessTokens.InvalidTokenException.class);
  }

  @Test
  void namesRolesAndLifetimesAreChecked() {
    Instant now = Instant.now();
    assertThatThrownBy(
            () -> tokens.issue("has space", Set.of(Role.VIEWER), Duration.ofHours(1), now))
        .hasMessageContaining("name");
    assertThatThrownBy(() -> tokens.issue("ok", Set.of(), Duration.ofHours(1), now))
        .hasMessageContaining("role");
    assertThatThrownBy(() -> tokens.issue("ok", Set.of(Role.VIEWER), Duration.ofDays(400), now))
        .hasMessageContaining("366 days");
    assertThatThrownBy(() -> AccessSettings.signedWith("short")).hasMessageContaining("32 bytes");
  }

  private static String encode(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  private static Throwable failure(Future<?> future) {
    try {
      future.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("the token was accepted");
  }
}
