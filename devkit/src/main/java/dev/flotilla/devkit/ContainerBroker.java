package dev.flotilla.devkit;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.dockerclient.DockerClientConfigUtils;
import org.testcontainers.dockerclient.DockerClientProviderStrategy;
import org.testcontainers.dockerclient.TransportConfig;
import org.testcontainers.utility.DockerImageName;

/**
 * Kafka in a container started through Testcontainers, on host networking, for the tests that ask
 * for one: {@link KafkaImage#name()}, a single KRaft node on two free loopback ports.
 *
 * <p>An image is never pulled: where no registry is reachable a pull waits for minutes, so {@link
 * #unavailable} says first why a container broker cannot start here without one. Testcontainers is
 * an optional dependency of devkit; a module using this class puts {@code
 * org.testcontainers:testcontainers} on its test class path.
 */
public final class ContainerBroker implements AutoCloseable {
  /** A class of the artifact this one needs, to tell its absence apart from a broken engine. */
  static final String TESTCONTAINERS_CLASS = "org.testcontainers.containers.GenericContainer";

  /**
   * The reaper Testcontainers starts with the first container (its {@code RyukContainer}, which
   * names no public constant): check it when {@code testcontainers.version} changes.
   */
  static final String REAPER_IMAGE = "testcontainers/ryuk:0.14.0";

  private static final String REAPER_DISABLED_ENV = "TESTCONTAINERS_RYUK_DISABLED";
  private static final String HOST_OVERRIDE_ENV = "TESTCONTAINERS_HOST_OVERRIDE";
  private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(2);

  private final GenericContainer<?> container;
  private final String bootstrapServers;

  private ContainerBroker(GenericContainer<?> container, String bootstrapServers) {
    this.container = container;
    this.bootstrapServers = bootstrapServers;
  }

  /**
   * Why {@code image} cannot run here without a pull, or empty when it can: no Docker engine
   * answers, the image is not present locally, Testcontainers' reaper image is not (unless {@value
   * #REAPER_DISABLED_ENV} is true), or Testcontainers would run a helper image to find the engine
   * (unless {@value #HOST_OVERRIDE_ENV} is set). Asks the engine only, never a registry.
   */
  public static Optional<String> unavailable(String image) {
    TransportConfig engine;
    try {
      engine = DockerClientFactory.instance().getTransportConfig();
    } catch (IllegalStateException noValidEnvironment) {
      return Optional.of("no Docker engine answers");
    }
    // A plain client of the engine: DockerClientFactory's own (and isDockerAvailable()) would
    // start the reaper first, pulling its image.
    List<String> reasons = new ArrayList<>();
    try (DockerClient client = DockerClientProviderStrategy.getClientForConfig(engine)) {
      if (!isPresent(client, image)) {
        reasons.add(
            "the image "
                + image
                + " is not present locally (docker pull "
                + image
                + ", or build the stand-in with deploy/build-images.sh and set "
                + KafkaImage.ENV
                + "=flotilla-local/kafka:4.4.0)");
      }
      if (asksForAGatewayContainer(engine)) {
        reasons.add(
            "Testcontainers, itself in a container, may start alpine to find the Docker host's"
                + " address (set "
                + HOST_OVERRIDE_ENV
                + "=127.0.0.1: the broker runs on host networking)");
      }
      if (!Boolean.parseBoolean(System.getenv(REAPER_DISABLED_ENV))
          && !isPresent(client, REAPER_IMAGE)) {
        reasons.add(
            "Testcontainers' reaper image "
                + REAPER_IMAGE
                + " is not present locally (docker pull "
                + REAPER_IMAGE
                + ", or set "
                + REAPER_DISABLED_ENV
                + "=true)");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot close the Docker client", e);
    }
    if (reasons.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        String.join("; ", reasons) + ": images are never pulled here, a registry may not answer");
  }

  /**
   * Starts {@code image} and returns once the broker says it started. Call {@link #unavailable}
   * first: from here on Testcontainers pulls whatever is missing, and waits on the registry.
   *
   * @throws DevBrokerException if it does not start within two minutes
   */
  public static ContainerBroker start(String image) {
    int[] ports;
    try {
      ports = BrokerLayout.freePorts(2);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot find free ports for the Kafka container", e);
    }
    GenericContainer<?> container =
        new GenericContainer<>(DockerImageName.parse(image))
            .withNetworkMode("host")
            .withEnv(KafkaImage.singleNodeEnvironment(ports[0], ports[1]))
            .waitingFor(
                Wait.forLogMessage(".*Kafka Server started.*", 1)
                    .withStartupTimeout(STARTUP_TIMEOUT));
    try {
      container.start();
    } catch (RuntimeException e) {
      container.close();
      throw new DevBrokerException("The Kafka container " + image + " did not start: " + e, e);
    }
    return new ContainerBroker(container, "127.0.0.1:" + ports[0]);
  }

  /** {@code host:port} for {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** Stops and removes the container. */
  @Override
  public void close() {
    container.close();
  }

  /**
   * Whether Testcontainers would look for the engine's address itself: from inside a container,
   * over a socket, it reads the bridge network's gateway, and without one runs a helper image.
   */
  private static boolean asksForAGatewayContainer(TransportConfig engine) {
    String override = System.getenv(HOST_OVERRIDE_ENV);
    return (override == null || override.isBlank())
        && DockerClientConfigUtils.IN_A_CONTAINER
        && "unix".equals(engine.getDockerHost().getScheme());
  }

  private static boolean isPresent(DockerClient client, String image) {
    try {
      client.inspectImageCmd(image).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }
}
