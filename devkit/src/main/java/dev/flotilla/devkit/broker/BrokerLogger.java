package dev.flotilla.devkit.broker;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** One line per event on standard output: time, level, thread, logger, message, stack trace. */
final class BrokerLogger extends LegacyAbstractLogger {
  private final Level threshold;

  BrokerLogger(String name, Level threshold) {
    this.name = name;
    this.threshold = threshold;
  }

  @Override
  public boolean isTraceEnabled() {
    return enabled(Level.TRACE);
  }

  @Override
  public boolean isDebugEnabled() {
    return enabled(Level.DEBUG);
  }

  @Override
  public boolean isInfoEnabled() {
    return enabled(Level.INFO);
  }

  @Override
  public boolean isWarnEnabled() {
    return enabled(Level.WARN);
  }

  @Override
  public boolean isErrorEnabled() {
    return enabled(Level.ERROR);
  }

  // SLF4J's Level numbers grow with severity: ERROR is 40, TRACE 0.
  private boolean enabled(Level level) {
    return level.toInt() >= threshold.toInt();
  }

  @Override
  protected String getFullyQualifiedCallerName() {
    return null;
  }

  @Override
  protected void handleNormalizedLoggingCall(
      Level level, Marker marker, String pattern, Object[] arguments, Throwable throwable) {
    StringWriter line = new StringWriter(160);
    line.append(Instant.now().toString())
        .append(' ')
        .append(String.format("%-5s", level))
        .append(" [")
        .append(Thread.currentThread().getName())
        .append("] ")
        .append(name)
        .append(" - ")
        .append(MessageFormatter.basicArrayFormat(pattern, arguments));
    if (throwable != null) {
      line.append(System.lineSeparator());
      throwable.printStackTrace(new PrintWriter(line));
    }
    // One print per event keeps lines of concurrent threads whole.
    String text = line.toString();
    System.out.print(text.endsWith(System.lineSeparator()) ? text : text + System.lineSeparator());
    System.out.flush();
  }
}
