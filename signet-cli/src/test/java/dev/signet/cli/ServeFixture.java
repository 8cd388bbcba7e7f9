package dev.signet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/** `signet ca init` and `signet serve` on loopback ports in a temporary data folder, for end-to-end tests. */
final class ServeFixture implements AutoCloseable {
  static final CliRun SIGNET = CliRun.withEnvironment(Map.of("SIGNET_CA_PASSWORD", CaCliTest.CA_PASSWORD));
  final Path data;
  final Path root;
  final int httpsPort;
  private final Thread serving;
  private final AtomicReference<CliRun.Result> result;

  private ServeFixture(Path data, Path root, int httpsPort, Thread serving, AtomicReference<CliRun.Result> result) {
    this.data = data;
    this.root = root;
    this.httpsPort = httpsPort;
    this.serving = serving;
    this.result = result;
  }

  /** With the embedded mail server and directory, on ports the system picks. */
  static ServeFixture start(String caName) {
    return start(caName, Map.of(), List.of("--smtp-port", "0", "--smtps-port", "0", "--imap-port", "0", "--imaps-port",
        "0", "--ldap-port", "0", "--ldaps-port", "0"));
  }

  /** With {@code env} besides the CA passphrase, and {@code options} besides the data folder, host and HTTP(S) ports. */
  static ServeFixture start(String caName, Map<String, String> env, List<String> options) {
    try {
      Path data = Files.createTempDirectory("signet-serve");
      int httpPort = freePort();
      int httpsPort = freePort();
      CliRun.Result init = SIGNET.run("ca", "init", "--data", data.toString(), "--name", caName, "--key", "ec-p384",
          "--url", "http://127.0.0.1:" + httpPort);
      assertThat(init.exitCode()).as(init.toString()).isZero();
      Path root = data.resolve("root.pem");
      Files.write(root, init.stdout());
      List<String> args = new ArrayList<>(List.of("serve", "--data", data.toString(), "--host", "127.0.0.1",
          "--http-port", String.valueOf(httpPort), "--https-port", String.valueOf(httpsPort)));
      args.addAll(options);
      Map<String, String> all = new HashMap<>(env);
      all.put("SIGNET_CA_PASSWORD", CaCliTest.CA_PASSWORD);
      AtomicReference<CliRun.Result> result = new AtomicReference<>();
      Thread serving = new Thread(() -> result.set(CliRun.withEnvironment(all).run(args.toArray(String[]::new))),
          "signet-serve");
      serving.start();
      awaitListening(httpsPort);
      return new ServeFixture(data, root, httpsPort, serving, result);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String server() {
    return "https://127.0.0.1:" + httpsPort;
  }

  /** `signet ca VERB --data DATA ARGS...` */
  CliRun.Result ca(String verb, String... args) {
    String[] all = new String[args.length + 4];
    all[0] = "ca";
    all[1] = verb;
    all[2] = "--data";
    all[3] = data.toString();
    System.arraycopy(args, 0, all, 4, args.length);
    return SIGNET.run(all);
  }

  String token(String email) {
    CliRun.Result r = ca("token", "--email", email);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return r.out().strip();
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static void awaitListening(int port) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(deadline)) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException notYet) {
        pause();
      }
    }
    throw new AssertionError("signet serve did not start listening on " + port);
  }

  private static void pause() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops serve once it waits to be stopped (an interrupt any earlier cuts its start short), and says how it ended. */
  CliRun.Result stop() throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (serving.isAlive() && serving.getState() != Thread.State.WAITING && Instant.now().isBefore(deadline)) {
      pause();
    }
    close();
    return result.get();
  }

  @Override
  public void close() throws InterruptedException {
    serving.interrupt();
    serving.join(10_000);
  }
}
