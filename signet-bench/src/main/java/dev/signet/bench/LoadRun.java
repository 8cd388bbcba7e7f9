package dev.signet.bench;

import dev.signet.core.EmailAddress;
import dev.signet.core.ReadOptions;
import dev.signet.core.SecurityReport;
import dev.signet.core.Smime;
import dev.signet.core.TlsTrust;
import dev.signet.core.Verdict;
import dev.signet.directory.Directory;
import dev.signet.mail.transport.FetchedMessages;
import dev.signet.mail.transport.Login;
import dev.signet.mail.transport.MailTransport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load test: every person of a {@link LoadOrganisation} at once, for a while, doing what a mail
 * program does: compose (policy, directory lookup, sign, encrypt) and submit over SMTP on a connection
 * kept open, fetch new mail over IMAP and read it (decrypt and verify), and open it in the web UI. At
 * the end each person fetches until their mail is in, and the run counts what was lost or doubled.
 *
 * <p>{@code java -cp benchmarks.jar dev.signet.bench.LoadRun [SECONDS] [PEOPLE]} prints the table.
 */
public final class LoadRun {
  private static final Pattern MESSAGE_ID = Pattern.compile("(?m)^Message-ID: <([^>]+)>\r?$");
  private static final Pattern WEB_LINK = Pattern.compile("href=\"/web/mail/(\\d+)\">load ([^<]+)</a>");
  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
  private static final Duration DRAIN = Duration.ofSeconds(120);
  private static final long DRAIN_PAUSE_MILLIS = 1000;
  private static final int READ_EVERY = 4;

  /** How hard and how long: {@code people} at once, each message {@code messageBytes} of text to one other person. */
  public record Settings(int people, Duration duration, int messageBytes) {}

  /** Latencies of one kind of operation, in milliseconds. */
  public record Latencies(String operation, int count, double p50, double p90, double p99, double max) {
    static Latencies of(String operation, List<Long> nanos) {
      List<Long> sorted = new ArrayList<>(nanos);
      Collections.sort(sorted);
      return new Latencies(operation, sorted.size(), at(sorted, 0.50), at(sorted, 0.90), at(sorted, 0.99),
          sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1) / 1e6);
    }

