package dev.signet.server.web;

import dev.signet.core.DigitalId;
import dev.signet.mail.StoredId;
import dev.signet.pki.CaDatabase;
import dev.signet.server.ServiceContext;
import dev.signet.server.ServicePart;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web UI, served over the service's HTTPS under {@code /web}: sign-in, mail, compose, digital IDs
 * and the administrator's console. Every route checks the session and the role; every form carries
 * the session's CSRF token; pages load nothing but their own stylesheet (a strict
 * Content-Security-Policy), and no error shows a stack trace.
 */
public final class WebUi implements ServicePart {
  static final String SESSION_COOKIE = "__Host-signet-session";
  static final String PRE_COOKIE = "__Host-signet-signin";
  static final String ID_FOLDER = "web-ids";
  static final String PAGE_CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
      + "frame-src 'self'; frame-ancestors 'none'; base-uri 'none'";
  private static final Logger LOG = LoggerFactory.getLogger(WebUi.class);

  private final WebDatabase db;
  private final Mailboxes mailboxes;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Accounts accounts;
  private final Sessions sessions;
  private final LoginLimiter limiter;
  private final OrgPolicy policy;
  private final AutoEnrollment autoEnrollment;
  private Optional<KeyRing> keyRing = Optional.empty();

  private WebUi(WebDatabase db, Optional<Mailboxes> mailboxes, Clock clock) {
    this.db = db;
    this.clock = clock;
    this.mailboxes = mailboxes.orElseGet(() -> new StoredMailboxes(db, clock));
    this.accounts = new Accounts(db, clock, random);
    this.sessions = new Sessions(db, clock, random);
    this.limiter = new LoginLimiter(clock);
    this.policy = new OrgPolicy(db);
    this.autoEnrollment = new AutoEnrollment(db);
  }

  /** The web UI over the CA's database, with mailboxes kept in that database. */
  public static WebUi over(CaDatabase database) {
    return new WebUi(new WebDatabase(database), Optional.empty(), Clock.systemUTC());
  }

  /** The web UI reading and sending mail through {@code other} (IMAP and SMTP, say). */
  public static WebUi over(CaDatabase database, Mailboxes other) {
    return new WebUi(new WebDatabase(database), Optional.of(other), Clock.systemUTC());
  }

  /** As {@link #over(CaDatabase)}, telling time by {@code clock}: sessions, sign-in limits, what is sent when. */
  public static WebUi over(CaDatabase database, Clock clock) {
    return new WebUi(new WebDatabase(database), Optional.empty(), clock);
  }

  /** The accounts of the people and administrators who sign in. */
  public Accounts accounts() {
    return accounts;
  }

  /** The mailboxes the web UI reads and delivers to. */
  /** The organisation's policy as the administrators set it on the console. */
  public dev.signet.core.Policy policy() {
    return policy.current();
  }

  public Mailboxes mailboxes() {
    return mailboxes;
  }

  /**
   * Keeps {@code id} among the person's digital IDs, its key encrypted under {@code idPassword} (the
   * demo's set-up, an administrator's import); once the service has started.
   */
  public StoredId keepDigitalId(String email, DigitalId id, char[] idPassword, boolean exportable) throws IOException {
    return keyRing.orElseThrow(() -> new IllegalStateException("the service has not started yet")).store(email)
        .add("id-" + id.certificate().getSerialNumber().toString(16), id, idPassword, exportable);
  }

  @Override
  public void configure(JavalinConfig config, ServiceContext context) {
    KeyRing keys = new KeyRing(context.dataFolder().resolve(ID_FOLDER));
    keyRing = Optional.of(keys);
    MailReader reader = new MailReader(context.issuer(), policy, clock);
    config.routes.before("/web", this::guard);
    config.routes.before("/web/*", this::guard);
    config.routes.get("/", ctx -> ctx.redirect("/web/inbox", HttpStatus.SEE_OTHER));
    config.routes.get("/web", ctx -> ctx.redirect("/web/inbox", HttpStatus.SEE_OTHER));
    config.routes.get("/web/signet.css", WebUi::stylesheet);
    config.routes.get("/web/signin", this::signInPage);
    config.routes.post("/web/signin", this::signIn);
    config.routes.post("/web/signout", ctx -> {
      keys.lock(session(ctx));
      sessions.close(session(ctx));
      ctx.cookie(cookie(SESSION_COOKIE, "", 0));
      ctx.redirect("/web/signin", HttpStatus.SEE_OTHER);
    });
    new MailPages(mailboxes, reader, keys, context.authority(), db, clock, random).routes(config);
    new IdPages(keys, context.authority(), context.issuer(), policy, autoEnrollment, limiter, new LoginLimiter(clock),
        random).routes(config);
    new AdminPages(accounts, policy, autoEnrollment, context.authority(), clock).routes(config);
    config.routes.exception(WebRefusal.class, (e, ctx) -> errorPage(ctx, e.status(), e.getMessage()));
    config.routes.exception(Exception.class, (e, ctx) -> {
      LOG.error("{} {} failed: {}", ctx.method(), ctx.path(), e.toString());
      if (ctx.path().startsWith("/web")) {
        errorPage(ctx, 500, "Something went wrong on our side; nothing was changed.");
      } else {
        ctx.status(500).contentType("text/plain").result("Server Error\n");
      }
    });
  }

