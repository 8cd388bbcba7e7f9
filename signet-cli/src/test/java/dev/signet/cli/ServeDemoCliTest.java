package dev.signet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.testkit.LoopbackPorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `signet serve --demo`: the first start sets the organisation up and prints its password; the next finds it. */
class ServeDemoCliTest {
  @TempDir Path data;

  @Test
  void theFirstStartSetsUpTheDemoAndPrintsItsPasswordAndTheNextKeepsIt() throws Exception {
    String first = serveUntilListening(Map.of());
    String password = Files.readString(data.resolve("demo-password")).strip();
    String second = serveUntilListening(Map.of());

    assertThat(first).contains("signet: the demo password (every demo person's, and the CA's) is " + password,
        "signet: set up the demo CA", "/web (web UI: sign in here)", "set up the demo people: alice@example.org");
    assertThat(second).doesNotContain(password, "set up the demo CA")
        .contains("found the demo people: alice@example.org");
  }

  @Test
  void theDemoPasswordComesFromTheEnvironmentAndIsNotPrinted() throws Exception {
    String out = serveUntilListening(Map.of("SIGNET_DEMO_PASSWORD", "chosen demo password"));

    assertThat(Files.readString(data.resolve("demo-password")).strip()).isEqualTo("chosen demo password");
    assertThat(out).doesNotContain("chosen demo password");
  }

  @Test
  void aPortOutOfRangeIsRefusedBeforeTheDemoWritesAnything() throws IOException {
    Path folder = data.resolve("demo");

    CliRun.Result r = CliRun.withEnvironment(Map.of()).run("serve", "--demo", "--data", folder.toString(),
        "--ldap-port", "70000");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderr()).isEqualTo("signet: error: not a port: 70000\n");
    assertThat(folder).doesNotExist();
  }

  /** Runs `serve --demo` on free loopback ports until it has started, stops it, and returns what it wrote to stderr. */
  private String serveUntilListening(Map<String, String> env) throws Exception {
    int https = LoopbackPorts.free();
    List<String> args = new ArrayList<>(List.of("serve", "--demo", "--data", data.toString(), "--host", "127.0.0.1",
        "--https-port", String.valueOf(https)));
    for (String port : List.of("--http-port", "--smtp-port", "--smtps-port", "--imap-port", "--imaps-port", "--ldap-port",
        "--ldaps-port")) {
      args.addAll(List.of(port, "0")); // the system picks: a port chosen here could be taken before serve binds it
    }
    AtomicReference<CliRun.Result> result = new AtomicReference<>();
    Thread serving = new Thread(() -> result.set(CliRun.withEnvironment(env).run(args.toArray(String[]::new))),
        "signet-serve-demo");
    serving.start();
    // The demo's set-up comes first: an interrupt before serve waits to be stopped would cut it short (H2 closes
    // its file when its thread is interrupted).
    ServeFixture.awaitStarted(serving, result, Duration.ofSeconds(90));
    serving.interrupt();
    serving.join(20_000);
    assertThat(result.get()).isNotNull();
    assertThat(result.get().exitCode()).as(result.get().toString()).isZero();
    return result.get().stderr();
  }
}
