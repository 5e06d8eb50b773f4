package dev.flotilla.devkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for a dev broker's TLS listener, for 127.0.0.1 (its subject alternative
 * name, so clients verify the host as they do in production): the broker's key store (PKCS12) and
 * the certificate alone (PEM), which clients trust. Made once per work directory with the JDK's
 * {@code keytool}.
 */
final class DevCertificate {
  static final String PASSWORD = "flotilla-dev-keystore";

  private final Path keyStore;
  private final Path certificate;

  private DevCertificate(Path keyStore, Path certificate) {
    this.keyStore = keyStore;
    this.certificate = certificate;
  }

  /** The certificate in {@code dir}, made now if it is not there yet. */
  static DevCertificate in(Path dir) throws IOException {
    DevCertificate made =
        new DevCertificate(dir.resolve("broker.p12"), dir.resolve("broker-certificate.pem"));
    if (!Files.exists(made.keyStore) || !Files.exists(made.certificate)) {
      Files.deleteIfExists(made.keyStore);
      keytool(
          "-genkeypair",
          "-alias",
          "broker",
          "-keyalg",
          "RSA",
          "-keysize",
          "2048",
          "-validity",
          "3650",
          "-dname",
          "CN=127.0.0.1",
          "-ext",
          "SAN=ip:127.0.0.1",
          "-storetype",
          "PKCS12",
          "-keystore",
          made.keyStore.toString(),
          "-storepass",
          PASSWORD,
          "-keypass",
          PASSWORD);
      keytool(
          "-exportcert",
          "-rfc",
          "-alias",
          "broker",
          "-keystore",
          made.keyStore.toString(),
          "-storepass",
          PASSWORD,
          "-file",
          made.certificate.toString());
    }
    return made;
  }

  Path keyStore() {
    return keyStore;
  }

  /** What a client trusts: {@code ssl.truststore.type=PEM}, this file as the location. */
  Path certificate() {
    return certificate;
  }

  private static void keytool(String... args) throws IOException {
    Path java = Path.of(JavaExecutable.current());
    Path keytool = java.resolveSibling("keytool");
    List<String> command = new java.util.ArrayList<>(List.of(keytool.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new DevBrokerException("keytool " + args[0] + " failed: " + output.strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DevBrokerException("interrupted while keytool made the broker's certificate", e);
    }
  }
}
