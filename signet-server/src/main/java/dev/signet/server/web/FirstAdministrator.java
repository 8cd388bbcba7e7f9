package dev.signet.server.web;

import dev.signet.core.EmailAddress;
import dev.signet.core.FailureKind;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The first administrator of an organisation that has none: made at once from credentials the
 * service is given ({@code SIGNET_ADMIN_EMAIL}, {@code SIGNET_ADMIN_PASSWORD}), or by whoever opens the
 * set-up link the service prints, {@code /web/setup?token=...}. The token is random, kept only as its
 * SHA-256, expires after {@link #TOKEN_LIFETIME}, and works once; making the administrator ends every
 * set-up link. Wrong tokens count against a limit, as wrong passwords do at sign-in.
 */
public final class FirstAdministrator {
  static final Duration TOKEN_LIFETIME = Duration.ofHours(24);
  static final String PATH = "/web/setup";
  private static final String LIMITED = "setup"; // one count for every wrong token, whichever address sends it

  /** The administrator's address and password, checked against the organisation's domain. */
  public record Credentials(String email, char[] password) {
    public Credentials {
      Objects.requireNonNull(email, "email");
      password = password.clone();
    }

    /** Refuses an address outside {@code domain} or a password shorter than the accounts' rule. */
    public void check(String domain) {
      if (EmailAddress.parse(Accounts.normalize(email)).filter(a -> a.isAt(domain)).isEmpty()) {
        throw new IllegalArgumentException("the administrator's address must be in " + domain + ", not " + email);
      }
      if (password.length < 8) {
        throw new IllegalArgumentException("a password has at least 8 characters");
      }
    }

    @Override
    public String toString() {
      return "Credentials[" + email + ", password redacted]";
    }
  }

  /** What a start did about the first administrator. */
  public sealed interface Outcome {
    /** There is an administrator already: nothing was done. */
    record AlreadySetUp() implements Outcome {}

    /** The administrator was made from the given credentials. */
    record Created(String email) implements Outcome {}

    /** No administrator yet: {@code token} opens the set-up page once, until it expires. */
    record Link(String token, Instant expires) implements Outcome {}
  }

  private final WebDatabase db;
  private final Accounts accounts;
  private final LoginLimiter limiter;
  private final Clock clock;
  private final SecureRandom random;

  FirstAdministrator(WebDatabase db, Accounts accounts, LoginLimiter limiter, Clock clock, SecureRandom random) {
    this.db = db;
    this.accounts = accounts;
    this.limiter = limiter;
    this.clock = clock;
    this.random = random;
  }

  /**
   * When the organisation {@code domain} has no administrator: makes one from {@code given}, or else a
   * set-up link for the service to print.
   *
   * @throws IllegalArgumentException when the given credentials break a rule (see {@link Credentials#check})
   */
  public Outcome begin(String domain, Optional<Credentials> given) {
    if (hasAdministrator()) {
      return new Outcome.AlreadySetUp();
    }
    if (given.isPresent()) {
      Credentials c = given.get();
      c.check(domain);
      db.inTransaction(conn -> create(conn, c, "environment"));
      return new Outcome.Created(Accounts.normalize(c.email()));
    }
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    Instant now = clock.instant();
    Instant expires = now.plus(TOKEN_LIFETIME);
    db.update("INSERT INTO web_setup_token (token_hash, domain, created_at, expires_at) VALUES (?, ?, ?, ?)",
        Sessions.hash(token), domain.toLowerCase(Locale.ROOT), now, expires);
    return new Outcome.Link(token, expires);
  }

  void routes(JavalinConfig config) {
    config.routes.get(PATH, this::page);
    config.routes.post(PATH, this::setUp);
  }

  private boolean hasAdministrator() {
    return db.one("SELECT COUNT(*) FROM web_person WHERE role = 'admin'", r -> r.getInt(1)).orElse(0) > 0;
  }

  /** The domain of a token that is unused and current, while there is no administrator. */
  private Optional<String> domainOf(String token) {
    if (token == null || token.isEmpty() || token.length() > 100 || hasAdministrator()) {
      return Optional.empty();
    }
    return db.one("SELECT domain FROM web_setup_token WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?",
        r -> r.getString(1), Sessions.hash(token), clock.instant());
  }

  private void page(Context ctx) {
    String token = ctx.queryParam("token");
    if (!limiter.allows(ctx.ip(), LIMITED)) {
      throw new WebRefusal(FailureKind.TOO_MANY_ATTEMPTS,
          "Too many wrong set-up links; try again in " + LoginLimiter.WINDOW.toMinutes() + " minutes.");
    }
    Optional<String> domain = domainOf(token);
    if (domain.isEmpty()) {
      limiter.failed(ctx.ip(), LIMITED);
      throw new WebRefusal(FailureKind.NOT_FOUND,
          "This set-up link is not valid: it was used, it expired, or the organisation has an administrator already.");
    }
    form(ctx, token, domain.get(), "");
  }

  private void form(Context ctx, String token, String domain, String error) {
    String csrf = WebUi.preSignInToken(ctx, random);
    Views.render(ctx, "setup.jte", Map.of("page", new Views.Page("Set up the first administrator", Optional.empty(),
        csrf, "", error), "token", token, "domain", domain));
  }

  private void setUp(Context ctx) {
    WebUi.requirePreSignInToken(ctx);
    if (!limiter.allows(ctx.ip(), LIMITED)) {
      throw new WebRefusal(FailureKind.TOO_MANY_ATTEMPTS,
          "Too many wrong set-up links; try again in " + LoginLimiter.WINDOW.toMinutes() + " minutes.");
    }
    String token = Optional.ofNullable(ctx.formParam("token")).orElse("");
    Optional<String> domain = domainOf(token);
    if (domain.isEmpty()) {
      limiter.failed(ctx.ip(), LIMITED);
      throw new WebRefusal(FailureKind.NOT_FOUND,
          "This set-up link is not valid: it was used, it expired, or the organisation has an administrator already.");
    }
    char[] password = Optional.ofNullable(ctx.formParam("password")).orElse("").toCharArray();
    char[] again = Optional.ofNullable(ctx.formParam("again")).orElse("").toCharArray();
    try {
      Credentials c = new Credentials(Optional.ofNullable(ctx.formParam("email")).orElse(""), password);
      if (!Arrays.equals(password, again)) {
        throw new IllegalArgumentException("the two passwords differ");
      }
      c.check(domain.get());
      db.inTransaction(conn -> {
        consume(conn, token);
        return create(conn, c, "set-up link");
      });
      ctx.redirect("/web/signin", HttpStatus.SEE_OTHER);
    } catch (IllegalArgumentException e) {
      ctx.status(400);
      form(ctx, token, domain.get(), e.getMessage());
    } finally {
      Arrays.fill(password, '\0');
      Arrays.fill(again, '\0');
    }
  }

  /** Uses the token and ends every other set-up link, in the transaction that makes the administrator. */
  private void consume(java.sql.Connection c, String token) throws SQLException {
    Instant now = clock.instant();
    if (WebDatabase.update(c, "UPDATE web_setup_token SET used_at = ? WHERE token_hash = ? AND used_at IS NULL"
        + " AND expires_at > ?", now, Sessions.hash(token), now) != 1) {
      throw new IllegalArgumentException("this set-up link has just been used");
    }
    WebDatabase.update(c, "UPDATE web_setup_token SET used_at = ? WHERE used_at IS NULL", now);
  }

  /** Makes the administrator unless one exists, audit-logged in the same transaction. */
  private Accounts.Person create(java.sql.Connection c, Credentials given, String how) throws SQLException {
    try (var count = c.prepareStatement("SELECT COUNT(*) FROM web_person WHERE role = 'admin'");
        var r = count.executeQuery()) {
      if (r.next() && r.getInt(1) > 0) {
        throw new IllegalArgumentException("the organisation has an administrator already");
      }
    }
    String name = "Administrator";
    Accounts.Person admin = accounts.create(c, given.email(), name, Accounts.Role.ADMIN, given.password());
    // The CA's audit log is the organisation's one log of administrators' actions.
    WebDatabase.update(c, "INSERT INTO audit_event (at, actor, action, detail) VALUES (?, ?, ?, ?)", clock.instant(),
        admin.email(), "first-administrator", "first administrator " + admin.email() + " set up by " + how);
    return admin;
  }
}
