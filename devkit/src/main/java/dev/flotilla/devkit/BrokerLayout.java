package dev.flotilla.devkit;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.Uuid;

/**
 * Where a dev broker keeps its files, which ports it listens on and its {@code server.properties}.
 * The ports and cluster id are recorded in the work directory so that a broker started again on the
 * same directory (a restart, or a later run) finds its data and its quorum address unchanged.
 */
record BrokerLayout(
    Path workDir, int brokerPort, int controllerPort, String clusterId, int saslPort) {
  private static final String STATE_FILE = "devbroker.properties";
  private static final String HOST = "127.0.0.1";

  /** No SASL_SSL listener. */
  static final int NO_SASL = 0;

  /** Reads the layout recorded in {@code workDir}, or picks free ports and records a new one. */
  static BrokerLayout prepare(Path workDir) {
    return prepare(workDir, false);
  }

  /**
   * As {@link #prepare(Path)}; with {@code sasl}, a second listener takes clients over TLS that log
   * in with SASL PLAIN as {@link DevBroker#SASL_USER} (a directory recorded without one gets one
   * now).
   */
  static BrokerLayout prepare(Path workDir, boolean sasl) {
    Path dir = workDir.toAbsolutePath().normalize();
    try {
      Files.createDirectories(dir);
      Path state = dir.resolve(STATE_FILE);
      BrokerLayout layout = Files.exists(state) ? read(dir, state) : fresh(dir);
      if (sasl && layout.saslPort == NO_SASL) {
        layout =
            new BrokerLayout(
                dir, layout.brokerPort, layout.controllerPort, layout.clusterId, freePorts(1)[0]);
        layout.record();
      }
      layout.writeServerProperties();
      return layout;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot prepare the broker work directory " + dir, e);
    }
  }

  String bootstrapServers() {
    return HOST + ":" + brokerPort;
  }

  /** The SASL_SSL listener's address; empty without one. */
  java.util.Optional<String> saslBootstrapServers() {
    return saslPort == NO_SASL
        ? java.util.Optional.empty()
        : java.util.Optional.of(HOST + ":" + saslPort);
  }

  /** The certificate clients of the SASL_SSL listener trust (PEM). */
  Path trustedCertificate() {
    return workDir.resolve("broker-certificate.pem");
  }

  Path serverProperties() {
    return workDir.resolve("server.properties");
  }

  Path dataDir() {
    return workDir.resolve("data");
  }

  Path logFile() {
    return workDir.resolve("broker.log");
  }

  Path classpathArgFile() {
    return workDir.resolve("classpath.args");
  }

  /** Whether both ports can be bound right now (false while another process holds one). */
  boolean portsAreFree() {
    return isFree(brokerPort)
        && isFree(controllerPort)
        && (saslPort == NO_SASL || isFree(saslPort));
  }

  private static BrokerLayout fresh(Path dir) throws IOException {
    int[] ports = freePorts(2);
    BrokerLayout layout =
        new BrokerLayout(dir, ports[0], ports[1], Uuid.randomUuid().toString(), NO_SASL);
    layout.record();
    return layout;
  }

  /** Writes the ports and cluster id to the state file, atomically. */
  private void record() throws IOException {
    Path dir = workDir;
    Properties state = new Properties();
    state.setProperty("broker.port", Integer.toString(brokerPort));
    state.setProperty("controller.port", Integer.toString(controllerPort));
    state.setProperty("cluster.id", clusterId);
    if (saslPort != NO_SASL) {
      state.setProperty("sasl.port", Integer.toString(saslPort));
    }
    Path temp = dir.resolve(STATE_FILE + ".tmp");
    try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
      state.store(out, "Flotilla dev broker: ports and cluster id of the data in this directory");
    }
    Files.move(
        temp,
        dir.resolve(STATE_FILE),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
  }

  private static BrokerLayout read(Path dir, Path stateFile) throws IOException {
    Properties state = new Properties();
    try (Reader in = Files.newBufferedReader(stateFile, StandardCharsets.UTF_8)) {
      state.load(in);
    }
    try {
      return new BrokerLayout(
          dir,
          Integer.parseInt(state.getProperty("broker.port")),
          Integer.parseInt(state.getProperty("controller.port")),
          Uuid.fromString(state.getProperty("cluster.id")).toString(),
          Integer.parseInt(state.getProperty("sasl.port", Integer.toString(NO_SASL))));
    } catch (RuntimeException e) {
      throw new DevBrokerException(
          stateFile + " is damaged (" + e + "); delete " + dir + " to start a new broker there", e);
    }
  }

  private void writeServerProperties() throws IOException {
    String controller = HOST + ":" + controllerPort;
    Map<String, String> config = new LinkedHashMap<>();
    config.put("process.roles", "broker,controller");
    config.put("node.id", "1");
    config.put("controller.quorum.bootstrap.servers", controller);
    String secured = saslBootstrapServers().map(address -> ",SASL_SSL://" + address).orElse("");
    config.put(
        "listeners", "PLAINTEXT://" + bootstrapServers() + secured + ",CONTROLLER://" + controller);
    config.put("advertised.listeners", "PLAINTEXT://" + bootstrapServers() + secured);
    config.put("controller.listener.names", "CONTROLLER");
    config.put("inter.broker.listener.name", "PLAINTEXT");
    config.put(
        "listener.security.protocol.map",
        "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_SSL:SASL_SSL");
    if (saslPort != NO_SASL) {
      // TLS with a certificate of its own, and one user logging in with SASL PLAIN: for tests of
      // clients that must do both. The broker listens on 127.0.0.1 only.
      DevCertificate certificate = DevCertificate.in(workDir);
      config.put("sasl.enabled.mechanisms", "PLAIN");
      config.put(
          "listener.name.sasl_ssl.plain.sasl.jaas.config",
          "org.apache.kafka.common.security.plain.PlainLoginModule required user_"
              + DevBroker.SASL_USER
              + "=\""
              + DevBroker.SASL_PASSWORD
              + "\";");
      config.put("listener.name.sasl_ssl.ssl.keystore.type", "PKCS12");
      config.put("listener.name.sasl_ssl.ssl.keystore.location", certificate.keyStore().toString());
      config.put("listener.name.sasl_ssl.ssl.keystore.password", DevCertificate.PASSWORD);
      config.put("listener.name.sasl_ssl.ssl.key.password", DevCertificate.PASSWORD);
    }
    config.put("log.dirs", dataDir().toString());
    // A single node: every replication factor and ISR minimum is 1.
    config.put("num.partitions", "1");
    config.put("default.replication.factor", "1");
    config.put("min.insync.replicas", "1");
    config.put("offsets.topic.replication.factor", "1");
    config.put("transaction.state.log.replication.factor", "1");
    config.put("transaction.state.log.min.isr", "1");
    config.put("share.coordinator.state.topic.replication.factor", "1");
    config.put("share.coordinator.state.topic.min.isr", "1");
    // Fewer internal partitions: created on first use, each costs time on a small machine.
    config.put("offsets.topic.num.partitions", "10");
    config.put("transaction.state.log.num.partitions", "10");
    config.put("group.initial.rebalance.delay.ms", "0");
    // After a crash the controller refuses the restarted broker until the dead one's session
    // expires (9 s by default): a shorter session makes start-after-kill quick.
    config.put("broker.session.timeout.ms", "4000");
    config.put("broker.heartbeat.interval.ms", "500");
    config.put("auto.create.topics.enable", "false");
    // Light on a 2-core machine and a modest heap.
    config.put("num.network.threads", "2");
    config.put("num.io.threads", "4");
    config.put("num.recovery.threads.per.data.dir", "1");
    config.put("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));

    Path temp = workDir.resolve("server.properties.tmp");
    try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
      out.write("# Written by Flotilla's DevBroker; rewritten on every start.\n");
      for (Map.Entry<String, String> entry : config.entrySet()) {
        out.write(entry.getKey() + "=" + escape(entry.getValue()) + "\n");
      }
    }
    Files.move(
        temp,
        serverProperties(),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
  }

  /** Backslashes (Windows paths) are escapes in a properties file. */
  private static String escape(String value) {
    return value.replace("\\", "\\\\");
  }

  /** Distinct free ports: all sockets stay open until every port is known. */
  static int[] freePorts(int count) throws IOException {
    ServerSocket[] sockets = new ServerSocket[count];
    try {
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        sockets[i] = new ServerSocket();
        sockets[i].setReuseAddress(true);
        sockets[i].bind(new InetSocketAddress(HOST, 0));
        ports[i] = sockets[i].getLocalPort();
      }
      return ports;
    } finally {
      for (ServerSocket socket : sockets) {
        if (socket != null) {
          socket.close();
        }
      }
    }
  }

  private static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(HOST, port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
