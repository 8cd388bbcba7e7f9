package dev.signet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.mail.transport.Envelope;
import dev.signet.mail.transport.Login;
import dev.signet.mail.transport.MailServer;
import dev.signet.mail.transport.MailTransport;
import dev.signet.mail.transport.ServerTrust;
import dev.signet.mail.transport.TransportException;
import dev.signet.testkit.LoopbackPorts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded mail server killed with SIGKILL at random moments, again and again, while senders keep
 * submitting mail with unique Message-IDs: during start-up, right after it, after start-up with the
 * senders quiet, and while mail flows; each time started again on the same data folder. Every message
 * answered 250 is then in the INBOX exactly once, byte for byte.
 */
class MailCrashTest {
  /** What each restart waits for before the kill: 0 in start-up, 1 right after, 2 idle after, 3 steady sending. */
  private static final int[] KILLS = {1, 0, 2, 3};
  private static final int SENDERS = 3;
  private static final int MOST_ACKNOWLEDGED = 3_000; // bounds the run
  private static final String TO = "bob@example.org";

  @TempDir Path dir;
  private Path data;
  private int[] ports;

  @Test
  void everyMessageAnswered250IsKeptExactlyOnceThroughKillsDuringStartUpRightAfterItAndWhileSending()
      throws Exception {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    long begun = System.nanoTime();
    long launched = begun;
    ServeProcess serve = firstStart(); // the first start sets up the demo's people: not killed
    long startMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - launched);
    List<X509Certificate> anchors = ServeProcess.root(data);
    List<String> kills = new ArrayList<>();
    Senders senders = new Senders(anchors, ports[1]);
    int beforeLast;
    try (senders) {
      senders.awaitAcknowledged(30, 30_000);
      serve.kill();
      for (int kill : KILLS) {
        int before = senders.acknowledged.size();
        launched = System.nanoTime();
        serve = ServeProcess.launch(data, ports[0], ports[1], ports[2], ports[3]);
        switch (kill) {
          case 0 -> { // somewhere in start-up
            long after = random.nextLong(startMillis + 1);
            Thread.sleep(after);
            kills.add("start-up +" + after + " ms" + (serve.started() ? " (had started)" : ""));
          }
          case 1 -> { // right after start-up, mail arriving
            serve.awaitReady();
            startMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - launched); // not the demo's first
            long after = random.nextLong(300);
            Thread.sleep(after);
            kills.add("started +" + after + " ms");
          }
          case 2 -> { // senders quiet once it has started: nothing later arrives to push earlier mail out
            serve.awaitReady();
            senders.paused = true;
            long after = 500 + random.nextLong(1000);
            Thread.sleep(after);
            kills.add("started, idle " + after + " ms");
          }
          default -> { // in steady sending
            serve.awaitReady();
            senders.awaitAcknowledged(before + 30 + random.nextInt(50), 20_000);
            kills.add("steady, " + (senders.acknowledged.size() - before) + " acknowledged");
          }
        }
        serve.kill();
        senders.paused = false;
        kills.set(kills.size() - 1, kills.get(kills.size() - 1) + " @" + elapsed(begun) + " s");
      }
      serve = ServeProcess.launch(data, ports[0], ports[1], ports[2], ports[3]);
      serve.awaitReady();
      beforeLast = senders.acknowledged.size();
      senders.awaitAcknowledged(beforeLast + 20, 20_000);
    }

    Map<String, List<byte[]>> delivered;
    try (ServeProcess last = serve) {
      delivered = last.inbox(TO, anchors, "mail-crash-");
    }
    String story = "after " + elapsed(begun) + " s: seed " + seed + ", kills: " + kills + ", " + senders.acknowledged.size() + " acknowledged of "
        + senders.all.size() + ", refused: " + senders.refusals;
    System.out.println("MailCrashTest: " + story);
    assertThat(senders.acknowledged.size()).as(story).isGreaterThanOrEqualTo(50);
    assertThat(senders.acknowledged.size()).as("taking mail after the last restart: " + story)
        .isGreaterThanOrEqualTo(beforeLast + 20);
    for (String id : senders.acknowledged.keySet()) {
      assertThat(delivered.getOrDefault(id, List.of()).size()).as(story + ": copies of acknowledged " + id).isOne();
    }
    for (Map.Entry<String, List<byte[]>> d : delivered.entrySet()) {
      assertThat(d.getValue().size()).as(story + ": copies of " + d.getKey()).isOne();
      assertThat(ServeProcess.endsWith(d.getValue().get(0), senders.all.get(d.getKey()))).as(story + ": whole " + d.getKey()).isTrue();
    }
  }

  private static long elapsed(long since) {
    return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - since);
  }

  /** Threads that each keep one SMTPS connection as alice and submit to bob, reconnecting when it breaks. */
  private static final class Senders implements AutoCloseable {
    final Map<String, byte[]> all = new ConcurrentHashMap<>(); // every message tried
    final Map<String, byte[]> acknowledged = new ConcurrentHashMap<>(); // those answered 250
    private final AtomicInteger next = new AtomicInteger();
    private final List<Thread> threads = new ArrayList<>();
    private final MailTransport smtp;
    private final MailServer server;
    private volatile boolean stopped;
    volatile boolean paused;
    final Map<String, Integer> refusals = new ConcurrentHashMap<>(); // why not acknowledged, how often

    Senders(List<X509Certificate> anchors, int smtpsPort) throws TransportException {
      this.smtp = MailTransport.trusting(ServerTrust.anchoredAt(anchors));
      this.server = MailServer.smtp("smtps://127.0.0.1:" + smtpsPort);
      for (int i = 0; i < SENDERS; i++) {
        Thread t = new Thread(this::send, "mail-crash-sender-" + i);
        t.setDaemon(true);
        t.start();
        threads.add(t);
      }
    }

    private void send() {
      MailTransport.Connection connection = null;
      while (!stopped && acknowledged.size() < MOST_ACKNOWLEDGED) {
        if (paused) {
          pause(20);
          continue;
        }
        String id = "mail-crash-" + next.incrementAndGet() + "@example.org";
        byte[] message = message(id);
        all.put(id, message);
        try {
          if (connection == null) {
            connection = smtp.connect(server, new Login("alice@example.org", ServeProcess.PASSWORD.toCharArray()),
                "alice@example.org");
          }
          connection.submit(new Envelope("alice@example.org", List.of(TO)), message);
          acknowledged.put(id, message); // answered 250
        } catch (Exception refusedOrCutOff) {
          // not acknowledged: down, starting, refused with 4xx, or killed in flight
          refusals.merge(String.valueOf(refusedOrCutOff.getMessage()).replaceAll("[0-9]+", "N"), 1, Integer::sum);
          connection = closed(connection);
          pause(100);
        }
      }
      closed(connection);
    }

    private static MailTransport.Connection closed(MailTransport.Connection connection) {
      if (connection != null) {
        try {
          connection.close();
        } catch (Exception gone) {
          // the server went away
        }
      }
      return null;
    }

    void awaitAcknowledged(int count, long millis) {
      long end = System.currentTimeMillis() + millis;
      while (acknowledged.size() < Math.min(count, MOST_ACKNOWLEDGED) && System.currentTimeMillis() < end) {
        pause(20);
      }
    }

    private static void pause(long millis) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void close() throws InterruptedException {
      stopped = true;
      for (Thread t : threads) {
        t.join(60_000);
      }
    }
  }

  /**
   * The demo started on ports found free. One can be taken before serve binds it (another process's
   * outgoing connection gets it): then it starts afresh, on new ports and in a new folder.
   */
  private ServeProcess firstStart() {
    for (int attempt = 1; ; attempt++) {
      data = dir.resolve("attempt-" + attempt);
      ports = new int[] {LoopbackPorts.free(), LoopbackPorts.free(), LoopbackPorts.free(), LoopbackPorts.free()};
      ServeProcess serve = ServeProcess.launch(data, ports[0], ports[1], ports[2], ports[3]);
      try {
        serve.awaitReady();
        return serve;
      } catch (AssertionError e) {
        if (attempt == 3 || !String.valueOf(e.getMessage()).contains("Address already in use")) {
          throw e;
        }
      }
    }
  }

  private static byte[] message(String id) {
    return ("From: alice@example.org\r\nTo: bob@example.org\r\nSubject: " + id + "\r\nMessage-ID: <" + id
        + ">\r\nMIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\n" + ("line of " + id + "\r\n").repeat(40))
        .getBytes(StandardCharsets.US_ASCII);
  }
}
