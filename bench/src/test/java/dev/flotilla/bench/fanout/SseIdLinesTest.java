package dev.flotilla.bench.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseIdLinesTest {
  private static final String RESPONSE =
      "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n"
          + "d\r\nretry: 3000\n\n\r\n"
          + "40\r\nid: v2.0.1\nevent: StepDispatched\ndata: {\"x\":\"id: v2.9\"}\n\n\r\n"
          + "30\r\nid: v2.1.1\nevent: StepDispatched\ndata: {}\n\n\r\n";

  @Test
  void findsEveryIdHoweverTheReadsSplitTheStream() {
    byte[] bytes = RESPONSE.getBytes(StandardCharsets.US_ASCII);
    for (int split = 1; split < bytes.length; split++) {
      SseIdLines lines = new SseIdLines();
      List<String> ids = new ArrayList<>();
      SseIdLines.Listener listener =
          (id, length) -> ids.add(new String(id, 0, length, StandardCharsets.US_ASCII));
      lines.scan(bytes, 0, split, listener);
      lines.scan(bytes, split, bytes.length, listener);
      assertThat(ids).as("split at %d", split).containsExactly("v2.0.1", "v2.1.1");
      assertThat(lines.streamOpened()).isTrue();
    }
  }

  @Test
  void aStreamIsOpenOnlyOnceTheRetryFrameCame() {
    SseIdLines lines = new SseIdLines();
    byte[] head = "HTTP/1.1 200 OK\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    lines.scan(head, 0, head.length, (id, length) -> {});
    assertThat(lines.streamOpened()).isFalse();
  }
}
