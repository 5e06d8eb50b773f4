package dev.flotilla.contracts.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.contracts.InvalidMessageException;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.command.WorkerCommand;
import dev.flotilla.contracts.event.RolloutEvent;
import dev.flotilla.contracts.request.Approval;
import dev.flotilla.contracts.request.RolloutPolicy;
import dev.flotilla.contracts.request.UpdateRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad input gets an error that names the field, so whoever wrote it knows what to fix. */
class DecodingErrorsTest {
  private final MessageCodec codec = new MessageCodec();

  private static final String MINIMAL_REQUEST =
      """
      {"type": "UpdateRequest", "schema": 1, "rolloutId": "r-1", "migrationSet": "coachiq",
       "targetVersion": 5, "selector": {"devices": ["rv-0001"]}}
      """;

  private InvalidMessageException failure(String json, Class<?> family) {
    try {
      codec.decode(json, family);
    } catch (InvalidMessageException e) {
      return e;
    }
    throw new AssertionError("decoded without error: " + json);
  }

  @Test
  void aHandWrittenRequestNeedsOnlyTheEssentialFields() {
    UpdateRequest request = codec.decode(MINIMAL_REQUEST, UpdateRequest.class);

    assertThat(request.targetVersion()).isEqualTo(VersionId.of(5));
    assertThat(request.policy()).isEqualTo(RolloutPolicy.DEFAULT);
    assertThat(request.messageId()).isNotNull();
    assertThat(request.requestedBy()).isEqualTo("unknown");
  }

  @Test
  void aHugeTextAnywhereIsRefusedAndARequesterIsAtMost256Characters() {
    String huge = "x".repeat(MessageCodec.MAX_TEXT + 1);

    assertThat(
            failure(
                MINIMAL_REQUEST.replace(
                    "\"rolloutId\": \"r-1\"", "\"rolloutId\": \"" + huge + "\""),
                UpdateRequest.class))
        .hasMessage("a text field is longer than the 4194304 characters a message may hold");
    assertThat(
            failure(
                MINIMAL_REQUEST.replace("}}", "}, \"requestedBy\": \"" + "a".repeat(257) + "\"}"),
                UpdateRequest.class))
        .hasMessage("requestedBy: at most 256 characters, got 257");
    assertThat(
            codec
                .decode(
                    MINIMAL_REQUEST.replace(
                        "}}", "}, \"requestedBy\": \"" + "a".repeat(256) + "\"}"),
                    UpdateRequest.class)
                .requestedBy())
        .hasSize(256);
  }

  @Test
  void theDesignDocumentExampleRequestDecodes() {
    UpdateRequest request =
        codec.decode(
            """
            { "type": "UpdateRequest", "schema": 1, "rolloutId": "r-2026-11-22-a",
              "migrationSet": "coachiq", "targetVersion": 5,
              "selector": { "devices": ["rv-0001", "rv-0002"] },
              "policy": { "waves": [1, 10, 50, 100], "maxInFlight": 50, "failureThreshold": 0.05,
                          "onThreshold": "halt", "approval": "between-waves", "dryRun": false },
              "requestedBy": "ops@example.com" }
            """,
            UpdateRequest.class);

    assertThat(request.policy().waves()).containsExactly(1, 10, 50, 100);
    assertThat(request.policy().approval()).isEqualTo(Approval.BETWEEN_WAVES);
  }

  @Test
  void aMissingFieldIsNamed() {
    var e =
        failure(
            """
            {"type": "UpdateRequest", "schema": 1, "rolloutId": "r-1", "migrationSet": "coachiq",
             "selector": {"all": true}}
            """,
            UpdateRequest.class);
    assertThat(e.field()).isEqualTo("targetVersion");
    assertThat(e.getMessage()).isEqualTo("targetVersion: is required");
  }

  @Test
  void aBadNestedFieldIsNamedWithItsPath() {
    var e =
        failure(
            MINIMAL_REQUEST.replace("}}", "}, \"policy\": {\"maxInFlight\": 0}}"),
            UpdateRequest.class);
    assertThat(e.field()).isEqualTo("policy.maxInFlight");
  }

  @Test
  void aBadListElementIsNamedWithItsIndex() {
    var e =
        failure(
            MINIMAL_REQUEST.replace("}}", "}, \"policy\": {\"waves\": [10, 5, 100]}}"),
            UpdateRequest.class);
    assertThat(e.field()).isEqualTo("policy.waves[1]");
  }

  @Test
  void aMalformedIdIsNamed() {
    var e = failure(MINIMAL_REQUEST.replace("\"r-1\"", "\"../etc\""), UpdateRequest.class);
    assertThat(e.field()).isEqualTo("rolloutId");
    assertThat(e.problem()).contains("../etc");
  }

  @Test
  void aMisspeltFieldIsAnErrorNotSilence() {
    var e =
        failure(
            MINIMAL_REQUEST.replace("}}", "}, \"policy\": {\"maxInflight\": 3}}"),
            UpdateRequest.class);
    assertThat(e.field()).isEqualTo("policy.maxInflight");
    assertThat(e.problem()).contains("maxInFlight");
  }

  @Test
  void aSelectorMustChooseExactlyOneWay() {
    var e =
        failure(
            MINIMAL_REQUEST.replace(
                "{\"devices\": [\"rv-0001\"]}", "{\"devices\": [\"rv-0001\"], \"all\": true}"),
            UpdateRequest.class);
    assertThat(e.field()).isEqualTo("selector");
  }

  @Test
  void notJsonIsRejectedPlainly() {
    var e = failure("{not json", UpdateRequest.class);
    assertThat(e.field()).isEmpty();
    assertThat(e.problem()).startsWith("not valid JSON");
  }

  @Test
  void anUnknownTypeIsNamed() {
    var e = failure("{\"type\": \"Nope\", \"schema\": 1}", UpdateRequest.class);
    assertThat(e.field()).isEqualTo("type");
    assertThat(e.problem()).contains("Nope");
  }

  @Test
  void aMessageOfAnotherFamilyIsRejected() {
    String command = codec.encodeToString(Samples.MIGRATE);
    assertThat(codec.decode(command, WorkerCommand.class)).isEqualTo(Samples.MIGRATE);

    var e = failure(command, RolloutEvent.class);
    assertThat(e.field()).isEqualTo("type");
    assertThat(e.problem()).contains("is not a RolloutEvent");
  }

  @Test
  void aSchemaFromTheFutureIsRejected() {
    var e =
        failure(MINIMAL_REQUEST.replace("\"schema\": 1", "\"schema\": 99"), UpdateRequest.class);
    assertThat(e.field()).isEqualTo("schema");
  }

  @Test
  void theSchemaIsRequired() {
    var e = failure(MINIMAL_REQUEST.replace("\"schema\": 1,", ""), UpdateRequest.class);
    assertThat(e.field()).isEqualTo("schema");
  }

  @Test
  void wrongValueTypesAreNamed() {
    var e =
        failure(
            MINIMAL_REQUEST.replace("\"targetVersion\": 5", "\"targetVersion\": \"five\""),
            UpdateRequest.class);
    assertThat(e.field()).isEqualTo("targetVersion");
  }

  @Test
  void listsAreImmutableCopies() {
    UpdateRequest request = codec.decode(MINIMAL_REQUEST, UpdateRequest.class);
    assertThatThrownBy(() -> request.selector().devices().add(null))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(request.policy().waves()).isEqualTo(List.of(100));
  }
}
