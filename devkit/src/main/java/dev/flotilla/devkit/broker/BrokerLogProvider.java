package dev.flotilla.devkit.broker;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J binding of the broker's child JVM, selected there with {@code
 * -Dslf4j.provider=dev.flotilla.devkit.broker.BrokerLogProvider}. It is deliberately not registered
 * in {@code META-INF/services}: in the parent JVM (tests, the CLI) the application's own binding
 * stays in charge, while the child always logs the same way, to standard output (which the parent
 * sends to the broker's log file), whatever other binding or configuration the classpath holds.
 *
 * <p>The threshold is the system property {@value #LEVEL_PROPERTY} (default {@code INFO}).
 */
public final class BrokerLogProvider implements SLF4JServiceProvider {
  public static final String LEVEL_PROPERTY = "flotilla.broker.log.level";

  private ILoggerFactory loggerFactory;
  private IMarkerFactory markerFactory;
  private MDCAdapter mdcAdapter;

  @Override
  public ILoggerFactory getLoggerFactory() {
    return loggerFactory;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markerFactory;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdcAdapter;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  @Override
  public void initialize() {
    Level threshold =
        Level.valueOf(System.getProperty(LEVEL_PROPERTY, "INFO").trim().toUpperCase(Locale.ROOT));
    Map<String, Logger> loggers = new ConcurrentHashMap<>();
    loggerFactory = name -> loggers.computeIfAbsent(name, n -> new BrokerLogger(n, threshold));
    markerFactory = new BasicMarkerFactory();
    mdcAdapter = new BasicMDCAdapter();
  }
}
