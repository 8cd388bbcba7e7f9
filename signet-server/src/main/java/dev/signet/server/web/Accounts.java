package dev.signet.server.web;

import dev.signet.server.internal.PasswordHash;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The people who sign in to the web UI, each a person or an administrator, their passwords hashed with Argon2id. */
public final class Accounts {
  /** What a signed-in account may do: a person reads and sends mail; an administrator also runs the organisation. */
  public enum Role {
    PERSON,
    ADMIN;

    String id() {
      return this == ADMIN ? "admin" : "person";
    }

    static Role of(String id) {
      return id.equals("admin") ? ADMIN : PERSON;
    }
  }

  /** An account as shown: never its password hash. */
  public record Person(String email, String name, Role role) {
    public boolean isAdmin() {
      return role == Role.ADMIN;
    }
  }

  // Compared against when the address is unknown, so a wrong address costs as much time as a wrong password.
  private static final String DUMMY = PasswordHash.hash("no such account".toCharArray(), new SecureRandom());

  private final WebDatabase db;
  private final Clock clock;
  private final SecureRandom random;

  Accounts(WebDatabase db, Clock clock, SecureRandom random) {
    this.db = db;
    this.clock = clock;
    this.random = random;
  }

  /** Adds an account; an address that already has one is refused. */
  public Person create(String email, String name, Role role, char[] password) {
    return db.inTransaction(c -> create(c, email, name, role, password));
  }

  /** As {@link #create(String, String, Role, char[])}, inside the caller's transaction. */
  Person create(Connection c, String email, String name, Role role, char[] password) throws SQLException {
    String address = normalize(email);
    if (!address.matches("[^@\\s<>\"]+@[^@\\s<>\"]+\\.[^@\\s<>\"]+")) {
      throw new IllegalArgumentException("not an email address: " + email);
    }
    if (password.length < 8) {
      throw new IllegalArgumentException("a password has at least 8 characters");
    }
    if (find(address).isPresent()) {
      throw new IllegalArgumentException("there is already an account for " + address);
    }
    WebDatabase.update(c, "INSERT INTO web_person (email, name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?)",
        address, name.strip(), role.id(), PasswordHash.hash(password, random), clock.instant());
    return new Person(address, name.strip(), role);
  }

  public Optional<Person> find(String email) {
    return db.one("SELECT email, name, role FROM web_person WHERE email = ?",
        r -> new Person(r.getString(1), r.getString(2), Role.of(r.getString(3))), normalize(email));
  }

  public List<Person> list() {
    return db.query("SELECT email, name, role FROM web_person ORDER BY email",
        r -> new Person(r.getString(1), r.getString(2), Role.of(r.getString(3))));
  }

  /** Whether {@code password} is the password of {@code email}'s account: the mail server's logins ask here. */
  public boolean passwordMatches(String email, char[] password) {
    return check(email, password).isPresent();
  }

  /** The account whose password this is, if it is. */
  Optional<Person> check(String email, char[] password) {
    Optional<String> hash = db.one("SELECT password_hash FROM web_person WHERE email = ?", r -> r.getString(1),
        normalize(email));
    boolean matches = PasswordHash.matches(password, hash.orElse(DUMMY));
    return hash.isPresent() && matches ? find(email) : Optional.empty();
  }

  static String normalize(String email) {
    return email.strip().toLowerCase(Locale.ROOT);
  }
}
