package dev.signet.server.web;

import dev.signet.core.DigitalId;
import dev.signet.core.ErrorLine;
import dev.signet.core.FailureKind;
import dev.signet.core.RevocationFetching;
import dev.signet.core.SignetFailure;
import dev.signet.directory.Directory;
import dev.signet.mail.IdStore;
import dev.signet.mail.StoredId;
import dev.signet.mail.transport.Login;
import dev.signet.pki.CaDatabase;
import dev.signet.server.part.ServiceContext;
import dev.signet.server.part.ServicePart;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web UI, served over the service's HTTPS under {@code /web}: sign-in, mail, compose, digital IDs
 * and the administrator's console. Every route checks the session and the role; every form carries
 * the session's CSRF token; pages load nothing but their own stylesheet and scripts (htmx and the
 * keyboard shortcuts), which may ask only this site (a strict Content-Security-Policy, no inline
 * script), and no error shows a stack trace.
 */
public final class WebUi implements ServicePart {
  static final String SESSION_COOKIE = "__Host-signet-session";
  static final String PRE_COOKIE = "__Host-signet-signin";
  static final String MAIL_SECRET = "mail";
  static final String PAGE_CSP = "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; "
      + "img-src 'self'; form-action 'self'; "
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
  private final FirstAdministrator firstAdministrator;
  private final KeyRing keys;
  private final Gal gal;

  /** Where compose also looks recipients up (asked at each compose), and the roots it trusts besides its CA's. */
  private record Gal(Supplier<Optional<Directory>> directory, List<X509Certificate> trustRoots) {
    static final Gal NONE = new Gal(Optional::empty, List.of());
  }

  private WebUi(WebDatabase db, Optional<Mailboxes> mailboxes, Clock clock, Gal gal) {
    this.db = db;
    this.clock = clock;
    this.gal = gal;
    this.mailboxes = mailboxes.orElseGet(() -> new StoredMailboxes(db, clock));
    this.accounts = new Accounts(db, clock, random);
    this.sessions = new Sessions(db, clock, random, Sessions.IDLE);
    this.keys = new KeyRing(db, sessions, clock);
    this.limiter = new LoginLimiter(db, clock, "sign-in");
    this.policy = new OrgPolicy(db);
    this.autoEnrollment = new AutoEnrollment(db);
    this.firstAdministrator = new FirstAdministrator(db, accounts, new LoginLimiter(db, clock, "set-up"), clock,
        random);
  }

  /** The web UI over the CA's database, with mailboxes kept in that database. */
  public static WebUi over(CaDatabase database) {
    return new WebUi(new WebDatabase(database), Optional.empty(), Clock.systemUTC(), Gal.NONE);
  }

  /** The web UI reading and sending mail through {@code other} (IMAP and SMTP, say). */
  public static WebUi over(CaDatabase database, Mailboxes other) {
    return new WebUi(new WebDatabase(database), Optional.of(other), Clock.systemUTC(), Gal.NONE);
  }

  /** As {@link #over(CaDatabase)}, telling time by {@code clock}: sessions, sign-in limits, what is sent when. */
  public static WebUi over(CaDatabase database, Clock clock) {
    return new WebUi(new WebDatabase(database), Optional.empty(), clock, Gal.NONE);
  }

  /**
   * This web UI, compose also finding recipients' certificates in {@code directory} (asked at each
   * compose: it may start after the web UI is made) when they chain to the CA's root or one of
   * {@code trustRoots} (partners' CAs). Use it in place of this one.
   */
  public WebUi withDirectory(Supplier<Directory> directory, List<X509Certificate> trustRoots) {
    return new WebUi(db, Optional.of(mailboxes), clock,
        new Gal(() -> Optional.of(directory.get()), List.copyOf(trustRoots)));
  }

  /** The accounts of the people and administrators who sign in. */
  public Accounts accounts() {
    return accounts;
  }

  /** Sets up the organisation's first administrator when it has none. */
  public FirstAdministrator firstAdministrator() {
    return firstAdministrator;
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
   * demo's set-up, an administrator's import).
   */
  public StoredId keepDigitalId(String email, DigitalId id, char[] idPassword, boolean exportable) throws IOException {
    return keys.store(email).add("id-" + id.certificate().getSerialNumber().toString(16), id, idPassword, exportable);
  }

  /** The person's digital-ID store: in the database, the same on every node. */
  IdStore idStore(String email) {
    return keys.store(email);
  }

