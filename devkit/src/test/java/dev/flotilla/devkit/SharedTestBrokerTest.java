package dev.flotilla.devkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
  void testcontainersWithoutItsArtifactOnTheClasspathSaysWhichArtifactToAdd() {
    // devkit's own tests do not have Testcontainers: the case of a module that forgot it.
    assertThatThrownBy(() -> SharedTestBroker.start("", "testcontainers"))
        .isInstanceOf(DevBrokerException.class)
        .hasMessageContaining("FLOTILLA_TEST_BROKER=testcontainers")
        .hasMessageContaining("org.testcontainers:testcontainers-kafka");
  }
}
