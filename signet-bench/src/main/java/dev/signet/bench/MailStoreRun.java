package dev.signet.bench;

import dev.signet.core.DigitalId;
import dev.signet.core.KeyType;
import dev.signet.mail.transport.FetchedMessages;
import dev.signet.mail.transport.Login;
import dev.signet.mail.transport.MailServer;
import dev.signet.mail.transport.MailTransport;
import dev.signet.mail.transport.ServerTrust;
import dev.signet.pki.CaDatabase;
import dev.signet.pki.CertificateAuthority;
import dev.signet.pki.Issuer;
import dev.signet.server.mail.MailLogins;
import dev.signet.server.mail.MailService;
import dev.signet.server.mail.MailServiceConfig;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The embedded mail store's benchmark (not a test): how long the mail server takes to start, and the
 * heap it holds, with 10, 10,000 and 100,000 messages in a mailbox, and how long an IMAP fetch of the
 * newest 50 takes (first, when the folder's index is read, and again); then 50 people with 20,000
 * messages each, in 512 MiB of heap.
 *
 * <p>Each case runs in a JVM of its own ({@code -Xmx512m}) on a mail folder prepared beforehand in the
 * store's format ({@code <address>/sub/INBOX/cur/<uid>:2,<flags>}; the time to fill it is not measured).
 * {@code java -cp benchmarks.jar dev.signet.bench.MailStoreRun [WORK_FOLDER] [--no-50x20000]} prints
 * the table; bench/mailstore.sh runs it.
 */
public final class MailStoreRun {
  private static final String PASSWORD = "benchmark password";
  private static final int NEWEST = 50;

  private MailStoreRun() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("--case")) {
      runCase(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
      return;
    }
    Path work = args.length > 0 && !args[0].startsWith("--") ? Path.of(args[0])
        : Files.createTempDirectory("signet-mailstore-bench");
    boolean many = List.of(args).stream().noneMatch("--no-50x20000"::equals);
    System.out.println("people  messages-each  start-up-ms  heap-after-start-MiB  fetch-newest-50-first-ms"
        + "  fetch-newest-50-again-ms  heap-after-fetch-MiB");
    int[][] cases = many ? new int[][] {{1, 10}, {1, 10_000}, {1, 100_000}, {50, 20_000}}
        : new int[][] {{1, 10}, {1, 10_000}, {1, 100_000}};
    for (int[] c : cases) {
      Path folder = work.resolve(c[0] + "x" + c[1]);
      prepare(folder.resolve("mail"), c[0], c[1]);
      List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx512m", "-cp", System.getProperty("java.class.path"), MailStoreRun.class.getName(), "--case",
          folder.toString(), Integer.toString(c[0]), Integer.toString(c[1])));
      Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD)
          .redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
      if (!p.waitFor(30, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        System.out.println("case " + c[0] + "x" + c[1] + " failed (still running after 30 minutes)");
      } else if (p.exitValue() != 0) {
        System.out.println("case " + c[0] + "x" + c[1] + " failed (exit " + p.exitValue() + ")");
      }
    }
    System.out.println("(mail folders in " + work + ")");
  }

  private static String person(int i) {
    return i == 0 ? "bob@example.org" : "person" + i + "@example.org";
  }

  /** Writes {@code messages} messages for each of {@code people} as the store keeps them, the oldest seen. */
  private static void prepare(Path mail, int people, int messages) throws IOException {
    for (int i = 0; i < people; i++) {
      Path inbox = mail.resolve(person(i)).resolve("sub").resolve("INBOX");
      if (Files.exists(inbox)) {
        continue; // prepared by an earlier run
      }
      Path staged = mail.resolve(person(i)).resolve("sub").resolve(".new-bench");
      Files.createDirectories(staged.resolve("cur"));
      Files.createDirectories(staged.resolve("tmp"));
      Files.createDirectories(staged.resolve("sub"));
      Files.writeString(staged.resolve("uidvalidity"), Long.toString(Instant.now().getEpochSecond()));
      Instant start = Instant.parse("2025-01-01T00:00:00Z");
      for (int n = 1; n <= messages; n++) {
        Path file = staged.resolve("cur").resolve(n + (n <= messages / 2 ? ":2,S" : ":2,"));
        Files.write(file, message(person(i), n));
        Files.setLastModifiedTime(file, FileTime.from(start.plusSeconds(n)));
      }
      Files.move(staged, inbox);
    }
  }

  private static byte[] message(String to, int n) {
    return ("Return-Path: <alice@example.org>\r\nFrom: alice@example.org\r\nTo: " + to + "\r\nSubject: message " + n
        + "\r\nMessage-ID: <" + n + "." + to + ">\r\nMIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\n"
        + ("A line of message " + n + " to fill it to about a kilobyte.\r\n").repeat(16))
        .getBytes(StandardCharsets.US_ASCII);
  }

  /** One case, in this JVM: start, measure, fetch the newest 50 of each person twice, measure. */
  private static void runCase(Path folder, int people, int messages) throws Exception {
    DigitalId tls;
    X509Certificate root;
    Path ca = Files.createTempDirectory("signet-mailstore-bench-ca");
    try (CertificateAuthority authority = CertificateAuthority.open(CaDatabase.inDataFolder(ca))) {
      Issuer issuer = authority.init("CN=Mail Store Benchmark CA", KeyType.EC_P384, "http://127.0.0.1:1",
          PASSWORD.toCharArray(), "bench");
      tls = issuer.serviceIdentity(List.of("localhost", "127.0.0.1"));
      root = issuer.caChain().get(issuer.caChain().size() - 1);
    }
    MailLogins logins = (address, password) -> PASSWORD.equals(new String(password));

    long started = System.nanoTime();
    MailService mail = MailService.start(new MailServiceConfig(folder.resolve("mail"), "127.0.0.1", 0, 0, 0, 0),
        logins, tls);
    for (int i = 0; i < people; i++) {
      mail.addMailbox(person(i));
    }
    double startMillis = (System.nanoTime() - started) / 1e6;
    double heapStarted = heapMiB();

    MailTransport client = MailTransport.trusting(ServerTrust.anchoredAt(List.of(root)));
    MailServer imaps = MailServer.imap("imaps://127.0.0.1:" + mail.imapsPort());
    double first = 0;
    double again = 0;
    for (int i = 0; i < people; i++) {
      first += fetchNewest(client, imaps, person(i), messages);
    }
    for (int i = 0; i < people; i++) {
      again += fetchNewest(client, imaps, person(i), messages);
    }
    double heapFetched = heapMiB();
    mail.close();
    System.out.printf(Locale.ROOT, "%6d  %13d  %11.0f  %20.1f  %24.0f  %24.0f  %20.1f%n", people, messages,
        startMillis, heapStarted, first / people, again / people, heapFetched);
  }

  private static double fetchNewest(MailTransport client, MailServer imaps, String who, int messages)
      throws IOException {
    int[] got = {0};
    long t = System.nanoTime();
    try (Login login = new Login(who, PASSWORD.toCharArray())) {
      int total = client.fetchNewest(imaps, login, 0, NEWEST, new FetchedMessages() {
        @Override
        public boolean wants(long validity, long uid) {
          return true;
        }

        @Override
        public void accept(long validity, long uid, Instant received, byte[] raw) {
          got[0]++;
        }
      });
      if (total != messages || got[0] != Math.min(NEWEST, messages)) {
        throw new IllegalStateException(who + ": " + total + " messages, " + got[0] + " fetched");
      }
    }
    return (System.nanoTime() - t) / 1e6;
  }

  private static double heapMiB() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
  }
}
