package dev.signet.server.web;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signed-in sessions, kept in the database so any node can serve them. The cookie carries a random
 * token; only its SHA-256 is stored. Each session has its own CSRF token for its forms, and may keep
 * secrets for its requests (see {@link #keep}) sealed under a key only its cookie gives. A session ends
 * at its absolute {@link #LIFETIME}, or sooner when left unused for its idle limit.
 */
final class Sessions {
  static final Duration LIFETIME = Duration.ofHours(8);
  static final Duration IDLE = Duration.ofMinutes(30);
  /** How stale the stored last use may grow: a busy session writes it at most this often. */
  static final Duration SEEN_EVERY = Duration.ofMinutes(1);
  private static final Logger LOG = LoggerFactory.getLogger(Sessions.class);
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final int MAX_PURPOSE = 40;

  /**
   * A live session: its key in the database, its person, its forms' token, when it ends at the latest, when
   * it was last used (to {@link #SEEN_EVERY}), and the key its secrets are sealed under, which exists only
   * while a request with the cookie is served.
   */
  record Session(String key, Accounts.Person person, String csrf, Instant expires, Instant lastSeen,
      CookieKey cookieKey) {}

  /**
   * The AES-256 key a session's secrets are sealed under: HKDF-SHA256 of the session's cookie, which the
   * database never holds (it keeps the cookie's hash), so its rows alone open nothing.
   */
  static final class CookieKey {
    private static final byte[] SALT = "signet web session secrets v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] INFO = "AES-256-GCM key for kept secrets".getBytes(StandardCharsets.US_ASCII);
    private final SecretKeySpec key;

    private CookieKey(String cookie) {
      this.key = new SecretKeySpec(hkdfSha256(cookie.getBytes(StandardCharsets.UTF_8)), "AES");
    }

    /** RFC 5869 with one block of output: extract with a fixed salt, then expand with {@link #INFO}. */
    private static byte[] hkdfSha256(byte[] secret) {
      try {
        Mac extract = Mac.getInstance("HmacSHA256");
        extract.init(new SecretKeySpec(SALT, "HmacSHA256"));
        byte[] prk = extract.doFinal(secret);
        Mac expand = Mac.getInstance("HmacSHA256");
        expand.init(new SecretKeySpec(prk, "HmacSHA256"));
        Arrays.fill(prk, (byte) 0);
        expand.update(INFO);
        return expand.doFinal(new byte[] {1});
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("the JDK lacks HMAC-SHA256", e);
      }
    }

    @Override
    public String toString() {
      return "CookieKey[redacted]";
    }
  }

  /** A new session: the cookie's value and the session it opens. */
  record Opened(String cookie, Session session) {}

  private final WebDatabase db;
  private final Clock clock;
  private final SecureRandom random;
  private final Duration idle;

  Sessions(WebDatabase db, Clock clock, SecureRandom random, Duration idle) {
    if (idle.isNegative() || idle.isZero() || idle.compareTo(LIFETIME) > 0) {
      throw new IllegalArgumentException("a session's idle limit is above zero and at most " + LIFETIME.toHours()
          + " hours");
    }
    this.db = db;
    this.clock = clock;
    this.random = random;
    this.idle = idle;
  }

  /** How long a session may go unused before it ends. */
  Duration idle() {
    return idle;
  }

  Opened open(Accounts.Person person) {
    String cookie = secret();
    String csrf = secret();
    Instant now = clock.instant();
    Session session = new Session(hash(cookie), person, csrf, now.plus(LIFETIME), now, new CookieKey(cookie));
    db.inTransaction(c -> {
      WebDatabase.update(c, "DELETE FROM web_session WHERE expires_at <= ? OR last_seen_at <= ?", now, now.minus(idle));
      return WebDatabase.update(c, "INSERT INTO web_session (token_hash, email, csrf, created_at, expires_at,"
          + " last_seen_at) VALUES (?, ?, ?, ?, ?, ?)", session.key(), person.email(), csrf, now, session.expires(),
          now);
    });
    return new Opened(cookie, session);
  }

  /**
   * The live session {@code cookie} opens. One past its lifetime or idle limit is ended here, its secrets
   * with it, so that a cookie left in a browser finds nothing the next time it comes.
   */
  Optional<Session> find(String cookie) {
    if (cookie == null || cookie.isEmpty() || cookie.length() > 100) {
      return Optional.empty();
    }
    Optional<Session> stored = db.one("SELECT s.token_hash, p.email, p.name, p.role, s.csrf, s.expires_at,"
        + " s.last_seen_at FROM web_session s JOIN web_person p ON p.email = s.email WHERE s.token_hash = ?",
        r -> new Session(r.getString(1), new Accounts.Person(r.getString(2), r.getString(3),
            Accounts.Role.of(r.getString(4))), r.getString(5), WebDatabase.instant(r, 6), WebDatabase.instant(r, 7),
            new CookieKey(cookie)), hash(cookie));
    if (stored.isPresent() && !live(stored.get(), clock.instant())) {
      close(stored.get());
      return Optional.empty();
    }
    return stored;
  }

  private boolean live(Session session, Instant now) {
    return session.expires().isAfter(now) && session.lastSeen().plus(idle).isAfter(now);
  }

  /**
   * Notes that the session served a request, keeping it from its idle limit. The database is written at
   * most once each {@link #SEEN_EVERY} for a session, whichever nodes serve it.
   */
  void seen(Session session) {
    Instant now = clock.instant();
    Instant stale = now.minus(SEEN_EVERY);
    if (session.lastSeen().isAfter(stale)) {
      return;
    }
    db.update("UPDATE web_session SET last_seen_at = ? WHERE token_hash = ? AND last_seen_at <= ?", now, session.key(),
        stale);
  }

  /** Ends the session, and with it every secret it kept. */
  void close(Session session) {
    db.update("DELETE FROM web_session WHERE token_hash = ?", session.key());
  }

  /**
   * Keeps {@code secret} for the session's later requests on any node, under {@code purpose} (one secret
   * each), replacing what it kept there before. It is sealed with AES-GCM under the session's
   * {@link CookieKey}, bound to the session and the purpose, and goes when the session ends.
   */
  void keep(Session session, String purpose, char[] secret) {
    checkPurpose(purpose);
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    byte[] plain = utf8(secret);
    byte[] sealed;
    try {
      byte[] body = cipher(Cipher.ENCRYPT_MODE, session, purpose, nonce).doFinal(plain);
      sealed = ByteBuffer.allocate(NONCE_BYTES + body.length).put(nonce).put(body).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM failed", e);
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
    db.inTransaction(c -> {
      WebDatabase.update(c, "DELETE FROM web_session_secret WHERE token_hash = ? AND purpose = ?", session.key(),
          purpose);
      return WebDatabase.update(c, "INSERT INTO web_session_secret (token_hash, purpose, sealed) VALUES (?, ?, ?)",
          session.key(), purpose, sealed);
    });
  }

  /** The secret the session keeps under {@code purpose}; the caller clears the array when done. */
  Optional<char[]> kept(Session session, String purpose) {
    checkPurpose(purpose);
    Optional<byte[]> sealed = db.one("SELECT sealed FROM web_session_secret WHERE token_hash = ? AND purpose = ?",
        r -> r.getBytes(1), session.key(), purpose);
    return sealed.flatMap(s -> open(session, purpose, s));
  }

  /** Drops the secret the session keeps under {@code purpose}, if any. */
  void forget(Session session, String purpose) {
    db.update("DELETE FROM web_session_secret WHERE token_hash = ? AND purpose = ?", session.key(), purpose);
  }

  private static Optional<char[]> open(Session session, String purpose, byte[] sealed) {
    byte[] plain = new byte[0];
    try {
      Cipher aes = cipher(Cipher.DECRYPT_MODE, session, purpose, Arrays.copyOf(sealed, NONCE_BYTES));
      plain = aes.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
      CharBuffer chars = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(plain));
      char[] secret = Arrays.copyOfRange(chars.array(), chars.position(), chars.limit());
      Arrays.fill(chars.array(), '\0');
      return Optional.of(secret);
    } catch (AEADBadTagException | CharacterCodingException | IllegalArgumentException e) {
      // Not sealed under this session's cookie: a row changed in the database. Treated as never kept.
      LOG.warn("a secret kept by a session does not open; it is ignored: {}", e.getClass().getSimpleName());
      return Optional.empty();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM failed", e);
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  private static Cipher cipher(int mode, Session session, String purpose, byte[] nonce)
      throws GeneralSecurityException {
    Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
    aes.init(mode, session.cookieKey().key, new GCMParameterSpec(TAG_BITS, nonce));
    aes.updateAAD((session.key() + "\0" + purpose).getBytes(StandardCharsets.UTF_8));
    return aes;
  }

  private static byte[] utf8(char[] secret) {
    ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(secret));
    byte[] bytes = Arrays.copyOfRange(encoded.array(), encoded.position(), encoded.limit());
    Arrays.fill(encoded.array(), (byte) 0);
    return bytes;
  }

  private static void checkPurpose(String purpose) {
    if (purpose.isEmpty() || purpose.length() > MAX_PURPOSE) {
      throw new IllegalArgumentException("a kept secret's purpose has 1 to " + MAX_PURPOSE + " characters");
    }
  }

  private String secret() {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  static String hash(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }
}
