package dev.flotilla.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseLineParserTest {
  private final SseLineParser parser = new SseLineParser();

  @Test
  void aFrameOfTheNotifierIsReadWithTheTimeOfItsFirstLine() {
    List<SseLineParser.Frame> frames =
        feed(
            new String[] {"id: 3-1207", "event: StepDispatched", "data: {\"sequence\":5}", ""},
            100);

    assertThat(frames)
        .containsExactly(
            new SseLineParser.Frame("3-1207", "StepDispatched", "{\"sequence\":5}", 100));
  }

  @Test
  void theRetryFrameAndCommentsAreNoEvents() {
    assertThat(feed(new String[] {"retry: 3000", "", ": heartbeat", ""}, 0)).isEmpty();
  }

  @Test
  void severalDataLinesAreJoinedByLineFeeds() {
    List<SseLineParser.Frame> frames = feed(new String[] {"data: first", "data:second", ""}, 0);

    assertThat(frames).extracting(SseLineParser.Frame::data).containsExactly("first\nsecond");
  }

  @Test
  void onlyOneSpaceAfterTheColonIsDropped() {
    List<SseLineParser.Frame> frames = feed(new String[] {"data:  indented", ""}, 0);

    assertThat(frames).extracting(SseLineParser.Frame::data).containsExactly(" indented");
  }

  @Test
  void theLastIdCarriesOverToAFrameWithoutOne() {
    List<SseLineParser.Frame> frames =
        feed(new String[] {"id: 0-1", "data: a", "", "data: b", ""}, 0);

    assertThat(frames).extracting(SseLineParser.Frame::id).containsExactly("0-1", "0-1");
  }

  @Test
  void aFrameWithoutAnEventNameIsAMessage() {
    assertThat(feed(new String[] {"data: x", ""}, 0))
        .extracting(SseLineParser.Frame::event)
        .containsExactly("message");
  }

  @Test
  void aFrameNotYetEndedByABlankLineIsNotHandedOver() {
    assertThat(feed(new String[] {"id: 0-1", "data: x"}, 0)).isEmpty();
  }

  @Test
  void eachFrameIsTimedFromItsOwnFirstLine() {
    List<SseLineParser.Frame> frames = new ArrayList<>();
    parser.line("id: 0-1", 10).ifPresent(frames::add);
    parser.line("data: a", 11).ifPresent(frames::add);
    parser.line("", 12).ifPresent(frames::add);
    parser.line("id: 0-2", 20).ifPresent(frames::add);
    parser.line("data: b", 21).ifPresent(frames::add);
    parser.line("", 22).ifPresent(frames::add);

    assertThat(frames).extracting(SseLineParser.Frame::receivedAtNanos).containsExactly(10L, 20L);
  }

  private List<SseLineParser.Frame> feed(String[] lines, long at) {
    List<SseLineParser.Frame> frames = new ArrayList<>();
    for (String line : lines) {
      parser.line(line, at).ifPresent(frames::add);
    }
    return frames;
  }
}
