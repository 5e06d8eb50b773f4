package dev.flotilla.devkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DevBrokerTest {
  @Test
  void anExternalBrokerOnlyLendsItsAddressAndIsNeverStoppedByUs() {
    DevBroker external = DevBroker.external(" kafka:9092 ");

    external.stop();
    external.close();

    assertThat(external.bootstrapServers()).isEqualTo("kafka:9092");
    assertThat(external.isManaged()).isFalse();
    assertThat(external.isRunning()).isTrue();
    assertThat(external.pid()).isEmpty();
    assertThatThrownBy(external::kill).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(external::restart).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(external::workDir).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void anExternalBrokerNeedsAnAddress() {
    assertThatThrownBy(() -> DevBroker.external(" ")).isInstanceOf(IllegalArgumentException.class);
  }
}
