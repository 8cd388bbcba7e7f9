package dev.signet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.mail.agent.AgentException;
import dev.signet.mail.agent.AgentFolder;
import dev.signet.mail.agent.KeyAgent;
import dev.signet.testkit.TestClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key agent: a stored ID unlocked once is signed with again without its password, until forgotten or timed out. */
class KeyAgentCliTest {
  @TempDir Path dir;
  final TestClock clock = TestClock.frozenAt(Instant.now());
  Path runtime;
  AgentFolder folder;
  KeyAgent agent;
  CliRun withPassword;
  CliRun withoutPassword;
  String store;
  Path plain;
  Fixtures.Person alice;

  @BeforeEach
  void aliceStoresHerIdAndStartsTheAgent() throws IOException {
    runtime = Files.createDirectory(dir.resolve("run"));
    folder = AgentFolder.of(Map.of("XDG_RUNTIME_DIR", runtime.toString()));
    agent = KeyAgent.bind(folder, Duration.ofMinutes(30), clock);
    agent.serveInBackground();
    withPassword = CliRun.withEnvironment(Map.of("XDG_RUNTIME_DIR", runtime.toString()));
    withoutPassword = CliRun.withoutPassword(Map.of("XDG_RUNTIME_DIR", runtime.toString()));
    alice = Fixtures.person(dir, "alice@example.org", "Alice");
    store = dir.resolve("store").toString();
    ok(withPassword.run("id", "import", alice.p12().toString(), "--name", "alice", "--store", store));
    ok(withPassword.run("profile", "add", "home", "--signing-id", "alice", "--store", store));
    plain = Files.write(dir.resolve("msg.eml"), Fixtures.message("alice@example.org", "bob@example.org", "Hi", "Hello\r\n"));
  }

  @AfterEach
  void stopTheAgent() throws IOException {
    agent.close();
  }

  @Test
  void aSignatureAsksForThePasswordOnceAndNotTheSecondTime() {
    assertThat(sign(withoutPassword).stderr()).contains("a password is needed");

    ok(sign(withPassword));

    ok(sign(withoutPassword));
  }

  @Test
  void signingWithTheNameOfAStoredIdUnlocksItOnceThroughTheAgent() {
    ok(withPassword.run("sign", "--id", "alice", "--in", plain.toString(), "--store", store));

    CliRun.Result again = ok(withoutPassword.run("sign", "--id", "alice", "--in", plain.toString(), "--store", store));

    assertThat(again.out()).contains("application/pkcs7-signature");
  }

  @Test
  void anIdFileIsUnlockedOnceThroughTheAgent() {
    ok(withPassword.run("sign", "--id", alice.p12().toString(), "--in", plain.toString()));

    CliRun.Result again = ok(withoutPassword.run("sign", "--id", alice.p12().toString(), "--in", plain.toString()));

    assertThat(again.out()).contains("application/pkcs7-signature");
  }

  @Test
  void anIdFileChangedSinceItWasUnlockedAsksForItsPasswordAgain() throws IOException {
    ok(withPassword.run("sign", "--id", alice.p12().toString(), "--in", plain.toString()));

    Fixtures.Person bob = Fixtures.person(dir, "bob@example.org", "Bob");
    Files.copy(bob.p12(), alice.p12(), StandardCopyOption.REPLACE_EXISTING);

    assertThat(withoutPassword.run("sign", "--id", alice.p12().toString(), "--in", plain.toString()).stderr())
        .contains("a password is needed");
  }

  @Test
  void anIdThatIsNeitherAFileNorAStoredNameIsAUsageError() {
    CliRun.Result r = withPassword.run("sign", "--id", "carol", "--in", plain.toString(), "--store", store);

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderrLines()).containsExactly("signet: error: --id carol: no such file, and no digital ID of that"
        + " name in " + store);
  }

  @Test
  void forgetMakesTheNextRunAskAgain() {
    ok(sign(withPassword));

    ok(withoutPassword.run("agent", "forget"));

    assertThat(sign(withoutPassword).exitCode()).isEqualTo(2);
  }

  @Test
  void theTimeOutMakesTheNextRunAskAgain() {
    ok(sign(withPassword));

    clock.advance(Duration.ofMinutes(31));

    assertThat(sign(withoutPassword).stderr()).contains("a password is needed");
  }

  @Test
  void statusCountsTheIdsHeld() {
    ok(sign(withPassword));

    assertThat(ok(withoutPassword.run("agent", "status")).out()).contains("1 ID held, each for 30m");
  }

  @Test
  void stopEndsTheAgentAndRemovesItsSocket() {
    ok(withoutPassword.run("agent", "stop"));

    assertThat(folder.socket()).doesNotExist();
    assertThat(withoutPassword.run("agent", "status").exitCode()).isEqualTo(1);
  }

  @Test
  void onlyItsOwnerMayOpenTheSocketOrItsFolder() throws IOException {
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.socket()))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.folder()))).isEqualTo("rwx------");
  }

  @Test
  void aFolderOthersMayEnterIsRefused() throws IOException {
    Path open = Files.createDirectory(dir.resolve("open"), PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("rwxr-x---")));

    Assertions.assertThatThrownBy(() -> KeyAgent.bind(new AgentFolder(open, folder.owner()), Duration.ofMinutes(1), clock))
        .isInstanceOf(AgentException.class).hasMessageContaining("open to others");
  }

  @Test
  void anotherUsersFolderIsRefused() throws IOException {
    Path theirs = Files.createDirectory(dir.resolve("theirs"), PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("rwx------")));

    Assertions.assertThatThrownBy(() -> KeyAgent.bind(new AgentFolder(theirs, "mallory"), Duration.ofMinutes(1), clock))
        .isInstanceOf(AgentException.class).hasMessageContaining("belongs to");
  }

  @Test
  void aSecondAgentOnTheSameFolderIsRefused() {
    CliRun.Result second = withoutPassword.run("agent", "start", "--foreground");

    assertThat(second.exitCode()).isEqualTo(2);
    assertThat(second.stderrLines()).containsExactly("signet: error: a key agent is already running on "
        + folder.socket());
  }

  @Test
  void anUnreadableTimeOutIsAUsageError() {
    CliRun.Result r = withoutPassword.run("agent", "start", "--timeout", "soon");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderrLines()).containsExactly("signet: error: --timeout soon: give a time such as 90s, 30m or 8h");
  }

  private CliRun.Result sign(CliRun signet) {
    return signet.run("sign", "--profile", "home", "--in", plain.toString(), "--store", store);
  }

  private static CliRun.Result ok(CliRun.Result r) {
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return r;
  }
}
