package dev.flotilla.cli;

import dev.flotilla.contracts.event.DeviceStage;
import java.util.Locale;

/** How a stage reads in the command's text: {@code rolled-back}, {@code safety-check}. */
final class Stages {
  private Stages() {}

  static String name(DeviceStage stage) {
    return stage.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
