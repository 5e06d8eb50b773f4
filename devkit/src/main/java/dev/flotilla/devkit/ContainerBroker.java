package dev.flotilla.devkit;

import java.lang.reflect.InvocationTargetException;

/**
 * Kafka in an {@code apache/kafka} container, started through Testcontainers for the tests that ask
 * for it. Testcontainers is looked up by reflection so devkit does not depend on it: a module whose
 * tests run with {@code FLOTILLA_TEST_BROKER=testcontainers} puts {@code
 * org.testcontainers:testcontainers-kafka} on its test classpath.
 */
final class ContainerBroker {
  static final String CONTAINER_CLASS = "org.testcontainers.kafka.KafkaContainer";

  /** The release of the parent POM's {@code kafka.version}, as the child-JVM broker runs. */
  static final String IMAGE = "apache/kafka:4.4.0";

  private ContainerBroker() {}

  /** Starts the container, stopped at JVM exit (Testcontainers' reaper also removes it). */
  static DevBroker start() {
    Class<?> type;
    try {
      type = Class.forName(CONTAINER_CLASS);
    } catch (ClassNotFoundException e) {
      throw new DevBrokerException(
          SharedTestBroker.BROKER_ENV
              + "=testcontainers needs org.testcontainers:testcontainers-kafka on the test"
              + " classpath");
    }
    try {
      AutoCloseable container =
          (AutoCloseable) type.getConstructor(String.class).newInstance(IMAGE);
      type.getMethod("start").invoke(container);
      String bootstrapServers = (String) type.getMethod("getBootstrapServers").invoke(container);
      Runtime.getRuntime()
          .addShutdownHook(new Thread(() -> closeQuietly(container), "flotilla-kafka-container"));
      return DevBroker.external(bootstrapServers);
    } catch (InvocationTargetException e) {
      throw new DevBrokerException(
          "The Kafka container " + IMAGE + " did not start: " + e.getCause(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new DevBrokerException(
          "This Testcontainers version does not offer " + CONTAINER_CLASS + "(String)", e);
    }
  }

  private static void closeQuietly(AutoCloseable container) {
    try {
      container.close();
    } catch (Exception e) {
      // the JVM is exiting; Testcontainers' reaper removes what is left
    }
  }
}
