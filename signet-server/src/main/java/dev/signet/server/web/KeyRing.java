package dev.signet.server.web;

import dev.signet.core.DigitalId;
import dev.signet.core.SmimeException;
import dev.signet.mail.IdStore;
import dev.signet.mail.StoredId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Each person's digital IDs: a store in the database shared by every node, the private keys encrypted
 * under the person's digital-ID password. Unlocking keeps that password in the session, sealed under
 * its cookie (see {@link Sessions#keep}), so whichever node serves the session can open the keys; each
 * node keeps the keys it opened in memory for the session. Locking or signing out drops both.
 */
final class KeyRing {
  static final String PASSWORD_PURPOSE = "digital-id";

  /**
   * Keys a node opened for one session, kept no longer than the session lives, nor once this node has
   * not used them for the session's idle limit (another node may keep the session alive; this one opens
   * them again from the kept password if asked).
   */
  private record Unlocked(Map<String, DigitalId> ids, Instant expires, Instant used) {
    Unlocked usedAt(Instant now) {
      return new Unlocked(ids, expires, now);
    }
  }

  private final WebDatabase db;
  private final Sessions sessions;
  private final Clock clock;
  private final Map<String, Unlocked> unlocked = new ConcurrentHashMap<>();

  KeyRing(WebDatabase db, Sessions sessions, Clock clock) {
    this.db = db;
    this.sessions = sessions;
    this.clock = clock;
  }

  IdStore store(String email) {
    return IdStore.over(new WebIdFiles(db, email, clock));
  }

  /**
   * Moves the stores an earlier Signet kept as files, one folder under {@code folder} per person named
   * by a hash of the address, into the database: byte for byte, keys still sealed. A file the database
   * already holds is left as the database has it. The folders of {@code people} are removed once moved.
   */
  void adopt(Path folder, List<String> people) throws IOException {
    for (String email : people) {
      Path own = folder.resolve(Sessions.hash(Accounts.normalize(email)));
      if (!Files.isDirectory(own)) {
        continue;
      }
      WebIdFiles files = new WebIdFiles(db, email, clock);
      try (Stream<Path> listed = Files.list(own)) {
        for (Path file : listed.filter(Files::isRegularFile).toList()) {
          String name = own.relativize(file).toString();
          if (files.read(name).isEmpty()) {
            files.write(name, Files.readAllBytes(file));
          }
        }
      }
      removeTree(own);
    }
    if (Files.isDirectory(folder)) {
      try (Stream<Path> left = Files.list(folder)) {
        if (left.findAny().isEmpty()) {
          Files.delete(folder);
        }
      }
    }
  }

  private static void removeTree(Path folder) throws IOException {
    try (Stream<Path> all = Files.walk(folder)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** Opens every ID of the session's person with {@code password}; false when it does not open them. */
  boolean unlock(Sessions.Session session, char[] password) throws IOException {
    Optional<Map<String, DigitalId>> ids = open(store(session.person().email()), password);
    if (ids.isEmpty() || ids.get().isEmpty()) {
      return false;
    }
    sessions.keep(session, PASSWORD_PURPOSE, password);
    unlocked.put(session.key(), new Unlocked(ids.get(), session.expires(), clock.instant()));
    return true;
  }

  /** Whether {@code password} opens the person's IDs (true when they have none yet). */
  boolean unlocks(Sessions.Session session, char[] password) throws IOException {
    return open(store(session.person().email()), password).isPresent();
  }

  private static Optional<Map<String, DigitalId>> open(IdStore store, char[] password) throws IOException {
    Map<String, DigitalId> ids = new LinkedHashMap<>();
    try {
      for (StoredId s : store.list()) {
        ids.put(s.name(), store.load(s.name(), password));
      }
    } catch (SmimeException e) {
      return Optional.empty();
    }
    return Optional.of(Collections.unmodifiableMap(ids));
  }

  /**
   * The session's unlocked IDs by name; empty while locked. A node that has not opened them yet for
   * the session does so with the password the session keeps; one whose session was locked on another
   * node drops what it holds.
   */
  Map<String, DigitalId> of(Sessions.Session session) throws IOException {
    Instant now = clock.instant();
    Instant idleSince = now.minus(sessions.idle());
    unlocked.values().removeIf(u -> !u.expires().isAfter(now) || !u.used().isAfter(idleSince));
    Optional<char[]> password = sessions.kept(session, PASSWORD_PURPOSE);
    if (password.isEmpty()) {
      unlocked.remove(session.key());
      return Map.of();
    }
    try {
      Unlocked held = unlocked.computeIfPresent(session.key(), (key, u) -> u.usedAt(now));
      if (held != null) {
        return held.ids();
      }
      Map<String, DigitalId> ids = open(store(session.person().email()), password.get()).orElse(Map.of());
      if (!ids.isEmpty()) {
        unlocked.putIfAbsent(session.key(), new Unlocked(ids, session.expires(), now));
      }
      return ids;
    } finally {
      Arrays.fill(password.get(), '\0');
    }
  }

  void lock(Sessions.Session session) {
    sessions.forget(session, PASSWORD_PURPOSE);
    unlocked.remove(session.key());
  }
}
