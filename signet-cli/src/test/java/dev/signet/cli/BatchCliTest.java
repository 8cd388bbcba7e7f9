package dev.signet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** verify and read of several message files in one process: one report each, the worst exit code. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BatchCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final CliRun signet = CliRun.withPassword();
  private Path dir;
  private Fixtures.Person alice;
  private Path fromAlice;
  private Path fromBob;
  private Path tampered;
  private Path notAMessage;

  @BeforeAll
  void aliceAndBobSignAMessageEach(@TempDir Path folder) throws IOException {
    dir = folder;
    alice = Fixtures.person(dir, "alice@example.org", "Alice");
    Fixtures.Person bob = Fixtures.person(dir, "bob@example.org", "Bob");
    fromAlice = signed(alice, "from-alice.eml", "Hello from Alice\r\n");
    fromBob = signed(bob, "from-bob.eml", "Hello from Bob\r\n");
    String text = Files.readString(fromAlice, StandardCharsets.US_ASCII);
    tampered = Files.writeString(dir.resolve("tampered.eml"), text.replace("Hello from Alice", "Hello from Mallory"),
        StandardCharsets.US_ASCII);
    notAMessage = Files.writeString(dir.resolve("noise.eml"), "Content-Type: application/pkcs7-mime\r\n\r\n!!!\r\n");
  }

  private Path signed(Fixtures.Person person, String name, String body) throws IOException {
    Path plain = Files.write(dir.resolve("plain-" + name), Fixtures.message(person.email(), "x@example.org", "Hi", body));
    return Fixtures.signed(person, plain, dir.resolve(name));
  }

  private CliRun.Result verify(String... more) {
    List<String> args = new ArrayList<>(List.of("verify", "--trust", alice.certificatePem().toString()));
    args.addAll(List.of(more));
    return signet.run(args.toArray(String[]::new));
  }

  @Test
  void verifyWithJsonPrintsOneLinePerFileNamingIt() throws IOException {
    CliRun.Result run = verify("--json", fromAlice.toString(), fromBob.toString());

    List<String> lines = run.out().lines().toList();
    assertThat(lines).as(run.toString()).hasSize(2);
    JsonNode first = JSON.readTree(lines.get(0));
    assertThat(first.get("file").asText()).isEqualTo(fromAlice.toString());
    assertThat(first.get("verdict").asText()).isEqualTo("valid");
    assertThat(JSON.readTree(lines.get(1)).get("file").asText()).isEqualTo(fromBob.toString());
  }

  @Test
  void reportsOfABatchJudgedOnEveryCoreComeInTheOrderOfTheFiles() throws IOException {
    List<String> files = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      files.add((i % 3 == 0 ? fromAlice : i % 3 == 1 ? fromBob : tampered).toString());
    }
    List<String> args = new ArrayList<>(List.of("--json"));
    args.addAll(files);

    CliRun.Result run = verify(args.toArray(String[]::new));

    List<String> judged = new ArrayList<>();
    for (String line : run.out().lines().toList()) {
      judged.add(JSON.readTree(line).get("file").asText());
    }
    assertThat(judged).as(run.toString()).isEqualTo(files);
    assertThat(run.stderr().lines().filter(l -> l.startsWith("message: ")).map(l -> l.substring(9)).toList())
        .isEqualTo(files);
  }

  @Test
  void anOptionAfterTheFilesStillApplies() {
    CliRun.Result run = verify(fromAlice.toString(), fromBob.toString(), "--json");

    assertThat(run.out().lines()).as(run.toString()).hasSize(2).allMatch(line -> line.startsWith("{"));
  }

  @Test
  void theExitCodeOfAllValidMessagesIs0() {
    CliRun.Result run = verify(fromAlice.toString(), fromAlice.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
  }

  @Test
  void theExitCodeIsTheWorstVerdict() {
    CliRun.Result run = verify(fromAlice.toString(), fromBob.toString(), tampered.toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(Cli.ERROR_VERDICT);
  }

  @Test
  void anUntrustedSignerMakesTheBatchAWarning() {
    CliRun.Result run = verify(fromAlice.toString(), fromBob.toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(Cli.WARNING_VERDICT);
  }

  @Test
  void anUnreadableFileIsReportedAndTheRestStillJudged() throws IOException {
    Path missing = dir.resolve("missing.eml");
    CliRun.Result run = verify("--json", missing.toString(), fromAlice.toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(Cli.USAGE_OR_INPUT);
    assertThat(run.stderr()).contains("signet: error: " + missing + ": no such file").doesNotContain("Exception");
    List<String> lines = run.out().lines().toList();
    assertThat(JSON.readTree(lines.get(0)).get("error").asText()).contains("no such file");
    assertThat(JSON.readTree(lines.get(1)).get("verdict").asText()).isEqualTo("valid");
  }

  @Test
  void aFileThatIsNoMessageCountsAsUnreadable() {
    CliRun.Result run = verify(notAMessage.toString(), fromAlice.toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(Cli.USAGE_OR_INPUT);
  }

  @Test
  void eachHumanReportIsHeadedByItsFile() {
    CliRun.Result run = verify(fromAlice.toString(), fromBob.toString());

    assertThat(run.stderr()).contains("message: " + fromAlice, "message: " + fromBob);
  }

  @Test
  void inAndMessageFilesTogetherAreRefused() {
    CliRun.Result run = verify("--in", fromAlice.toString(), fromBob.toString());

    assertThat(run.exitCode()).isEqualTo(Cli.USAGE_OR_INPUT);
    assertThat(run.stderrLines()).containsExactly("signet: error: give --in or message files, not both");
  }

  @Test
  void verifyOfSeveralFilesWritesEachValidContentIntoTheOutFolder() throws IOException {
    Path folder = Files.createDirectories(dir.resolve("verified"));
    CliRun.Result run = verify("--out", folder.toString(), fromAlice.toString(), tampered.toString(),
        fromBob.toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(Cli.ERROR_VERDICT);
    assertThat(Files.readString(folder.resolve(fromAlice.getFileName()))).contains("Hello from Alice");
    assertThat(Files.readString(folder.resolve(fromBob.getFileName()))).contains("Hello from Bob");
    assertThat(folder.resolve(tampered.getFileName())).doesNotExist();
  }

  @Test
  void readOfSeveralFilesWritesEachContentIntoTheOutFolder() throws IOException {
    Path folder = Files.createDirectories(dir.resolve("contents"));
    CliRun.Result run = signet.run("read", "--no-harvest", "--trust", alice.certificatePem().toString(), "--out",
        folder.toString(), fromAlice.toString(), tampered.toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(Cli.ERROR_VERDICT);
    assertThat(Files.readString(folder.resolve(fromAlice.getFileName()))).contains("Hello from Alice");
    assertThat(folder.resolve(tampered.getFileName())).doesNotExist();
  }

  @Test
  void readOfSeveralFilesWithOutNamingAFileIsRefused() {
    CliRun.Result run = signet.run("read", "--out", dir.resolve("one.eml").toString(), fromAlice.toString(),
        fromBob.toString());

    assertThat(run.exitCode()).isEqualTo(Cli.USAGE_OR_INPUT);
    assertThat(run.stderr()).contains("--out must name a folder");
  }

  @Test
  void readOfABatchOfSmallFilesWarmsNoCiphersUp() {
    assertThat(readOf(fromAlice, fromBob).inputMayBeLarge()).isFalse();
  }

  @Test
  void readOfABatchWithOneLargeFileWarmsTheCiphersUp() throws IOException {
    Path large = dir.resolve("large.eml");
    try (RandomAccessFile file = new RandomAccessFile(large.toFile(), "rw")) {
      file.setLength(2 << 20);
    }

    assertThat(readOf(fromAlice, large).inputMayBeLarge()).isTrue();
  }

  private static ReadCommand readOf(Path... files) {
    ReadCommand read = new ReadCommand();
    read.messages = new MessageFiles();
    read.messages.files.addAll(List.of(files));
    return read;
  }
}