    private static double at(List<Long> sorted, double q) {
      return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(q * sorted.size()) - 1)) / 1e6;
    }
  }

  /**
   * What a run did: messages accepted by SMTP, deliveries expected (one per recipient) and seen over
   * IMAP, those never seen (lost), those seen more than once, every error, and the latencies.
   */
  public record Outcome(Settings settings, Duration elapsed, int sent, int expected, int delivered, List<String> lost,
      List<String> duplicated, List<String> errors, List<Latencies> latencies) {
    public boolean clean() {
      return sent > 0 && lost.isEmpty() && duplicated.isEmpty() && errors.isEmpty() && delivered == expected;
    }

    public double messagesPerSecond() {
      return sent / (elapsed.toNanos() / 1e9);
    }

    public void print(PrintStream out) {
      out.printf("load: %d people, %d s, %d-byte messages signed and encrypted, %d sent (%.1f/s), %d deliveries "
              + "expected, %d seen, %d lost, %d duplicated, %d errors%n", settings.people(), elapsed.toSeconds(),
          settings.messageBytes(), sent, messagesPerSecond(), expected, delivered, lost.size(), duplicated.size(),
          errors.size());
      out.println("| operation | count | p50 ms | p90 ms | p99 ms | max ms |");
      out.println("|---|---|---|---|---|---|");
      for (Latencies l : latencies) {
        out.printf("| %s | %d | %.1f | %.1f | %.1f | %.1f |%n", l.operation(), l.count(), l.p50(), l.p90(), l.p99(), l.max());
      }
      errors.stream().limit(10).forEach(e -> out.println("error: " + e));
    }
  }

  private final LoadOrganisation org;
  private final Settings settings;
  private final Smime smime = Smime.withDefaults();
  private final SendPath sendPath;
  private final MailTransport mail;
  private final Map<String, Set<String>> expected = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
  private final List<String> errors = Collections.synchronizedList(new ArrayList<>());
  private final List<Long> sendNanos = Collections.synchronizedList(new ArrayList<>());
  private final List<Long> fetchNanos = Collections.synchronizedList(new ArrayList<>());
  private final List<Long> webNanos = Collections.synchronizedList(new ArrayList<>());

  private LoadRun(LoadOrganisation org, Settings settings) {
    this.org = org;
    this.settings = settings;
    this.mail = MailTransport.trusting(org.trust());
    this.sendPath = new SendPath(settings.messageBytes());
  }

  public static Outcome run(LoadOrganisation org, Settings settings) throws InterruptedException {
    return new LoadRun(org, settings).run();
  }

  private Outcome run() throws InterruptedException {
    ExecutorService people = Executors.newFixedThreadPool(org.people().size());
    List<Future<Client>> clients = new ArrayList<>();
    for (LoadOrganisation.Person p : org.people()) {
      clients.add(people.submit(() -> new Client(p)));
    }
    List<Client> ready = new ArrayList<>();
    for (Future<Client> c : clients) {
      ready.add(done(c));
    }
    Instant start = Instant.now();
    Instant deadline = start.plus(settings.duration());
    List<Future<Client>> running = new ArrayList<>();
    for (Client c : ready) {
      if (c != null) {
        running.add(people.submit(() -> c.act(deadline)));
      }
    }
    running.forEach(this::done);
    Duration elapsed = Duration.between(start, Instant.now());
    people.shutdown();
    people.awaitTermination(1, TimeUnit.MINUTES);
    return outcome(elapsed);
  }

  private Client done(Future<Client> f) {
    try {
      return f.get();
    } catch (java.util.concurrent.ExecutionException e) {
      errors.add(String.valueOf(e.getCause()));
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** One person's mail program, signed in everywhere before the clock starts (each sign-in is an Argon2 check). */
  private final class Client implements AutoCloseable {
    private final LoadOrganisation.Person me;
    private final Login login;
    private final Directory gal;
    private final MailTransport.Connection smtp;
    private final WebSession web;
    private final Reader reader;

    Client(LoadOrganisation.Person me) throws IOException {
      this.me = me;
      this.login = new Login(me.email(), LoadOrganisation.PASSWORD.toCharArray());
      this.gal = org.directory();
      this.smtp = mail.connect(org.smtp(), login, me.email());
      this.web = WebSession.signIn(org.web(), org.root(), me.email());
      this.reader = new Reader(me);
    }

    /** Until the deadline, then until this person's mail is in. */
    Client act(Instant deadline) {
      try (this) {
        for (int n = 0; Instant.now().isBefore(deadline); n++) {
          send(me, gal, smtp, n);
          if (n % READ_EVERY == READ_EVERY - 1) {
            reader.fetch(login);
            web.readOne(LoadRun.this);
          }
        }
        Instant drained = Instant.now().plus(DRAIN);
        while (!reader.hasAll() && Instant.now().isBefore(drained)) {
          reader.fetch(login);
          Thread.sleep(DRAIN_PAUSE_MILLIS); // each fetch logs in (an Argon2 check): leave the server room
        }
      } catch (IOException | RuntimeException e) {
        errors.add(me.email() + ": " + e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        errors.add(me.email() + ": interrupted");
      }
      return this;
    }

    @Override
    public void close() throws IOException {
      try (login; gal) {
        smtp.close();
      }
    }
  }

  private void send(LoadOrganisation.Person me, Directory gal, MailTransport.Connection smtp, int n) throws IOException {
    List<LoadOrganisation.Person> all = org.people();
    String to = all.get((all.indexOf(me) + 1 + ThreadLocalRandom.current().nextInt(all.size() - 1)) % all.size()).email();
    String id = "load-" + EmailAddress.parse(me.email()).orElseThrow().localPart() + "-" + n + "@" + LoadOrganisation.DOMAIN;
    long began = System.nanoTime();
    expected.computeIfAbsent(id, k -> ConcurrentHashMap.newKeySet()).add(to); // before: it may arrive at once
    try {
      sendPath.send(me, to, id, gal, smtp);
    } catch (IOException | RuntimeException e) {
      expected.remove(id);
      throw e;
    }
    sendNanos.add(System.nanoTime() - began);
  }

  /** A person's IMAP reading: only new messages, each decrypted and verified. */
  private final class Reader implements FetchedMessages {
    private final LoadOrganisation.Person me;
    private final Set<String> mine = new HashSet<>();
    private long lastUid;

    Reader(LoadOrganisation.Person me) {
      this.me = me;
    }

    void fetch(Login login) throws IOException {
      long began = System.nanoTime();
      mail.fetch(org.imap(), login, this);
      fetchNanos.add(System.nanoTime() - began);
    }

    boolean hasAll() {
      return expected.entrySet().stream().filter(e -> e.getValue().contains(me.email())).allMatch(e -> mine.contains(e.getKey()));
    }

    @Override
    public boolean wants(long uidValidity, long uid) {
      return uid > lastUid;
    }

    @Override
    public long newerThan(long uidValidity) {
      return lastUid;
    }

    @Override
    public void accept(long uidValidity, long uid, Instant received, byte[] raw) throws IOException {
      lastUid = uid;
      Matcher m = MESSAGE_ID.matcher(new String(raw, 0, Math.min(raw.length, 8192), StandardCharsets.US_ASCII));
      if (!m.find()) {
        errors.add(me.email() + ": a message without Message-ID, UID " + uid);
        return;
      }
      String id = m.group(1);
      mine.add(id);
      seen.computeIfAbsent(id + " to " + me.email(), k -> new AtomicInteger()).incrementAndGet();
      SecurityReport report = smime.read(new ByteArrayInputStream(raw), ReadOptions.readAll(List.of(me.id()),
          List.of(org.root())).withCrls(org.crls()), OutputStream.nullOutputStream());
      if (report.verdict() != Verdict.VALID || !report.encrypted()) {
        errors.add(me.email() + ": " + id + " reads as " + report.verdict() + " " + report.problems());
      }
    }
  }

  /** A person signed in to the web UI: opens the newest message they have not opened yet. */
  static final class WebSession {
    private final HttpClient http;
    private final URI base;
    private final Set<String> opened = new HashSet<>();

    private WebSession(HttpClient http, URI base) {
      this.http = http;
      this.base = base;
    }

    static WebSession signIn(URI base, X509Certificate root, String email) throws IOException {
      WebSession s = new WebSession(HttpClient.newBuilder().sslContext(TlsTrust.clientContext(List.of(root)))
          .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL)).followRedirects(HttpClient.Redirect.NEVER)
          .build(), base);
      Matcher csrf = CSRF.matcher(s.get("/web/signin").body());
      if (!csrf.find()) {
        throw new IOException("no form token on the sign-in page");
      }
      String form = "email=" + enc(email) + "&password=" + enc(LoadOrganisation.PASSWORD) + "&csrf=" + enc(csrf.group(1));
      HttpResponse<String> r = s.send(HttpRequest.newBuilder(base.resolve("/web/signin"))
          .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build());
      if (r.statusCode() != 303) {
        throw new IOException("sign-in refused for " + email + ": HTTP " + r.statusCode());
      }
      return s;
    }

    /** The inbox, then one message not opened before (if any); both timed as one read. */
    void readOne(LoadRun run) throws IOException {
      long began = System.nanoTime();
      HttpResponse<String> inbox = get("/web/inbox");
      if (inbox.statusCode() != 200) {
        run.errors.add("web inbox: HTTP " + inbox.statusCode());
        return;
      }
      Matcher link = WEB_LINK.matcher(inbox.body());
      while (link.find()) {
        if (opened.add(link.group(2))) {
          HttpResponse<String> page = get("/web/mail/" + link.group(1));
          if (page.statusCode() != 200 || !page.body().contains(link.group(2))) {
            run.errors.add("web message " + link.group(2) + ": HTTP " + page.statusCode());
          }
          break;
        }
      }
      run.webNanos.add(System.nanoTime() - began);
    }

    HttpResponse<String> get(String path) throws IOException {
      return send(HttpRequest.newBuilder(base.resolve(path)).GET().build());
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException {
      try {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
    }

    private static String enc(String s) {
      return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
  }

  private Outcome outcome(Duration elapsed) {
    List<String> lost = new ArrayList<>();
    int want = 0;
    for (Map.Entry<String, Set<String>> e : expected.entrySet()) {
      for (String to : e.getValue()) {
        want++;
        if (!seen.containsKey(e.getKey() + " to " + to)) {
          lost.add(e.getKey() + " to " + to);
        }
      }
    }
    List<String> doubled = seen.entrySet().stream().filter(e -> e.getValue().get() > 1).map(Map.Entry::getKey).toList();
    return new Outcome(settings, elapsed, expected.size(), want, seen.size(), lost, doubled, List.copyOf(errors),
        List.of(Latencies.of("send (compose + SMTP)", sendNanos), Latencies.of("IMAP fetch (new mail)", fetchNanos),
            Latencies.of("web read (inbox + message)", webNanos)));
  }

  /** Runs the load test in a temporary folder: {@code [SECONDS] [PEOPLE]}, default 300 and 50. */
  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    int people = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    Path data = Files.createTempDirectory("signet-load");
    Outcome outcome;
    try (LoadOrganisation org = LoadOrganisation.start(data, people, "ec-p256")) {
      outcome = run(org, new Settings(people, Duration.ofSeconds(seconds), 4096));
    }
    outcome.print(System.out);
    System.exit(outcome.clean() ? 0 : 1);
  }
}
