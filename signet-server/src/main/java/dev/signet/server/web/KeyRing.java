package dev.signet.server.web;

import dev.signet.core.DigitalId;
import dev.signet.core.SmimeException;
import dev.signet.mail.IdStore;
import dev.signet.mail.StoredId;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each person's digital IDs: a store of PKCS#12 files under the data folder, the private keys
 * encrypted under the person's digital-ID password. Unlocked keys live only in this node's memory,
 * for one session, and are dropped when it ends.
 */
final class KeyRing {
  private final Path root;
  private final Map<String, Map<String, DigitalId>> unlocked = new ConcurrentHashMap<>();

  KeyRing(Path root) {
    this.root = root;
  }

  /** The person's store; the folder is named by a hash of the address, so no address can reach outside it. */
  IdStore store(String email) {
    return IdStore.open(root.resolve(Sessions.hash(Accounts.normalize(email))));
  }

  /** Opens every ID of the session's person with {@code password}; false when it does not open them. */
  boolean unlock(Sessions.Session session, char[] password) throws IOException {
    Optional<Map<String, DigitalId>> ids = open(store(session.person().email()), password);
    if (ids.isEmpty() || ids.get().isEmpty()) {
      return false;
    }
    unlocked.put(session.key(), ids.get());
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

  /** The session's unlocked IDs by name; empty while locked. */
  Map<String, DigitalId> of(Sessions.Session session) {
    return unlocked.getOrDefault(session.key(), Map.of());
  }

  Optional<DigitalId> id(Sessions.Session session, String name) {
    return Optional.ofNullable(of(session).get(name));
  }

  void lock(Sessions.Session session) {
    unlocked.remove(session.key());
  }
}
