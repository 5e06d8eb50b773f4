package dev.flotilla.backup;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads and durably writes backup manifests as JSON. */
final class ManifestFiles {
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .build();

  private ManifestFiles() {}

  static BackupManifest read(Path file) throws IOException {
    return JSON.readValue(Files.readAllBytes(file), BackupManifest.class);
  }

  static void write(Path file, BackupManifest manifest) throws IOException {
    DurableFiles.writeAtomically(file, JSON.writeValueAsBytes(manifest));
  }
}
