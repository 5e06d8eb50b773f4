package dev.flotilla.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --requested-by WHO}: who asks, as the audit trail will name them. */
final class Requester {
  @Option(
      names = "--requested-by",
      paramLabel = "WHO",
      description =
          "Who asks, as the audit trail will name them (default: $USER@hostname). An API that"
              + " checks tokens names the token's holder instead.")
  String requestedBy;

  String name() {
    return requestedBy != null && !requestedBy.isBlank() ? requestedBy : defaultName();
  }

  /** {@code user@host}, as the operator is known on this machine. */
  static String defaultName() {
    String user =
        Optional.ofNullable(System.getenv("USER"))
            .filter(u -> !u.isBlank())
            .orElse(System.getProperty("user.name", "unknown"));
    return user + "@" + hostname();
  }

  private static String hostname() {
    String fromEnv = System.getenv("HOSTNAME");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
