package dev.flotilla.cli;

import dev.flotilla.devkit.DevBroker;
import dev.flotilla.messaging.KafkaSettings;
import dev.flotilla.messaging.TopicProvisioner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flotilla broker}: a development Kafka broker in the foreground. */
@Command(
    name = "broker",
    description = "Run a single-node development Kafka broker (KRaft) until Ctrl-C.")
final class BrokerCommand implements Callable<Integer> {
  @Option(
      names = "--work-dir",
      paramLabel = "DIR",
      description = "Where the broker keeps its data and log (default: a new temporary folder).")
  Path workDir;

  @Override
  public Integer call() throws Exception {
    Path dir = workDir != null ? workDir : Files.createTempDirectory("flotilla-broker-");
    System.out.println("starting Kafka in " + dir.toAbsolutePath() + " ...");
    DevBroker broker = DevBroker.start(dir);
    TopicProvisioner.ensureTopics(KafkaSettings.of(broker.bootstrapServers()));
    System.out.println("Kafka is ready; Flotilla's topics exist.");
    System.out.println("export FLOTILLA_BOOTSTRAP_SERVERS=" + broker.bootstrapServers());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  broker.close();
                  stopped.countDown();
                }));
    stopped.await();
    return 0;
  }
}
