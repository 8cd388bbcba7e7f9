package dev.signet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.testkit.LoopbackPorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** `signet ca init` and `signet serve` on loopback ports in a temporary data folder, for end-to-end tests. */
final class ServeFixture implements AutoCloseable {
  static final CliRun SIGNET = CliRun.withEnvironment(Map.of("SIGNET_CA_PASSWORD", CaCliTest.CA_PASSWORD));
  final Path data;
  private final Optional<String> db;
  final Path root;
  final int httpsPort;
  private final Thread serving;
  private final AtomicReference<CliRun.Result> result;

  private ServeFixture(Path data, Optional<String> db, Path root, int httpsPort, Thread serving,
      AtomicReference<CliRun.Result> result) {
    this.data = data;
    this.db = db;
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
    return first(caName, Optional.empty(), env, options);
  }

  /**
   * As {@link #start(String, Map, List)}, with the CA's records in the database {@code db} (a JDBC URL)
   * instead of the data folder, so that {@link #anotherNode} can serve beside it.
   */
  static ServeFixture start(String caName, String db, Map<String, String> env, List<String> options) {
    return first(caName, Optional.of(db), env, options);
  }

  private static ServeFixture first(String caName, Optional<String> db, Map<String, String> env, List<String> options) {
    try {
      Path data = Files.createTempDirectory("signet-serve");
      int httpPort = LoopbackPorts.free();
      List<String> init = new ArrayList<>(List.of("ca", "init"));
      init.addAll(caRecords(data, db));
      init.addAll(List.of("--name", caName, "--key", "ec-p384", "--url", "http://127.0.0.1:" + httpPort));
      CliRun.Result made = SIGNET.run(init.toArray(String[]::new));
      assertThat(made.exitCode()).as(made.toString()).isZero();
      Path root = Files.write(data.resolve("root.pem"), made.stdout());
      return launch(data, db, root, httpPort, env, options);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A second node of this service, as behind a load balancer: the same CA database, a data folder and
   * ports of its own, with {@code env} and {@code options} as for the first.
   */
  ServeFixture anotherNode(Map<String, String> env, List<String> options) {
    if (db.isEmpty()) {
      throw new IllegalStateException("nodes share the CA's records only in a database: start with one");
    }
    try {
      return launch(Files.createTempDirectory("signet-serve"), db, root, LoopbackPorts.free(), env, options);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** `serve` on {@code data} (and {@code db}) in a thread of this JVM, once it has started and waits to be stopped. */
  private static ServeFixture launch(Path data, Optional<String> db, Path root, int httpPort, Map<String, String> env,
      List<String> options) throws IOException {
    int httpsPort = LoopbackPorts.free();
    // --debug: a serve that fails to start leaves its stack trace in the result a failing test prints
    List<String> args = new ArrayList<>(List.of("serve", "--debug", "--data", data.toString(), "--host", "127.0.0.1",
        "--http-port", String.valueOf(httpPort), "--https-port", String.valueOf(httpsPort)));
    db.ifPresent(url -> args.addAll(List.of("--db", url)));
    args.addAll(options);
    Map<String, String> all = new HashMap<>(env);
    all.put("SIGNET_CA_PASSWORD", CaCliTest.CA_PASSWORD);
    AtomicReference<CliRun.Result> result = new AtomicReference<>();
    Thread serving = new Thread(() -> result.set(CliRun.withEnvironment(all).run(args.toArray(String[]::new))),
        "signet-serve");
    serving.start();
    awaitStarted(serving, result, Duration.ofSeconds(60));
    return new ServeFixture(data, db, root, httpsPort, serving, result);
  }

  /** Where the CA's verbs find its records: the database if there is one, else the data folder. */
  private static List<String> caRecords(Path data, Optional<String> db) {
    return db.map(url -> List.of("--db", url)).orElse(List.of("--data", data.toString()));
  }

  String server() {
    return "https://127.0.0.1:" + httpsPort;
  }

  /** `signet ca VERB --data DATA ARGS...`, or with --db where the CA's records are in a database. */
  CliRun.Result ca(String verb, String... args) {
    List<String> all = new ArrayList<>(List.of("ca", verb));
    all.addAll(caRecords(data, db));
    all.addAll(List.of(args));
    return SIGNET.run(all.toArray(String[]::new));
  }

  String token(String email) {
    CliRun.Result r = ca("token", "--email", email);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return r.out().strip();
  }

  /**
   * Until serve waits to be stopped: its listeners are up, and what it prints at start is printed. Its
   * HTTPS port answers earlier, while Jetty still starts, and an interrupt then would cut the start short.
   */
  static void awaitStarted(Thread serving, AtomicReference<CliRun.Result> result, Duration limit) {
    Instant deadline = Instant.now().plus(limit);
    while (!waitsToBeStopped(serving)) {
      if (!serving.isAlive()) {
        throw new AssertionError("signet serve ended instead of serving: " + result.get());
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("signet serve did not start within " + limit.toSeconds() + " s");
      }
      pause();
    }
  }

  private static void pause() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops serve, and says how it ended. */
  CliRun.Result stop() throws InterruptedException {
    close();
    return result.get();
  }

  /**
   * Whether {@code serving} waits in serve's own latch to be stopped. The thread's state alone does not say:
   * Jetty's start waits too, on its selectors.
   */
  static boolean waitsToBeStopped(Thread serving) {
    if (serving.getState() != Thread.State.WAITING) {
      return false;
    }
    return Arrays.stream(serving.getStackTrace())
        .filter(frame -> !frame.getClassName().startsWith("java.") && !frame.getClassName().startsWith("jdk."))
        .findFirst()
        .map(frame -> frame.getClassName().equals(ServeCommand.class.getName()))
        .orElse(false);
  }

  @Override
  public void close() throws InterruptedException {
    serving.interrupt();
    serving.join(10_000);
  }
}
