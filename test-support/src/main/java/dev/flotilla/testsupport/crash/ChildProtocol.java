package dev.flotilla.testsupport.crash;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * How a test-side child and its parent talk: the child prints {@value #READY} on stdout when all is
 * loaded, waits for {@value #GO} on stdin (so the parent times its kill from the true start of the
 * work), and prints {@code DONE <work milliseconds> <result>} at the end.
 */
public final class ChildProtocol {
  public static final String READY = "READY";
  public static final String GO = "GO";
  public static final String DONE = "DONE ";

  private ChildProtocol() {}

  /** Reports ready and waits for the parent's go; returns false when the parent has gone. */
  public static boolean readyThenAwaitGo() throws IOException {
    println(READY);
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    return GO.equals(in.readLine());
  }

  public static void done(long workMillis, String result) {
    println(DONE + workMillis + " " + result);
  }

  public static void println(String line) {
    System.out.println(line);
    System.out.flush();
  }
}