  /** Runs before every web route: HTTPS only, security headers, the session and role, and the CSRF token on posts. */
  private void guard(Context ctx) {
    ctx.header("Content-Security-Policy", PAGE_CSP);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Cache-Control", "no-store");
    if (!ctx.req().isSecure()) {
      throw new WebRefusal(403, "The web UI is served over HTTPS only.");
    }
    ctx.header("Strict-Transport-Security", "max-age=31536000");
    String path = ctx.path();
    if (path.equals("/web/signin") || path.equals("/web/signet.css")) {
      return;
    }
    Optional<Sessions.Session> session = sessions.find(ctx.cookie(SESSION_COOKIE));
    if (session.isEmpty()) {
      if (ctx.method().toString().equals("GET")) {
        ctx.redirect("/web/signin", HttpStatus.SEE_OTHER);
        ctx.skipRemainingHandlers();
        return;
      }
      throw new WebRefusal(401, "Please sign in.");
    }
    ctx.attribute("session", session.get());
    if (path.startsWith("/web/admin") && !session.get().person().isAdmin()) {
      throw new WebRefusal(403, "This page is for administrators.");
    }
    if (!ctx.method().toString().equals("GET") && !sameToken(ctx.formParam("csrf"), session.get().csrf())) {
      throw new WebRefusal(403, "The form had no valid security token; reload the page and try again.");
    }
  }

  static Sessions.Session session(Context ctx) {
    Sessions.Session s = ctx.attribute("session");
    if (s == null) {
      throw new WebRefusal(401, "Please sign in.");
    }
    return s;
  }

  static Views.Page page(Context ctx, String title) {
    Sessions.Session s = session(ctx);
    return new Views.Page(title, Optional.of(s.person()), s.csrf(), "", "");
  }

  static boolean sameToken(String given, String expected) {
    return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
        expected.getBytes(StandardCharsets.UTF_8));
  }

  private void signInPage(Context ctx) {
    signInPage(ctx, "");
  }

  /** Sign-in has no session yet: its form's token is matched against a cookie set with the form. */
  private void signInPage(Context ctx, String error) {
    String token = Sessions.hash(Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong()));
    ctx.cookie(cookie(PRE_COOKIE, token, 600));
    Views.render(ctx, "signin.jte", Map.of("page", new Views.Page("Sign in", Optional.empty(), token, "", error)));
  }

  private void signIn(Context ctx) {
    if (!sameToken(ctx.formParam("csrf"), Optional.ofNullable(ctx.cookie(PRE_COOKIE)).orElse("\0"))) {
      throw new WebRefusal(403, "The form had no valid security token; reload the page and try again.");
    }
    String email = Optional.ofNullable(ctx.formParam("email")).orElse("");
    char[] password = Optional.ofNullable(ctx.formParam("password")).orElse("").toCharArray();
    try {
      if (!limiter.allows(ctx.ip(), email)) {
        ctx.status(429);
        signInPage(ctx, "Too many failed sign-ins; try again in " + LoginLimiter.WINDOW.toMinutes() + " minutes.");
        return;
      }
      Optional<Accounts.Person> person = email.length() > 320 ? Optional.empty() : accounts.check(email, password);
      if (person.isEmpty()) {
        limiter.failed(ctx.ip(), email);
        ctx.status(401);
        signInPage(ctx, "Wrong address or password.");
        return;
      }
      Sessions.Opened opened = sessions.open(person.get()); // a new token at every sign-in: no session fixation
      ctx.cookie(cookie(SESSION_COOKIE, opened.cookie(), (int) Sessions.LIFETIME.toSeconds()));
      ctx.cookie(cookie(PRE_COOKIE, "", 0));
      ctx.redirect(person.get().isAdmin() ? "/web/admin/policy" : "/web/inbox", HttpStatus.SEE_OTHER);
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  private static Cookie cookie(String name, String value, int maxAge) {
    return new Cookie(name, value, "/", maxAge, true, true, null, SameSite.STRICT);
  }

  private static void stylesheet(Context ctx) {
    try (InputStream in = WebUi.class.getResourceAsStream("/web/signet.css")) {
      ctx.header("Cache-Control", "max-age=3600");
      ctx.contentType("text/css; charset=utf-8").result(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void errorPage(Context ctx, int status, String message) {
    ctx.status(status);
    Sessions.Session s = ctx.attribute("session");
    Views.Page page = new Views.Page(status == 404 ? "Not found" : "Not possible",
        Optional.ofNullable(s).map(Sessions.Session::person), s == null ? "" : s.csrf(), "", message);
    Views.render(ctx, "error.jte", Map.of("page", page));
  }

  @Override
  public void close() {
    db.close();
  }
}
