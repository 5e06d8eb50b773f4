package dev.flotilla.contracts.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.Message;
import dev.flotilla.contracts.command.Step;
import dev.flotilla.contracts.event.DeviceOutcome;
import dev.flotilla.contracts.event.DeviceStage;
import dev.flotilla.contracts.event.RolloutEvent;
import dev.flotilla.contracts.reply.WorkerReply;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The visitors cover their families exactly: one method per registered type, and each message calls
 * the method of its own type. The compiler holds every visitor to these methods.
 */
class VisitorsTest {

  @Test
  void theEventVisitorHasOneMethodPerRegisteredEventType() {
    assertThat(parameterTypes(RolloutEvent.Visitor.class))
        .containsExactlyInAnyOrderElementsOf(registered(RolloutEvent.class))
        .containsExactlyInAnyOrderElementsOf(leaves(RolloutEvent.class));
  }

  @Test
  void theReplyVisitorHasOneMethodPerRegisteredReplyType() {
    assertThat(parameterTypes(WorkerReply.Visitor.class))
        .containsExactlyInAnyOrderElementsOf(registered(WorkerReply.class))
        .containsExactlyInAnyOrderElementsOf(leaves(WorkerReply.class));
  }

  @Test
  void everyEventCallsTheMethodOfItsOwnType() {
    for (Message sample : samplesOf(RolloutEvent.class)) {
      RolloutEvent event = (RolloutEvent) sample;
      Object seen = event.accept(eventRecorder());
      assertThat(seen).as(event.getClass().getSimpleName()).isSameAs(event);
    }
  }

  @Test
  void everyReplyCallsTheMethodOfItsOwnType() {
    for (Message sample : samplesOf(WorkerReply.class)) {
      WorkerReply reply = (WorkerReply) sample;
      Object seen = reply.accept(replyRecorder());
      assertThat(seen).as(reply.getClass().getSimpleName()).isSameAs(reply);
    }
  }

  @Test
  void everyStepAndEveryOutcomeHasItsOwnStage() {
    Set<DeviceStage> seen = new HashSet<>();
    for (Step step : Step.values()) {
      DeviceStage stage = DeviceStage.of(step);
      assertThat(stage.step()).contains(step);
      assertThat(stage.inFlight()).isTrue();
      assertThat(stage.finished()).isFalse();
      seen.add(stage);
    }
    for (DeviceOutcome outcome : DeviceOutcome.values()) {
      DeviceStage stage = DeviceStage.of(outcome);
      assertThat(stage.outcome()).contains(outcome);
      assertThat(stage.inFlight()).isFalse();
      seen.add(stage);
    }
    assertThat(seen).hasSize(Step.values().length + DeviceOutcome.values().length);
    assertThat(DeviceStage.values())
        .filteredOn(stage -> !seen.contains(stage))
        .containsExactly(DeviceStage.PENDING, DeviceStage.DEFERRED);
  }

  @SuppressWarnings("unchecked")
  private static RolloutEvent.Visitor<Object> eventRecorder() {
    return recording(RolloutEvent.Visitor.class);
  }

  @SuppressWarnings("unchecked")
  private static WorkerReply.Visitor<Object> replyRecorder() {
    return recording(WorkerReply.Visitor.class);
  }

  /**
   * A visitor of any family that answers with the message it was called with, checking the type.
   */
  private static <V> V recording(Class<V> visitor) {
    Object proxy =
        Proxy.newProxyInstance(
            visitor.getClassLoader(),
            new Class<?>[] {visitor},
            (self, method, args) -> {
              assertThat(method.getName()).isEqualTo("visit");
              assertThat(args[0]).isExactlyInstanceOf(method.getParameterTypes()[0]);
              return args[0];
            });
    return visitor.cast(proxy);
  }

  private static List<Class<?>> parameterTypes(Class<?> visitor) {
    return Arrays.stream(visitor.getDeclaredMethods())
        .peek(m -> assertThat(m.getParameterCount()).as(m.toString()).isEqualTo(1))
        .<Class<?>>map(m -> m.getParameterTypes()[0])
        .toList();
  }

  private static List<Class<?>> registered(Class<?> family) {
    return MessageTypes.ALL.stream()
        .<Class<?>>map(MessageType::javaType)
        .filter(family::isAssignableFrom)
        .toList();
  }

  /** The records at the leaves of a sealed family, through its sealed sub-families. */
  private static List<Class<?>> leaves(Class<?> family) {
    if (!family.isSealed()) {
      return List.of(family);
    }
    return Arrays.stream(family.getPermittedSubclasses())
        .flatMap(sub -> leaves(sub).stream())
        .toList();
  }

  private static List<Message> samplesOf(Class<?> family) {
    List<Message> samples =
        Stream.concat(Samples.ALL.values().stream(), Samples.SCHEMA_1.values().stream())
            .filter(family::isInstance)
            .toList();
    assertThat(samples.stream().map(Object::getClass).distinct())
        .containsExactlyInAnyOrderElementsOf(registered(family));
    return samples;
  }
}
