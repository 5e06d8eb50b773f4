package dev.flotilla.devicedb.open;

import org.sqlite.core.DB;

/**
 * What an online backup reported: the driver calls it only after a step that succeeded, so a report
 * of no page left is the proof that the last step finished the copy.
 */
final class PageCopyProgress implements DB.ProgressObserver {
  private int remaining = -1;
  private int pages = -1;

  @Override
  public void progress(int remaining, int pageCount) {
    this.remaining = remaining;
    this.pages = pageCount;
  }

  boolean finished() {
    return remaining == 0 && pages >= 0;
  }

  long pages() {
    return pages;
  }

  @Override
  public String toString() {
    return remaining < 0 ? "no step finished" : remaining + " of " + pages + " pages left";
  }
}
