package dev.signet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The organisation's policy binds every verb: the machine-wide file first, then --policy or $SIGNET_POLICY. */
class PolicyInForceCliTest {
  @TempDir Path dir;
  Fixtures.Person alice;
  Path message;

  @BeforeEach
  void alice() throws IOException {
    alice = Fixtures.person(dir, "alice@example.org", "Alice");
    message = Files.write(dir.resolve("msg.eml"),
        Fixtures.message("alice@example.org", "bob@example.org", "Lunch", "Noon?\r\n"));
  }

  @Test
  void signFollowsTheMachineWideClearSignSetting() throws IOException {
    CliRun signet = CliRun.withPassword().withMachinePolicy(machine("ClearSign=0\n"));

    assertThat(signedHead(signet)).contains("application/pkcs7-mime");
  }

  @Test
  void aPersonalPolicyCannotWeakenAMachineWideSetting() throws IOException {
    Path mine = Files.writeString(dir.resolve("mine.txt"), "ClearSign=1\n");
    CliRun signet = CliRun.withPassword().withMachinePolicy(machine("ClearSign=0\n"));

    assertThat(signedHead(signet, "--policy", mine.toString())).contains("application/pkcs7-mime");
  }

  @Test
  void aPolicyFromTheEnvironmentBindsSign() throws IOException {
    Path mine = Files.writeString(dir.resolve("mine.txt"), "ClearSign=0\n");

    assertThat(signedHead(CliRun.withEnvironment(Map.of("SIGNET_POLICY", mine.toString()))))
        .contains("application/pkcs7-mime");
  }

  @Test
  void signIsRefusedWhenThePolicyEncryptsEveryMessage() throws IOException {
    CliRun.Result r = CliRun.withPassword().withMachinePolicy(machine("AlwaysEncrypt=1\n")).run("sign", "--id",
        alice.p12().toString(), "--in", message.toString(), "--out", dir.resolve("out.eml").toString());

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.stderr()).contains("every message is encrypted");
    assertThat(dir.resolve("out.eml")).doesNotExist();
  }

  @Test
  void encryptRefusesAnUnsignedMessageWhenThePolicySignsEveryMessage() throws IOException {
    CliRun signet = CliRun.withPassword().withMachinePolicy(machine("AlwaysSign=1\n"));

    CliRun.Result r = signet.run("encrypt", "--to", alice.certificatePem().toString(), "--in", message.toString(),
        "--out", dir.resolve("out.eml").toString());

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.stderr()).contains("every message is signed");
    assertThat(dir.resolve("out.eml")).doesNotExist();
  }

  @Test
  void encryptTakesAMessageSignedAlreadyWhenThePolicySignsEveryMessage() throws IOException {
    CliRun signet = CliRun.withPassword().withMachinePolicy(machine("AlwaysSign=1\n"));
    Path signed = dir.resolve("signed.eml");
    assertThat(signet.run("sign", "--id", alice.p12().toString(), "--in", message.toString(), "--out",
        signed.toString()).exitCode()).isZero();

    CliRun.Result r = signet.run("encrypt", "--to", alice.certificatePem().toString(), "--in", signed.toString(),
        "--out", dir.resolve("out.eml").toString());

    assertThat(r.exitCode()).as(r.toString()).isZero();
  }

  @Test
  void encryptRefusesACipherBelowTheMinimum() throws IOException {
    CliRun signet = CliRun.withPassword().withMachinePolicy(machine("MinEncKey=168\n"));

    CliRun.Result r = signet.run("encrypt", "--to", alice.certificatePem().toString(), "--in", message.toString(),
        "--out", dir.resolve("out.eml").toString());

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.stderr()).contains("AES-128-GCM is below the minimum");
    assertThat(signet.run("encrypt", "--to", alice.certificatePem().toString(), "--cipher", "aes256-gcm", "--in",
        message.toString(), "--out", dir.resolve("out.eml").toString()).exitCode()).isZero();
  }

  @Test
  void policyShowSaysWhichFilesAreInForce() throws IOException {
    Path machine = machine("FIPSMode=1\n");
    Path mine = Files.writeString(dir.resolve("mine.txt"), "AlwaysSign=1\n");

    CliRun.Result r = CliRun.withPassword().withMachinePolicy(machine).run("policy", "show", "--policy", mine.toString());

    assertThat(r.out().lines().findFirst()).hasValueSatisfying(first ->
        assertThat(first).contains(machine.toString()).contains(mine.toString()));
    assertThat(r.out()).contains("FIPSMode=1").contains("AlwaysSign=1");
  }

  @Test
  void aMachineWidePolicyOthersMayWriteIsRefused() throws IOException {
    Path machine = machine("FIPSMode=1\n");
    Files.setPosixFilePermissions(machine, PosixFilePermissions.fromString("rw-rw-rw-"));

    CliRun.Result r = CliRun.withPassword().withMachinePolicy(machine).run("policy", "show");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderr()).contains("may be written by others");
  }

  private Path machine(String text) throws IOException {
    Path file = Files.writeString(dir.resolve("machine-policy"), text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    return file;
  }

  private String signedHead(CliRun signet, String... extra) throws IOException {
    Path out = dir.resolve("signed.eml");
    String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of("sign", "--id", alice.p12().toString(),
        "--in", message.toString(), "--out", out.toString()), java.util.Arrays.stream(extra)).toArray(String[]::new);
    CliRun.Result r = signet.run(args);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    String text = Files.readString(out, StandardCharsets.ISO_8859_1);
    return text.substring(0, text.indexOf("\r\n\r\n"));
  }
}