  @Override
  public void configure(JavalinConfig config, ServiceContext context) {
    adoptIdFolders(context.dataFolder());
    MailReader reader = new MailReader(context.issuer(), gal.trustRoots(), policy, clock,
        RevocationFetching.cachingIn(context.dataFolder().resolve("revocation-cache")));
    Attachment.holdUploadsInMemory(config.jetty.multipartConfig);
    config.routes.before("/web", this::guard);
    config.routes.before("/web/*", this::guard);
    config.routes.get("/", ctx -> ctx.redirect("/web/inbox", HttpStatus.SEE_OTHER));
    config.routes.get("/web", ctx -> ctx.redirect("/web/inbox", HttpStatus.SEE_OTHER));
    config.routes.get("/web/signet.css", ctx -> asset(ctx, "signet.css", "text/css; charset=utf-8"));
    config.routes.get("/web/signet.js", ctx -> asset(ctx, "signet.js", "text/javascript; charset=utf-8"));
    config.routes.get("/web/signin", this::signInPage);
    config.routes.post("/web/signin", this::signIn);
    config.routes.post("/web/signout", ctx -> {
      keys.lock(session(ctx));
      sessions.close(session(ctx));
      ctx.cookie(cookie(SESSION_COOKIE, "", 0));
      ctx.redirect("/web/signin", HttpStatus.SEE_OTHER);
    });
    Correspondents correspondents = new Correspondents(keys, reader, new Recipients(context.authority(),
        gal.directory(), reader, () -> accounts.list().stream().map(Accounts.Person::email).toList()), clock, random);
    Receipts receipts = new Receipts(db, mailboxes, reader, clock, random);
    MessagePages messages = new MessagePages(mailboxes, this::mailOwner, reader, keys, db, receipts, correspondents);
    messages.routes(config);
    new ComposePages(mailboxes, this::mailOwner, reader, keys, db, clock, random, correspondents, messages)
        .routes(config);
    new ReceiptsPage(mailboxes, this::mailOwner, db, receipts).routes(config);
    new ComposeAssist(correspondents::of).routes(config);
    new SearchPages(mailboxes, this::mailOwner, reader, keys, clock, MailSearch.Budget.DEFAULT).routes(config);
    new FolderPages(mailboxes, this::mailOwner, reader, keys).routes(config);
    KeyExportDefault keyExport = new KeyExportDefault(db);
    new IdPages(keys, context.authority(), context.issuer(), policy, autoEnrollment, keyExport, limiter,
        new LoginLimiter(db, clock, "issuance"), random).routes(config);
    new UnlockOffer(keys).routes(config);
    new PolicyPage(policy, autoEnrollment, keyExport, clock).routes(config);
    new AdminPages(accounts).routes(config);
    new TokenPages(context.authority(), sessions, clock).routes(config);
    new CertificatePages(context.authority()).routes(config);
    new AuditPage(context.authority()).routes(config);
    firstAdministrator.routes(config);
    config.routes.exception(Exception.class, (e, ctx) -> failed(ctx, e));
  }

  /**
   * A Signet failure is answered with its kind's status and its one line: a page for the web, plain text
   * for the protocols beside it (EST, CRL, OCSP, ACME). Anything else, and Signet's own storage failing,
   * is on our side: logged, and the person is told no more.
   */
  private static void failed(Context ctx, Exception e) {
    Optional<SignetFailure> failure = e instanceof SignetFailure f ? Optional.of(f)
        : Attachment.refusedUpload(e).map(SignetFailure.class::cast);
    boolean page = ctx.path().startsWith("/web");
    if (failure.isPresent() && failure.get().kind() != FailureKind.STORAGE) {
      int status = WebRefusal.status(failure.get().kind());
      String line = ErrorLine.withoutClassNames(failure.get().getMessage(),
          "That cannot be done; nothing was changed.");
      if (page) {
        errorPage(ctx, status, line);
      } else {
        ctx.status(status).contentType("text/plain; charset=utf-8").result(line + "\n");
      }
      return;
    }
    LOG.error("{} {} failed: {}", ctx.method(), ctx.path(), e.toString());
    if (page) {
      errorPage(ctx, 500, "Something went wrong on our side; nothing was changed.");
    } else {
      ctx.status(500).contentType("text/plain").result("Server Error\n");
    }
  }

  /** Digital-ID stores Signet kept as files under the data folder before they moved into the database. */
  private void adoptIdFolders(Path dataFolder) {
    try {
      keys.adopt(dataFolder.resolve("web-ids"), accounts.list().stream().map(Accounts.Person::email).toList());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move the digital-ID stores into the database", e);
    }
  }

  /** Runs before every web route: security headers, the session and role, and the CSRF token on posts. */
  private void guard(Context ctx) {
    ctx.header("Content-Security-Policy", PAGE_CSP);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Cache-Control", "no-store");
    ctx.header("Strict-Transport-Security", "max-age=31536000"); // plain HTTP never gets here: Service redirects it
    String path = ctx.path();
    if (path.equals("/web/signin") || path.equals("/web/signet.css") || path.equals("/web/signet.js")
        || path.equals(FirstAdministrator.PATH)) {
      return;
    }
    Optional<Sessions.Session> session = sessions.find(ctx.cookie(SESSION_COOKIE));
    if (session.isEmpty()) {
      if (ctx.method().toString().equals("GET")) {
        ctx.redirect("/web/signin", HttpStatus.SEE_OTHER);
        ctx.skipRemainingHandlers();
        return;
      }
      throw new WebRefusal(FailureKind.NOT_AUTHENTICATED, "Please sign in.");
    }
    ctx.attribute("session", session.get());
    if (path.startsWith("/web/admin") && !session.get().person().isAdmin()) {
      throw new WebRefusal(FailureKind.NOT_AUTHORIZED, "This page is for administrators.");
    }
    if (!ctx.method().toString().equals("GET") && !sameToken(ctx.formParam("csrf"), session.get().csrf())) {
      throw new WebRefusal(FailureKind.NOT_AUTHORIZED,
          "The form had no valid security token; reload the page and try again.");
    }
    sessions.seen(session.get());
  }

