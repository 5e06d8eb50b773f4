package dev.flotilla.devkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SharedTestBrokerTest {
  @Test
  void anExternalAddressWinsOverTheBrokerKind() {
    DevBroker broker = SharedTestBroker.start(" kafka:9092 ", "testcontainers");

    assertThat(broker.bootstrapServers()).isEqualTo("kafka:9092");
    assertThat(broker.isManaged()).isFalse();
  }

  @Test
  void anUnknownBrokerKindIsAClearErrorNamingTheVariable() {
    assertThatThrownBy(() -> SharedTestBroker.start(null, "docker"))
        .isInstanceOf(DevBrokerException.class)
        .hasMessage("FLOTILLA_TEST_BROKER must be devkit or testcontainers, not 'docker'");
  }

  @Test
  void testcontainersMissingFromTheClasspathIsNamedWithItsArtifact() {
    assertThatThrownBy(() -> SharedTestBroker.requireClass("org.testcontainers.NoSuchContainer"))
        .isInstanceOf(DevBrokerException.class)
        .hasMessageContaining("FLOTILLA_TEST_BROKER=testcontainers")
        .hasMessageContaining("org.testcontainers:testcontainers");
  }

  @Test
  void aContainerBrokerThatWouldNeedAPullFailsAtOnceSayingWhy() {
    // With no Docker engine, or with one that lacks the image: either way no pull, no wait.
    long started = System.nanoTime();

    assertThatThrownBy(() -> SharedTestBroker.startContainer("flotilla-test/no-such-kafka:0"))
        .isInstanceOf(DevBrokerException.class)
        .hasMessageContaining("FLOTILLA_TEST_BROKER=testcontainers cannot start")
        .hasMessageContaining("flotilla-test/no-such-kafka:0");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
  }
}
