package dev.flotilla.bench.fanout;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Many dashboards on {@code GET /events} at once, cheaply enough that they are not what is
 * measured: plain non-blocking sockets on one selector thread, HTTP/1.1 written by hand, each
 * stream scanned for its {@code id:} lines only ({@link SseIdLines}) and each event stamped with
 * {@link System#nanoTime()} right after the read that completed its id. Every stream resumes from
 * the same id (where the topic ended before the run), so none replays the notifier's history and
 * every event is named by its partition and offset ({@link PositionDiff}). The thread's CPU time is
 * measured too: a client thread near 100 % would be the bottleneck.
 */
final class SseClientFleet implements AutoCloseable {
  /** What one stream received: the events (as {@link PositionDiff#key}) and when, in order. */
  static final class Stream implements FanoutLatency.Arrivals {
    private final SseIdLines lines = new SseIdLines();
    private final PositionDiff diff;
    private long[] keys = new long[1024];
    private long[] nanos = new long[1024];
    private int count;
    private int unmatched;
    private boolean endedByServer;
    private long stamp;

    private Stream(long[] start) {
      this.diff = new PositionDiff(start);
    }

    private void id(byte[] id, int length) {
      long key = diff.next(id, length);
      if (key == PositionDiff.NONE) {
        unmatched++;
        return;
      }
      if (count == keys.length) {
        keys = Arrays.copyOf(keys, count * 2);
        nanos = Arrays.copyOf(nanos, count * 2);
      }
      keys[count] = key;
      nanos[count] = stamp;
      count++;
    }

    @Override
    public int count() {
      return count;
    }

    @Override
    public long key(int i) {
      return keys[i];
    }

    @Override
    public long nanos(int i) {
      return nanos[i];
    }

    /** Frames whose id named no single next event. */
    int unmatched() {
      return unmatched;
    }

    boolean endedByServer() {
      return endedByServer;
    }
  }

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final Selector selector;
  private final List<Stream> streams = new ArrayList<>();
  private final ByteBuffer buffer = ByteBuffer.allocate(256 * 1024);
  private final Thread thread;
  private volatile boolean stopping;
  private volatile long cpuNanos;
  private int opened;

  private SseClientFleet(Selector selector) {
    this.selector = selector;
    this.thread = new Thread(this::run, "flotilla-bench-sse-fleet");
    this.thread.setDaemon(true);
  }

  /**
   * Opens {@code clients} streams of {@code GET /events} resuming from {@code lastEventId} (whose
   * partitions' next offsets are {@code start}), and returns once the notifier has opened every
   * one.
   */
  static SseClientFleet connect(
      int port, int clients, String lastEventId, long[] start, Duration timeout)
      throws IOException, InterruptedException, TimeoutException {
    byte[] request =
        ("GET /events HTTP/1.1\r\nHost: 127.0.0.1:"
                + port
                + "\r\nAccept: text/event-stream\r\nLast-Event-ID: "
                + lastEventId
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    Selector selector = Selector.open();
    SseClientFleet fleet = new SseClientFleet(selector);
    try {
      for (int i = 0; i < clients; i++) {
        SocketChannel channel = SocketChannel.open();
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        channel.connect(new InetSocketAddress("127.0.0.1", port)); // blocking: loopback, quick
        channel.write(ByteBuffer.wrap(request));
        channel.configureBlocking(false);
        Stream stream = new Stream(start);
        fleet.streams.add(stream);
        channel.register(selector, SelectionKey.OP_READ, stream);
      }
    } catch (IOException e) {
      fleet.close();
      throw e;
    }
    fleet.thread.start();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (fleet.openedStreams() < clients) {
      if (System.nanoTime() > deadline) {
        int opened = fleet.openedStreams();
        fleet.close();
        throw new TimeoutException(opened + " of " + clients + " streams opened in " + timeout);
      }
      Thread.sleep(20);
    }
    return fleet;
  }

  List<Stream> streams() {
    return streams;
  }

  /** CPU time of the thread reading every stream so far. */
  long cpuNanos() {
    return cpuNanos;
  }

  /** The events received over all streams so far (read without a lock: a progress figure). */
  long received() {
    long total = 0;
    for (Stream stream : streams) {
      total += stream.count;
    }
    return total;
  }

  private synchronized int openedStreams() {
    return opened;
  }

  private void run() {
    long self = Thread.currentThread().getId();
    byte[] bytes = buffer.array();
    try {
      while (!stopping) {
        selector.select(100);
        for (SelectionKey key : selector.selectedKeys()) {
          Stream stream = (Stream) key.attachment();
          SocketChannel channel = (SocketChannel) key.channel();
          buffer.clear();
          int read;
          try {
            read = channel.read(buffer);
          } catch (IOException e) {
            read = -1;
          }
          if (read < 0) {
            stream.endedByServer = !stopping;
            key.cancel();
            closeQuietly(channel);
            continue;
          }
          stream.stamp = System.nanoTime();
          boolean wasOpen = stream.lines.streamOpened();
          stream.lines.scan(bytes, 0, read, stream::id);
          if (!wasOpen && stream.lines.streamOpened()) {
            synchronized (this) {
              opened++;
            }
          }
        }
        selector.selectedKeys().clear();
        cpuNanos = THREADS.getThreadCpuTime(self);
      }
    } catch (IOException | RuntimeException e) {
      org.slf4j.LoggerFactory.getLogger(SseClientFleet.class).error("the SSE fleet stopped", e);
    }
  }

  /** Stops reading; what was received stays to be analysed. */
  @Override
  public void close() {
    if (!selector.isOpen()) {
      return;
    }
    stopping = true;
    selector.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (SelectionKey key : selector.keys()) {
      closeQuietly(key.channel());
    }
    closeQuietly(selector);
  }

  private static void closeQuietly(java.io.Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException e) {
      // closing what is over
    }
  }
}
