package dev.signet.pki.internal;

import static dev.signet.pki.internal.CaStore.instant;

import dev.signet.pki.CertificateProfile;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** The enrollment tokens, each found by the hash of its secret and used up once per kind of key. */
public final class TokenTable {
  private TokenTable() {}

  /** A token's record, found by the hash of its secret. */
  public record TokenRecord(String email, Instant expires, Optional<Instant> signingUsed, Optional<Instant> encryptionUsed,
      Optional<Instant> revoked) {}

  public static void insert(Connection c, byte[] hash, String email, String name, Instant created, Instant expires)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO enrollment_token (token_hash, email, name, created_at,"
        + " expires_at) VALUES (?, ?, ?, ?, ?)")) {
      s.setString(1, HexFormat.of().formatHex(hash));
      s.setString(2, email);
      s.setString(3, name);
      s.setTimestamp(4, Timestamp.from(created));
      s.setTimestamp(5, Timestamp.from(expires));
      s.executeUpdate();
    }
  }

  /** The token with this hash, locked for update so two enrollments cannot both use it. */
  public static Optional<TokenRecord> tokenForUpdate(Connection c, byte[] hash) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT email, expires_at, signing_used_at, encryption_used_at,"
        + " revoked_at FROM enrollment_token WHERE token_hash = ? FOR UPDATE")) {
      s.setString(1, HexFormat.of().formatHex(hash));
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(new TokenRecord(r.getString(1), instant(r, 2),
            Optional.ofNullable(r.getTimestamp(3)).map(Timestamp::toInstant),
            Optional.ofNullable(r.getTimestamp(4)).map(Timestamp::toInstant),
            Optional.ofNullable(r.getTimestamp(5)).map(Timestamp::toInstant))) : Optional.empty();
      }
    }
  }

  /** Uses up the token's slot(s) for {@code profile}; false if another request used one first. */
  public static boolean useToken(Connection c, byte[] hash, CertificateProfile profile, Instant at) throws SQLException {
    StringBuilder sql = new StringBuilder("UPDATE enrollment_token SET ");
    List<String> sets = new ArrayList<>();
    List<String> conditions = new ArrayList<>();
    if (profile.signs()) {
      sets.add("signing_used_at = ?");
      conditions.add("signing_used_at IS NULL");
    }
    if (profile.encrypts()) {
      sets.add("encryption_used_at = ?");
      conditions.add("encryption_used_at IS NULL");
    }
    sql.append(String.join(", ", sets)).append(" WHERE token_hash = ? AND ").append(String.join(" AND ", conditions));
    try (PreparedStatement s = c.prepareStatement(sql.toString())) {
      int i = 1;
      for (int k = 0; k < sets.size(); k++) {
        s.setTimestamp(i++, Timestamp.from(at));
      }
      s.setString(i, HexFormat.of().formatHex(hash));
      return s.executeUpdate() == 1;
    }
  }
}