  static Sessions.Session session(Context ctx) {
    Sessions.Session s = ctx.attribute("session");
    if (s == null) {
      throw new WebRefusal(FailureKind.NOT_AUTHENTICATED, "Please sign in.");
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

  private void signInPage(Context ctx, String error) {
    Views.render(ctx, "signin.jte", Map.of("page", new Views.Page("Sign in", Optional.empty(), preSignInToken(ctx,
        random), "", error)));
  }

  /** A form shown before there is a session (sign-in, set-up): its token is matched against a cookie set with it. */
  static String preSignInToken(Context ctx, SecureRandom random) {
    String token = Sessions.hash(Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong()));
    ctx.cookie(cookie(PRE_COOKIE, token, 600));
    return token;
  }

  /** Refuses a post of such a form without the token its cookie holds. */
  static void requirePreSignInToken(Context ctx) {
    if (!sameToken(ctx.formParam("csrf"), Optional.ofNullable(ctx.cookie(PRE_COOKIE)).orElse("\0"))) {
      throw new WebRefusal(FailureKind.NOT_AUTHORIZED,
          "The form had no valid security token; reload the page and try again.");
    }
  }

  private void signIn(Context ctx) throws IOException {
    requirePreSignInToken(ctx);
    String email = Optional.ofNullable(ctx.formParam("email")).orElse("");
    char[] password = Optional.ofNullable(ctx.formParam("password")).orElse("").toCharArray();
    try {
      if (!limiter.allows(ctx.ip(), email)) {
        ctx.status(429);
        signInPage(ctx, "Too many failed sign-ins; try again in " + LoginLimiter.WINDOW.toMinutes() + " minutes.");
        return;
      }
      Optional<Accounts.Person> person = email.length() > 320 || email.isBlank() ? Optional.empty()
          : check(email, password);
      if (person.isEmpty()) {
        limiter.failed(ctx.ip(), email);
        ctx.status(401);
        signInPage(ctx, "Wrong address or password.");
        return;
      }
      Sessions.Opened opened = sessions.open(person.get()); // a new token at every sign-in: no session fixation
      if (mailboxes.checksPasswords()) {
        sessions.keep(opened.session(), MAIL_SECRET, password); // the mail server wants it for every mailbox visit
      }
      ctx.cookie(cookie(SESSION_COOKIE, opened.cookie(), (int) Sessions.LIFETIME.toSeconds()));
      ctx.cookie(cookie(PRE_COOKIE, "", 0));
      ctx.redirect(new UnlockOffer(keys).afterSignIn(opened.session()), HttpStatus.SEE_OTHER);
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  /**
   * The account whose password this is: where the organisation's mail server checks passwords, it
   * decides and the account gives the role; else the account's own hash.
   */
  private Optional<Accounts.Person> check(String email, char[] password) {
    if (!mailboxes.checksPasswords()) {
      return accounts.check(email, password);
    }
    try (Login login = new Login(Accounts.normalize(email), password)) {
      return mailboxes.accepts(login) ? accounts.find(email) : Optional.empty();
    }
  }

  /** Whose mailbox a session opens: with the mail password it keeps where the mail server checks one. */
  private Mailboxes.Owner mailOwner(Sessions.Session s) {
    String me = s.person().email();
    if (!mailboxes.checksPasswords()) {
      return Mailboxes.Owner.of(me);
    }
    Optional<char[]> password = sessions.kept(s, MAIL_SECRET);
    try {
      return new Mailboxes.Owner(me, password.map(p -> new Login(me, p)));
    } finally {
      password.ifPresent(p -> Arrays.fill(p, '\0'));
    }
  }

  private static Cookie cookie(String name, String value, int maxAge) {
    return new Cookie(name, value, "/", maxAge, true, true, null, SameSite.STRICT);
  }

  /** A file every page loads (stylesheet, script), the same for everyone: cached for an hour. */
  private static void asset(Context ctx, String name, String type) {
    resource(ctx, "/web/" + name, type, "max-age=3600");
  }

  /** A file the service ships ({@code path} among its resources), as {@code type}, cached as {@code cache} says. */
  static void resource(Context ctx, String path, String type, String cache) {
    try (InputStream in = WebUi.class.getResourceAsStream(path)) {
      ctx.header("Cache-Control", cache);
      ctx.contentType(type).result(in.readAllBytes());
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
