package dev.flotilla.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.messaging.ConfigException;
import dev.flotilla.messaging.Env;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DashboardConfigTest {

  @Test
  void withoutTheVariableTheDashboardAsksTheCoordinatorOnThisMachine() {
    DashboardConfig config = DashboardConfig.fromEnv(Env.of(Map.of()));

    assertThat(config.host()).isEqualTo("127.0.0.1");
    assertThat(config.port()).isEqualTo(8081);
    assertThat(config.ssl()).isFalse();
    assertThat(config.uriOf("/rollouts", null)).isEqualTo("/rollouts");
  }

  @Test
  void theCoordinatorUrlMayNameAnotherHostAPortlessSchemeAndABasePath() {
    DashboardConfig config =
        DashboardConfig.fromEnv(
            Env.of(Map.of("FLOTILLA_COORDINATOR_URL", "https://ops.example.com/flotilla/")));

    assertThat(config.host()).isEqualTo("ops.example.com");
    assertThat(config.port()).isEqualTo(443);
    assertThat(config.ssl()).isTrue();
    assertThat(config.uriOf("/audit", "rollout=r-1&after=100"))
        .isEqualTo("/flotilla/audit?rollout=r-1&after=100");
  }

  @Test
  void aValueThatIsNoHttpUrlIsRefusedNamingTheVariable() {
    for (String bad :
        new String[] {
          "127.0.0.1:8081", "ftp://host/", "http://", "http://host/?x=1", "http://a b"
        }) {
      assertThatThrownBy(
              () -> DashboardConfig.fromEnv(Env.of(Map.of("FLOTILLA_COORDINATOR_URL", bad))))
          .as(bad)
          .isInstanceOf(ConfigException.class)
          .hasMessageStartingWith("FLOTILLA_COORDINATOR_URL: ");
    }
  }
}
