package dev.signet.bench;

import dev.signet.mail.transport.Login;
import dev.signet.mail.transport.MailTransport;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The web mail's folder benchmark (not a test): with {@code messages} messages in a person's INBOX on
 * the embedded mail server (and a 1 MiB message the newest of them), how long the web UI takes to
 * serve the folder page and to open the 1 MiB message, each asked 20 times after 5 to warm up, over
 * loopback HTTPS (so the time is the server's, and a little TLS).
 * {@code java -cp benchmarks.jar dev.signet.bench.FolderPageRun [MESSAGES]}; bench/folders.sh runs it.
 */
public final class FolderPageRun {
  private static final int WARM_UP = 5;
  private static final int RUNS = 20;
  private static final int BATCH = 500;
  private static final Pattern NEWEST = Pattern.compile("data-row href=\"/web/mail/([0-9]+)\">large");

  private FolderPageRun() {}

  public static void main(String[] args) throws Exception {
    int messages = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    try (LoadOrganisation org = LoadOrganisation.start(Files.createTempDirectory("signet-folder-bench"), 1,
        "ec-p256")) {
      String email = org.people().get(0).email();
      long filling = System.nanoTime();
      fill(org, email, messages);
      System.out.printf(Locale.ROOT, "%d messages and one of 1 MiB appended over IMAP in %.1f s%n", messages,
          (System.nanoTime() - filling) / 1e9);
      LoadRun.WebSession web = LoadRun.WebSession.signIn(org.web(), org.root(), email);
      System.out.println("page                       median-ms  p90-ms  max-ms");
      report("folder page (/web/inbox)", timed(web, "/web/inbox"));
      report("folder list (/web/folders)", timed(web, "/web/folders"));
      Matcher newest = NEWEST.matcher(web.get("/web/inbox").body());
      if (!newest.find()) {
        throw new IllegalStateException("the 1 MiB message is not the newest in the inbox");
      }
      report("open the 1 MiB message", timed(web, "/web/mail/" + newest.group(1)));
    }
  }

  /** Appends {@code messages} notes of about a kilobyte, then one of 1 MiB, to the person's INBOX. */
  private static void fill(LoadOrganisation org, String email, int messages) throws IOException {
    Session session = Session.getInstance(new Properties());
    MailTransport.trusting(org.trust()).inStore(org.imap(), new Login(email, LoadOrganisation.PASSWORD.toCharArray()),
        store -> {
          Folder inbox = store.getFolder("INBOX");
          List<Message> batch = new ArrayList<>();
          for (int n = 1; n <= messages + 1; n++) {
            String body = n <= messages ? ("A line of message " + n + " to fill it to about a kilobyte.\r\n").repeat(16)
                : "A line of the large message, repeated to fill one mebibyte of text.\r\n".repeat(15_197);
            batch.add(new MimeMessage(session, new ByteArrayInputStream(("From: alice@example.org\r\nTo: " + email
                + "\r\nSubject: " + (n <= messages ? "message " + n : "large") + "\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=us-ascii\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII))));
            if (batch.size() == BATCH || n == messages + 1) {
              append(inbox, batch);
            }
          }
          return null;
        });
  }

  private static void append(Folder inbox, List<Message> batch) throws MessagingException {
    inbox.appendMessages(batch.toArray(Message[]::new));
    batch.clear();
  }

  private static List<Long> timed(LoadRun.WebSession web, String path) throws IOException {
    List<Long> nanos = new ArrayList<>();
    for (int i = 0; i < WARM_UP + RUNS; i++) {
      long began = System.nanoTime();
      HttpResponse<String> r = web.get(path);
      long took = System.nanoTime() - began;
      if (r.statusCode() != 200) {
        throw new IllegalStateException(path + ": HTTP " + r.statusCode());
      }
      if (i >= WARM_UP) {
        nanos.add(took);
      }
    }
    return nanos;
  }

  private static void report(String what, List<Long> nanos) {
    LoadRun.Latencies l = LoadRun.Latencies.of(what, nanos);
    System.out.printf(Locale.ROOT, "%-26s %9.1f %7.1f %7.1f%n", what, l.p50(), l.p90(), l.max());
  }
}
