package dev.signet.cli;

import dev.signet.mail.transport.FetchedMessages;
import dev.signet.mail.transport.Login;
import dev.signet.mail.transport.MailServer;
import dev.signet.mail.transport.MailTransport;
import dev.signet.mail.transport.ServerTrust;
import dev.signet.pki.CaDatabase;
import dev.signet.pki.CertificateAuthority;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * `signet serve --demo` in a JVM of its own (the test's classpath), on loopback ports the system picks,
 * so that a test can kill it with SIGKILL and start it again on the same data folder.
 */
final class ServeProcess implements AutoCloseable {
  static final String PASSWORD = "crash test demo password";
  private static final Pattern ENDPOINT = Pattern.compile("^\\s+(https|smtps?|imaps?|ldap)://127\\.0\\.0\\.1:(\\d+)");

  private final Process process;
  private final List<String> stderr = new ArrayList<>();
  private final CountDownLatch ready = new CountDownLatch(1);
  private int https;
  private int smtp;
  private int smtps;
  private int imap;
  private int imaps;
  private int ldap;

  private ServeProcess(Process process) {
    this.process = process;
  }

  /** Starts the demo on {@code data} (set up on first start, found afterwards) and waits until it serves. */
  static ServeProcess start(Path data) {
    ServeProcess serve = launch(data, 0, 0, 0, 0);
    serve.awaitReady();
    return serve;
  }

  /**
   * Launches the demo on {@code data} without waiting for it, HTTPS, SMTPS, IMAPS and LDAP on the ports
   * given (0: the system picks), so that a client can aim at them while it is still starting.
   */
  static ServeProcess launch(Path data, int httpsPort, int smtpsPort, int imapsPort, int ldapPort) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "serve", "--demo", "--data", data.toString(), "--host", "127.0.0.1"));
    List<String> ports = List.of("--http-port", "--https-port", "--smtp-port", "--smtps-port", "--imap-port",
        "--imaps-port", "--ldap-port", "--ldaps-port");
    int[] given = {0, httpsPort, 0, smtpsPort, 0, imapsPort, ldapPort, 0};
    for (int i = 0; i < ports.size(); i++) {
      command.addAll(List.of(ports.get(i), Integer.toString(given[i])));
    }
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.environment().put("SIGNET_DEMO_PASSWORD", PASSWORD);
    try {
      ServeProcess serve = new ServeProcess(builder.start());
      Thread reader = new Thread(serve::readStderr, "signet-serve-stderr");
      reader.setDaemon(true);
      reader.start();
      return serve;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until it serves; kills it and fails if it does not within two minutes. */
  void awaitReady() {
    try {
      if (!ready.await(120, TimeUnit.SECONDS) || !process.isAlive()
          || Math.min(Math.min(https, smtps), Math.min(imaps, ldap)) == 0) {
        kill();
        throw new AssertionError("signet serve did not start:\n" + log());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Whether it has said it serves (or died). */
  boolean started() {
    return ready.getCount() == 0;
  }

  private void readStderr() {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        synchronized (stderr) {
          stderr.add(line);
        }
        Matcher m = ENDPOINT.matcher(line);
        if (m.find()) {
          port(m.group(1), Integer.parseInt(m.group(2)));
        }
        if (line.equals("signet: stop with Ctrl-C")) {
          ready.countDown();
        }
      }
    } catch (IOException killed) {
      // the process is gone
    } finally {
      ready.countDown();
    }
  }

  private void port(String scheme, int port) {
    switch (scheme) {
      case "https" -> https = https == 0 ? port : https;
      case "smtp" -> smtp = port;
      case "smtps" -> smtps = port;
      case "imap" -> imap = port;
      case "imaps" -> imaps = port;
      default -> ldap = port;
    }
  }

  String log() {
    synchronized (stderr) {
      return String.join("\n", stderr);
    }
  }

  int httpsPort() {
    return https;
  }

  /** SMTP submission with STARTTLS. */
  int smtpPort() {
    return smtp;
  }

  int smtpsPort() {
    return smtps;
  }

  /** IMAP with STARTTLS. */
  int imapPort() {
    return imap;
  }

  int imapsPort() {
    return imaps;
  }

  int ldapPort() {
    return ldap;
  }

  /** The root of the demo CA set up on {@code data}: what a client trusts for the server's TLS. */
  static List<X509Certificate> root(Path data) {
    try (CertificateAuthority ca = CertificateAuthority.open(CaDatabase.inDataFolder(data))) {
      return List.of(ca.caCertificates().get(ca.caCertificates().size() - 1));
    }
  }

  /** The copies in {@code person}'s INBOX (over IMAPS) of each message whose Message-ID starts with {@code prefix}. */
  Map<String, List<byte[]>> inbox(String person, List<X509Certificate> anchors, String prefix) throws IOException {
    Map<String, List<byte[]>> byId = new HashMap<>();
    try (Login login = new Login(person, PASSWORD.toCharArray())) {
      MailTransport.trusting(ServerTrust.anchoredAt(anchors)).fetch(MailServer.imap("imaps://127.0.0.1:" + imaps),
          login, new CollectedById(prefix, byId));
    }
    return byId;
  }

  /** Whether a delivered copy ends with the message as sent (the server adds trace fields in front). */
  static boolean endsWith(byte[] whole, byte[] tail) {
    return whole.length >= tail.length
        && Arrays.equals(whole, whole.length - tail.length, whole.length, tail, 0, tail.length);
  }

  /** Fetched messages grouped by their Message-ID, those of a test alone. */
  private record CollectedById(String prefix, Map<String, List<byte[]>> byId) implements FetchedMessages {
    private static final Pattern ID = Pattern.compile("(?m)^Message-ID: <([^>]+)>");

    @Override
    public boolean wants(long validity, long uid) {
      return true;
    }

    @Override
    public void accept(long validity, long uid, Instant received, byte[] raw) {
      Matcher m = ID.matcher(new String(raw, StandardCharsets.US_ASCII));
      if (m.find() && m.group(1).startsWith(prefix)) {
        byId.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(raw);
      }
    }
  }

  /** SIGKILL: no shutdown hook, no flush, no close. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      kill();
    }
  }
}
