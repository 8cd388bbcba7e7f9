package dev.signet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;

/**
 * The large-input contract: a 1 GiB message goes through sign | encrypt | decrypt | verify, and
 * compose streams too; each stage is a separate JVM limited to a 64 MiB heap, so none may hold the
 * message in memory.
 */
@Tag("large")
class LargeMessageTest {
  private static final int LINE = 76;
  private static final int RAW_PER_LINE = LINE / 4 * 3;

  @TempDir Path dir;

  @Test
  void aOneGibMessageIsSignedEncryptedDecryptedAndVerifiedWith64MibHeaps(TestReporter reporter) throws Exception {
    Fixtures.Person alice = Fixtures.person(dir, "alice@example.org", "Alice");
    Fixtures.Person bob = Fixtures.person(dir, "bob@example.org", "Bob");
    Path tmp = Files.createDirectory(dir.resolve("tmp"));

    JsonNode json = run(reporter, "sign|encrypt|decrypt|verify", 1L << 30, List.of(
        stage(tmp, "sign", "--id", alice.p12().toString()),
        stage(tmp, "encrypt", "--to", bob.certificatePem().toString()),
        stage(tmp, "decrypt", "--id", bob.p12().toString()),
        stage(tmp, "verify", "--trust", alice.certificatePem().toString(), "--json")));

    assertValidFromAlice(json);
    try (Stream<Path> left = Files.list(tmp)) {
      assertThat(left).as("temporary files left behind").isEmpty();
    }
  }

  @Test
  void composeSignsAndEncryptsAMessageFourTimesLargerThanItsHeap(TestReporter reporter) throws Exception {
    Fixtures.Person alice = Fixtures.person(dir, "alice@example.org", "Alice");
    Fixtures.Person bob = Fixtures.person(dir, "bob@example.org", "Bob");
    Path tmp = Files.createDirectory(dir.resolve("tmp"));

    JsonNode json = run(reporter, "compose|decrypt|verify", 256L << 20, List.of(
        stage(tmp, "compose", "--id", alice.p12().toString(), "--rcpt", bob.certificatePem().toString(),
            "--sign", "--encrypt"),
        stage(tmp, "decrypt", "--id", bob.p12().toString()),
        stage(tmp, "verify", "--trust", alice.certificatePem().toString(), "--json")));

    assertValidFromAlice(json);
  }

  /** Runs {@code stages} as one pipeline fed a message of {@code bodyBytes}; the last stage's JSON report. */
  private JsonNode run(TestReporter reporter, String name, long bodyBytes, List<ProcessBuilder> stages)
      throws Exception {
    List<Path> stderr = new ArrayList<>();
    for (int i = 0; i < stages.size(); i++) {
      Path err = dir.resolve("stage-" + i + ".err");
      stderr.add(err);
      stages.get(i).redirectError(err.toFile());
    }
    stages.get(0).redirectInput(ProcessBuilder.Redirect.PIPE);

    long start = System.nanoTime();
    List<Process> pipeline = ProcessBuilder.startPipeline(stages);
    Process last = pipeline.get(pipeline.size() - 1);
    CompletableFuture<byte[]> report = CompletableFuture.supplyAsync(() -> readAll(last.getInputStream()));
    long written;
    try (OutputStream in = new BufferedOutputStream(pipeline.get(0).getOutputStream(), 1 << 16)) {
      written = writeMessage(in, bodyBytes);
    } catch (IOException e) {
      written = -1; // the first stage died early; its exit code and stderr tell why
    }
    List<Integer> exits = new ArrayList<>();
    for (Process p : pipeline) {
      if (!p.waitFor(10, TimeUnit.MINUTES)) {
        pipeline.forEach(Process::destroyForcibly);
      }
      exits.add(p.waitFor());
    }
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
    reporter.publishEntry(name + " seconds", Long.toString(seconds));
    System.out.println("LargeMessageTest: " + written + " bytes through " + name + " in " + seconds + " s");

    StringBuilder diagnostics = new StringBuilder();
    for (int i = 0; i < stderr.size(); i++) {
      diagnostics.append("stage ").append(i).append(" exit ").append(exits.get(i)).append(":\n")
          .append(Files.readString(stderr.get(i), StandardCharsets.UTF_8)).append('\n');
    }
    assertThat(written).as(diagnostics.toString()).isGreaterThan(bodyBytes);
    assertThat(exits).as(diagnostics.toString()).allMatch(e -> e == 0);
    return new ObjectMapper().readTree(report.get());
  }

  private static void assertValidFromAlice(JsonNode json) {
    assertThat(json.get("verdict").asText()).as(json.toString()).isEqualTo("valid");
    assertThat(json.get("signed").asBoolean()).isTrue();
    assertThat(json.get("signers").get(0).get("signatureValid").asBoolean()).isTrue();
    assertThat(json.get("signers").get(0).get("email").asText()).isEqualTo("alice@example.org");
  }

  private static ProcessBuilder stage(Path tmp, String... args) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx64m", "-Djava.io.tmpdir=" + tmp,
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("SIGNET_PASSWORD", CliRun.PASSWORD);
    return pb;
  }

  /** Writes RFC 5322 headers and {@code bodyBytes} of base64 lines of pseudo-random data, generated as it goes. */
  private static long writeMessage(OutputStream out, long bodyBytes) throws IOException {
    byte[] headers = ("From: alice@example.org\r\nTo: bob@example.org\r\nSubject: a large attachment\r\n"
        + "Date: " + DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)) + "\r\nMessage-ID: <large-1@example.org>\r\nMIME-Version: 1.0\r\n"
        + "Content-Type: application/octet-stream; name=large.bin\r\nContent-Transfer-Encoding: base64\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
    out.write(headers);
    long written = headers.length;
    int linesPerBlock = 1024;
    byte[] raw = new byte[RAW_PER_LINE * linesPerBlock];
    Base64.Encoder encoder = Base64.getMimeEncoder(LINE, "\r\n".getBytes(StandardCharsets.US_ASCII));
    SplittableRandom random = new SplittableRandom(42);
    long body = 0;
    while (body < bodyBytes) {
      for (int i = 0; i < raw.length; i += 8) {
        long r = random.nextLong();
        for (int j = 0; j < 8 && i + j < raw.length; j++) {
          raw[i + j] = (byte) (r >>> (8 * j));
        }
      }
      byte[] text = encoder.encode(raw);
      out.write(text);
      out.write('\r');
      out.write('\n');
      body += text.length + 2;
    }
    return written + body;
  }

  private static byte[] readAll(InputStream in) {
    try (in) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
