package dev.flotilla.contracts.device;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceConditionsViewTest {
  private static final DeviceId DEVICE = DeviceId.of("rv-0001");
  private static final DeviceConditions DRIVING = new DeviceConditions(false, 0, List.of());

  private final DeviceConditionsView view = new DeviceConditionsView();

  @Test
  void aDeviceThatNeverReportedHasNoConditionsAndNoGroups() {
    assertThat(view.conditions(DEVICE)).isEmpty();
    assertThat(view.groups(DEVICE)).isEmpty();
  }

  @Test
  void theLatestReportedConditionsAndGroupsWin() {
    view.accept(report(List.of("west"), DRIVING));
    view.accept(report(List.of("east"), DeviceConditions.IDLE));

    assertThat(view.conditions(DEVICE)).contains(DeviceConditions.IDLE);
    assertThat(view.groups(DEVICE)).containsExactly("east");
  }

  @Test
  void aWorkersReportWithoutConditionsOrGroupsLeavesWhatTheDeviceSaid() {
    view.accept(report(List.of("west"), DRIVING));
    view.accept(report(List.of(), null));

    assertThat(view.conditions(DEVICE)).contains(DRIVING);
    assertThat(view.groups(DEVICE)).containsExactly("west");
  }

  private static DeviceReport report(List<String> groups, DeviceConditions conditions) {
    return new DeviceReport(MessageId.random(), Instant.now(), DEVICE, 2, 4096, groups, conditions);
  }
}
