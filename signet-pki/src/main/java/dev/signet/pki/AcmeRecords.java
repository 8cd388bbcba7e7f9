package dev.signet.pki;

import dev.signet.pki.internal.AuditTable;
import dev.signet.pki.internal.CaStore;
import dev.signet.pki.internal.Mailbox;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * What the CA's ACME server keeps in the CA's database: nonces, accounts (by their key's
 * thumbprint), and orders for one mailbox each, with their authorization and email-reply-00
 * challenge. Reached through {@link CertificateAuthority#acme()}.
 */
public final class AcmeRecords {
  private static final Duration NONCE_LIFETIME = Duration.ofHours(1);
  /** How long an order may take from its creation to its certificate. */
  public static final Duration ORDER_LIFETIME = Duration.ofDays(1);

  private final CaStore store;
  private final Clock clock;
  private final SecureRandom random;

  AcmeRecords(CaStore store, Clock clock, SecureRandom random) {
    this.store = store;
    this.clock = clock;
    this.random = random;
  }

  /** An account: its key as a JWK (JSON) and its contact addresses. */
  public record Account(String id, String thumbprint, String jwk, String contact, String status) {}

  /**
   * An order for {@code email}; status and authorizationStatus are ACME's words (pending, ready, valid,
   * invalid). An order not yet valid when it expires is invalid from then on (RFC 8555 7.1.6).
   */
  public record Order(String id, String accountId, String email, String status, Instant expires, String tokenPart1,
      String tokenPart2, String authorizationStatus, Optional<String> certificateSerial, Optional<String> error) {}

  /** A new nonce, good for one request within the hour. */
  public String newNonce() {
    String nonce = randomText(16);
    Instant now = clock.instant();
    store.inTransaction(c -> {
      update(c, "DELETE FROM acme_nonce WHERE expires_at < ?", Timestamp.from(now));
      update(c, "INSERT INTO acme_nonce (nonce, expires_at) VALUES (?, ?)", nonce, Timestamp.from(now.plus(NONCE_LIFETIME)));
      return null;
    });
    return nonce;
  }

  /** Uses up {@code nonce}: true once for a nonce this CA gave out and that has not expired. */
  public boolean useNonce(String nonce) {
    Instant now = clock.instant();
    return store.inTransaction(c -> update(c, "DELETE FROM acme_nonce WHERE nonce = ? AND expires_at >= ?", nonce,
        Timestamp.from(now)) == 1);
  }

  public Account newAccount(String thumbprint, String jwk, String contact) {
    Account account = new Account(randomText(12), thumbprint, jwk, contact, "valid");
    Instant now = clock.instant();
    store.inTransaction(c -> {
      update(c, "INSERT INTO acme_account (id, thumbprint, jwk, contact, status, created_at) VALUES (?, ?, ?, ?, ?, ?)",
          account.id(), thumbprint, jwk, contact, account.status(), Timestamp.from(now));
      AuditTable.audit(c, now, "acme", "acme-account", "account " + account.id() + " for " + contact);
      return null;
    });
    return account;
  }

  private static final String ACCOUNT_BY_THUMBPRINT =
      "SELECT id, thumbprint, jwk, contact, status FROM acme_account WHERE thumbprint = ?";
  private static final String ACCOUNT_BY_ID = "SELECT id, thumbprint, jwk, contact, status FROM acme_account WHERE id = ?";

  public Optional<Account> accountByThumbprint(String thumbprint) {
    return store.reading(c -> {
      try (PreparedStatement s = c.prepareStatement(ACCOUNT_BY_THUMBPRINT)) {
        return account(s, thumbprint);
      }
    });
  }

  public Optional<Account> account(String id) {
    return store.reading(c -> {
      try (PreparedStatement s = c.prepareStatement(ACCOUNT_BY_ID)) {
        return account(s, id);
      }
    });
  }

  private static Optional<Account> account(PreparedStatement s, String value) throws SQLException {
    s.setString(1, value);
    try (ResultSet r = s.executeQuery()) {
      return r.next() ? Optional.of(new Account(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
          r.getString(5))) : Optional.empty();
    }
  }

  /** A new order of {@code account} for the mailbox {@code email}, its challenge's two token halves fresh. */
  public Order newOrder(String accountId, String email) {
    String address = Mailbox.normalize(email);
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS); // as H2 and PostgreSQL both keep it
    Order order = new Order(randomText(12), accountId, address, "pending", now.plus(ORDER_LIFETIME), randomText(16),
        randomText(16), "pending", Optional.empty(), Optional.empty());
    store.inTransaction(c -> {
      update(c, "INSERT INTO acme_order (id, account_id, email, status, expires_at, token_part1, token_part2,"
          + " authorization_status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", order.id(), accountId, address, order.status(),
          Timestamp.from(order.expires()), order.tokenPart1(), order.tokenPart2(), order.authorizationStatus());
      AuditTable.audit(c, now, "acme account " + accountId, "acme-order", "order " + order.id() + " for " + address);
      return null;
    });
    return order;
  }

  public Optional<Order> order(String id) {
    return store.reading(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT id, account_id, email, status, expires_at, token_part1,"
          + " token_part2, authorization_status, certificate_serial, error FROM acme_order WHERE id = ?")) {
        s.setString(1, id);
        try (ResultSet r = s.executeQuery()) {
          if (!r.next()) {
            return Optional.empty();
          }
          Instant expires = r.getTimestamp(5).toInstant();
          boolean expired = List.of("pending", "ready").contains(r.getString(4)) && !clock.instant().isBefore(expires);
          return Optional.of(new Order(r.getString(1), r.getString(2), r.getString(3),
              expired ? "invalid" : r.getString(4), expires, r.getString(6), r.getString(7),
              expired && r.getString(8).equals("pending") ? "invalid" : r.getString(8),
              Optional.ofNullable(r.getString(9)),
              expired ? Optional.of("the order expired at " + expires) : Optional.ofNullable(r.getString(10))));
        }
      }
    });
  }

  /**
   * The mailbox answered the challenge: the authorization is valid and the order ready for its
   * request, unless it has expired.
   */
  public void authorized(String orderId) {
    Instant now = clock.instant();
    store.inTransaction(c -> {
      if (update(c, "UPDATE acme_order SET authorization_status = 'valid', status = 'ready' WHERE id = ?"
          + " AND status = 'pending' AND expires_at > ?", orderId, Timestamp.from(now)) == 1) {
        AuditTable.audit(c, now, "acme", "acme-validated", "order " + orderId + ": the mailbox answered the challenge");
      }
      return null;
    });
  }

  /** The order failed for {@code reason}; it stays so. */
  public void failed(String orderId, String reason) {
    store.inTransaction(c -> update(c, "UPDATE acme_order SET status = 'invalid', error = ? WHERE id = ?",
        reason.length() > 1000 ? reason.substring(0, 1000) : reason, orderId));
  }

  /** The certificate was issued for the order. */
  public void fulfilled(String orderId, String serial) {
    store.inTransaction(c -> update(c, "UPDATE acme_order SET status = 'valid', certificate_serial = ? WHERE id = ?",
        serial, orderId));
  }

  private String randomText(int octets) {
    byte[] bytes = new byte[octets];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static int update(Connection c, String sql, Object... parameters) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        s.setObject(i + 1, parameters[i]);
      }
      return s.executeUpdate();
    }
  }
}
