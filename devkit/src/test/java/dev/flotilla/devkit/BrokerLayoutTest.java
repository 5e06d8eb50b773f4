package dev.flotilla.devkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Reader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerLayoutTest {
  @TempDir Path dir;

  @Test
  void aWorkDirectoryKeepsItsPortsAndClusterIdForTheNextStart() {
    BrokerLayout first = BrokerLayout.prepare(dir);

    BrokerLayout again = BrokerLayout.prepare(dir);

    assertThat(again).isEqualTo(first);
    assertThat(first.brokerPort()).isNotEqualTo(first.controllerPort());
    assertThat(first.bootstrapServers()).isEqualTo("127.0.0.1:" + first.brokerPort());
  }

  @Test
  void serverPropertiesDescribeASingleNodeKraftBrokerWithItsDataInTheWorkDirectory()
      throws Exception {
    BrokerLayout layout = BrokerLayout.prepare(dir);

    Properties config = new Properties();
    try (Reader in = Files.newBufferedReader(layout.serverProperties())) {
      config.load(in);
    }

    String controller = "127.0.0.1:" + layout.controllerPort();
    assertThat(config)
        .containsEntry("process.roles", "broker,controller")
        .containsEntry("controller.quorum.bootstrap.servers", controller)
        .containsEntry(
            "listeners",
            "PLAINTEXT://127.0.0.1:" + layout.brokerPort() + ",CONTROLLER://" + controller)
        .containsEntry("log.dirs", dir.resolve("data").toString())
        .containsEntry("offsets.topic.replication.factor", "1")
        .containsEntry("transaction.state.log.replication.factor", "1")
        .containsEntry("transaction.state.log.min.isr", "1")
        .containsEntry("group.initial.rebalance.delay.ms", "0")
        .containsEntry("auto.create.topics.enable", "false");
  }

  @Test
  void aBrokerWhosePortIsTakenFailsAtOnceNamingItsDirectory() throws Exception {
    BrokerLayout layout = BrokerLayout.prepare(dir);

    try (ServerSocket squatter = new ServerSocket()) {
      squatter.bind(new InetSocketAddress("127.0.0.1", layout.brokerPort()));

      assertThatThrownBy(() -> DevBroker.start(dir))
          .isInstanceOf(DevBrokerException.class)
          .hasMessageContaining("is in use")
          .hasMessageContaining(dir.toString());
    }
    assertThat(dir.resolve("broker.log")).doesNotExist();
  }

  @Test
  void aDamagedStateFileIsReportedWithTheWayOut() throws Exception {
    Files.writeString(dir.resolve("devbroker.properties"), "broker.port=x\n");

    assertThatThrownBy(() -> BrokerLayout.prepare(dir))
        .isInstanceOf(DevBrokerException.class)
        .hasMessageContaining("devbroker.properties is damaged")
        .hasMessageContaining("delete " + dir);
  }
}
