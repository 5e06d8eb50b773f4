package dev.flotilla.devicedb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who the workers run as, and whether they can give the files they write a device database's
 * ownership ({@link #whyCannotKeep}): root can; the database's owner can, into one of its groups; a
 * member of the database's group can where the group may read and write it (the application then
 * reaches the files through its group). Anyone else would leave files the application cannot use.
 *
 * @param groups the effective group and every supplementary group
 */
public record WorkerIdentity(int uid, Set<Integer> groups) {
  private static final Path STATUS = Path.of("/proc/self/status");

  public WorkerIdentity {
    groups = Set.copyOf(groups);
  }

  /** This process, from {@code /proc/self/status}; empty where there is no such file. */
  public static Optional<WorkerIdentity> current() {
    try {
      return Files.isReadable(STATUS)
          ? Optional.of(fromStatus(Files.readAllLines(STATUS)))
          : Optional.empty();
    } catch (IOException | RuntimeException unreadable) {
      return Optional.empty();
    }
  }

  /** Reads the effective uid and gid and the supplementary groups of a Linux status file. */
  static WorkerIdentity fromStatus(List<String> lines) {
    int uid = -1;
    int gid = -1;
    Set<Integer> groups = Set.of();
    for (String line : lines) {
      String[] fields = line.trim().split("\\s+");
      if (fields[0].equals("Uid:")) {
        uid = Integer.parseInt(fields[2]);
      } else if (fields[0].equals("Gid:")) {
        gid = Integer.parseInt(fields[2]);
      } else if (fields[0].equals("Groups:")) {
        groups = Arrays.stream(fields).skip(1).map(Integer::valueOf).collect(Collectors.toSet());
      }
    }
    if (uid < 0 || gid < 0) {
      throw new IllegalArgumentException("no Uid: or Gid: line");
    }
    Set<Integer> all = new java.util.HashSet<>(groups);
    all.add(gid);
    return new WorkerIdentity(uid, all);
  }

  public boolean isRoot() {
    return uid == 0;
  }

  /**
   * Why files written beside a database owned as {@code database} would not be the application's;
   * empty when they would.
   */
  public Optional<String> whyCannotKeep(FileOwnership database) {
    if (isRoot()) {
      return Optional.empty();
    }
    if (uid == database.uid() && groups.contains(database.gid())) {
      return Optional.empty();
    }
    if (groups.contains(database.gid()) && database.groupCanReadAndWrite()) {
      return Optional.empty();
    }
    return Optional.of(
        "the workers run as uid "
            + uid
            + " (groups "
            + groups.stream().sorted().map(String::valueOf).collect(Collectors.joining(","))
            + "), which can give the files it writes neither the database's owner nor a group"
            + " that may write them (the database is "
            + database
            + "): run the workers as root, as uid "
            + database.uid()
            + ", or in group "
            + database.gid()
            + " with the database group-writable");
  }
}
