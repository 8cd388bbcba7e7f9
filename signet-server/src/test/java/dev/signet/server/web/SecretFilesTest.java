package dev.signet.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.DigitalId;
import dev.signet.core.KeyType;
import dev.signet.pki.CaDatabase;
import dev.signet.testkit.ExternalTool;
import dev.signet.testkit.ProcessRunner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Secrets at rest: nothing the service keeps in its data folder (the database with the sealed keys
 * and ID stores, mail, the directory) is open to other users of the machine, and a digital ID
 * leaves as PKCS#12 under PBES2 with AES-256 and a high PBKDF2 iteration count, as OpenSSL reads it.
 */
class SecretFilesTest {
  private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
      PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
      PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
  private static final Pattern PBES2 = Pattern.compile("PBES2, PBKDF2, AES-256-CBC, Iteration (\\d+), PRF hmacWithSHA256");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static WebFixture fixture;

  @BeforeAll
  static void start() throws IOException {
    Path data = Files.createDirectory(Files.createTempDirectory("signet-secret-files").resolve("data"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    fixture = WebFixture.start(data, CaDatabase.inDataFolder(data));
    fixture.deliverPlain(WebFixture.BOB, WebFixture.ALICE, "kept", "a message at rest");
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  /** The folder was made rwxr-xr-x, as a umask of 022 makes it. */
  @Test
  void theDataFolderIsMadeOpenToItsOwnerOnly() throws IOException {
    assertThat(permissions(fixture.data)).isEqualTo("rwx------");
  }

  /** H2's lock file (rw-r--r--, as H2 makes it) is left out: it lives only while open, behind the private folder. */
  @Test
  void nothingInTheDataFolderIsOpenToOtherUsers() throws IOException {
    try (Stream<Path> all = Files.walk(fixture.data)) {
      List<String> open = all.filter(p -> !Files.isSymbolicLink(p) && !p.getFileName().toString().endsWith(".lock.db"))
          .filter(SecretFilesTest::openToOthers).map(p -> fixture.data.relativize(p) + " " + permissions(p)).toList();
      assertThat(open).as("files and folders others may read, write or enter").isEmpty();
    }
  }

  @Test
  void anExportedDigitalIdIsPbes2Aes256WithAHighIterationCount() throws IOException {
    ExternalTool.OPENSSL.require();
    DigitalId id = DigitalId.selfSigned(WebFixture.ALICE, "Alice", KeyType.EC_P256, Clock.systemUTC(), RANDOM);
    ByteArrayOutputStream p12 = new ByteArrayOutputStream();
    id.writePkcs12(p12, "import password".toCharArray(), 10_000, RANDOM);
    WebClient alice = WebClient.signedIn(fixture, WebFixture.ALICE);
    alice.upload("/web/ids", "/web/ids/import", Map.of("filepassword", "import password", "password",
        WebFixture.ID_PASSWORD, "exportable", "1"), "file", "alice.p12", p12.toByteArray());
    alice.submit("/web/ids", "/web/ids/unlock", Map.of("password", WebFixture.ID_PASSWORD));
    String name = "id-" + id.certificate().getSerialNumber().toString(16);
    HttpResponse<byte[]> exported = alice.postForBytes("/web/ids", "/web/ids/export",
        Map.of("name", name, "password", WebFixture.ID_PASSWORD));
    assertThat(exported.statusCode()).isEqualTo(200);
    Path dir = Files.createTempDirectory("signet-export");
    Files.write(dir.resolve("alice.p12"), exported.body());

    ProcessRunner.Result info = ProcessRunner.run(dir, Map.of("P12PASS", WebFixture.ID_PASSWORD), new byte[0],
        List.of("openssl", "pkcs12", "-info", "-noout", "-in", "alice.p12", "-passin", "env:P12PASS"));
    assertThat(info.exitCode()).as(info.stderr()).isZero();
    String said = info.stdoutText() + info.stderr();
    assertThat(said).contains("Shrouded Keybag: PBES2", "PKCS7 Encrypted data: PBES2", "MAC: sha256");
    Matcher m = PBES2.matcher(said);
    int found = 0;
    while (m.find()) {
      assertThat(Integer.parseInt(m.group(1))).as("PBKDF2 iterations").isGreaterThanOrEqualTo(600_000);
      found++;
    }
    assertThat(found).as("the key and the certificates are each under PBES2 AES-256").isEqualTo(2);
  }

  private static boolean openToOthers(Path p) {
    try {
      return Files.getPosixFilePermissions(p).stream().anyMatch(OTHERS::contains);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String permissions(Path p) {
    try {
      return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
