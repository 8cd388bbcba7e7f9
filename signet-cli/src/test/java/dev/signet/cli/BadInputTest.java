package dev.signet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Bad input for every verb: exit 2, one line on stderr starting with {@code signet:} and no stack
 * trace, nothing on stdout, no output file (nor a stray temporary file beside it), the input unchanged.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {
  private static final String BODY = "Hello Bob,\r\n\r\n" + "a line of text that fills the message up.\r\n".repeat(1500);

  @TempDir Path work;

  private final CliRun signet = CliRun.withPassword();
  private Fixtures.Person alice;
  private Fixtures.Person bob;
  private Path plain;
  private Path encrypted;
  private Path signed;

  /** Each kind of unreadable message, made from real ones. */
  enum BadMessage {
    HEADER_LINE_WITHOUT_COLON,
    TRUNCATED_SIGNED_CMS,
    TRUNCATED_ENCRYPTED_CMS,
    TRUNCATED_BASE64_CMS_IN_MIME,
    GARBAGE_BASE64_IN_PKCS7_MIME,
    GARBAGE_DER,
    GARBAGE_DER_STARTING_LIKE_CMS,
    SIGNED_CMS_WITH_A_TAGGED_ELEMENT_FOR_A_SET,
    SIGNED_CMS_WITH_AN_UNREADABLE_CERTIFICATE
  }

  /** A qualified Java class name ("org.bouncycastle.asn1.DLTaggedObjectParser", "java.io.IOException"). */
  private static final java.util.regex.Pattern CLASS_NAME =
      java.util.regex.Pattern.compile("\\b(?:[a-z_][\\w$]*\\.){2,}[A-Z]");

  @BeforeAll
  void people(@TempDir Path fixtures) throws IOException {
    alice = Fixtures.person(fixtures, "alice@example.org", "Alice");
    bob = Fixtures.person(fixtures, "bob@example.org", "Bob");
    plain = Files.write(fixtures.resolve("plain.eml"),
        Fixtures.message("alice@example.org", "bob@example.org", "Hello", BODY));
    encrypted = fixtures.resolve("encrypted.eml");
    CliRun.Result encrypt = signet.run("encrypt", "--to", bob.certificatePem().toString(), "--in", plain.toString(),
        "--out", encrypted.toString());
    assertThat(encrypt.exitCode()).as(encrypt.toString()).isZero();
    signed = fixtures.resolve("signed.eml");
    CliRun.Result sign = signet.run("sign", "--opaque", "--id", alice.p12().toString(), "--in", plain.toString(),
        "--out", signed.toString());
    assertThat(sign.exitCode()).as(sign.toString()).isZero();
  }

  private Path out;

  @BeforeEach
  void outputFolder() throws IOException {
    out = Files.createTempDirectory(work, "out").resolve("result.eml");
  }

  private Path write(String name, byte[] content) throws IOException {
    return Files.write(Files.createTempDirectory(work, "in").resolve(name), content);
  }

  private Path badMessage(BadMessage kind) throws IOException {
    return write(kind.name().toLowerCase() + ".eml", switch (kind) {
      case HEADER_LINE_WITHOUT_COLON -> ("From: alice@example.org\r\nTo: bob@example.org\r\n"
          + "This header line has no colon\r\nSubject: hi\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII);
      case TRUNCATED_SIGNED_CMS -> firstHalf(Fixtures.Base64Part.of(Files.readAllBytes(signed)).decoded());
      case TRUNCATED_ENCRYPTED_CMS -> firstHalf(Fixtures.Base64Part.of(Files.readAllBytes(encrypted)).decoded());
      case TRUNCATED_BASE64_CMS_IN_MIME -> {
        Fixtures.Base64Part part = Fixtures.Base64Part.of(Files.readAllBytes(encrypted));
        yield part.withBody(firstHalf(part.decoded()));
      }
      case GARBAGE_BASE64_IN_PKCS7_MIME -> ("From: alice@example.org\r\nMIME-Version: 1.0\r\n"
          + "Content-Type: application/pkcs7-mime; smime-type=enveloped-data; name=smime.p7m\r\n"
          + "Content-Transfer-Encoding: base64\r\n\r\n"
          + "!!!! this is not base64 at all $$$$ ~~~~\r\n%%%%%%%%\r\n").getBytes(StandardCharsets.US_ASCII);
      case SIGNED_CMS_WITH_A_TAGGED_ELEMENT_FOR_A_SET -> {
        // SignedData { version 1, digestAlgorithms SET ... }: a [0] where the SET belongs.
        byte[] der = Fixtures.Base64Part.of(Files.readAllBytes(signed)).decoded();
        int version = indexOf(der, "020101", indexOf(der, "06092a864886f70d010702", 0));
        assertThat(der[version + 3]).isEqualTo((byte) 0x31);
        der[version + 3] = (byte) 0xa0;
        yield der;
      }
      case SIGNED_CMS_WITH_AN_UNREADABLE_CERTIFICATE -> {
        // The certificate's basicConstraints value, which Bouncy Castle leaves as octets and the JDK decodes,
        // is a [0] where its SEQUENCE belongs.
        byte[] der = Fixtures.Base64Part.of(Files.readAllBytes(signed)).decoded();
        int at = indexOf(der, "0603551d13", 0) + 5;
        at += der[at] == 0x01 ? 3 : 0; // critical
        assertThat(der[at]).isEqualTo((byte) 0x04);
        assertThat(der[at + 2]).isEqualTo((byte) 0x30);
        der[at + 2] = (byte) 0xa0;
        yield der;
      }
      case GARBAGE_DER -> garbage(4096, 7);
      case GARBAGE_DER_STARTING_LIKE_CMS -> {
        byte[] g = garbage(4096, 11);
        g[0] = 0x30;
        g[1] = (byte) 0x82;
        g[2] = 0x0f;
        g[3] = (byte) 0xfc;
        yield g;
      }
    });
  }

  private static int indexOf(byte[] data, String hex, int from) {
    byte[] part = java.util.HexFormat.of().parseHex(hex);
    for (int i = from; i + part.length <= data.length; i++) {
      if (Arrays.equals(data, i, i + part.length, part, 0, part.length)) {
        return i;
      }
    }
    throw new AssertionError("not found: " + hex);
  }

  private static byte[] firstHalf(byte[] der) {
    return Arrays.copyOf(der, der.length / 2);
  }

  private static byte[] garbage(int size, long seed) {
    byte[] b = new byte[size];
    new java.util.Random(seed).nextBytes(b);
    b[0] = (byte) 0xa1; // neither a header line nor a SEQUENCE
    return b;
  }

  /** The encrypted message with one byte of its AES-GCM ciphertext flipped, so the tag check fails. */
  private Path gcmTagFailure() throws IOException {
    Fixtures.Base64Part part = Fixtures.Base64Part.of(Files.readAllBytes(encrypted));
    byte[] der = part.decoded();
    assertThat(der.length).as("the ciphertext dominates the CMS structure").isGreaterThan(20_000);
    der[der.length / 2] ^= 0x01;
    return write("flipped.eml", part.withBody(der));
  }

  private Path nonPkcs12() throws IOException {
    return write("not-an-id.p12", Files.readAllBytes(alice.certificatePem()));
  }

  private Path notACertificate() throws IOException {
    return write("not-a-cert.pem", "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n"
        .getBytes(StandardCharsets.US_ASCII));
  }

  private Path missing() {
    return work.resolve("no-such-message.eml");
  }

  /** Runs the command with {@code --in input --out out} and checks every promise of a refusal. */
  private CliRun.Result refuses(CliRun cli, Path input, String... args) throws IOException {
    byte[] before = Files.isRegularFile(input) ? Files.readAllBytes(input) : null;
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--in", input.toString(), "--out", out.toString()));

    CliRun.Result result = cli.run(all.toArray(String[]::new));

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    assertThat(result.stderrLines()).as(result.toString()).singleElement().asString().startsWith("signet:");
    assertThat(result.stderr()).as(result.toString()).doesNotContain("Exception").doesNotContain("at dev.")
        .doesNotContain("\tat ").doesNotContain("cannot be cast").doesNotContainPattern(CLASS_NAME);
    assertThat(result.stdout()).as(result.toString()).isEmpty();
    assertThat(out).doesNotExist();
    try (Stream<Path> left = Files.list(out.getParent())) {
      assertThat(left).as("files left beside --out").isEmpty();
    }
    if (before != null) {
      assertThat(input).hasBinaryContent(before);
    }
    return result;
  }

  private CliRun.Result refuses(Path input, String... args) throws IOException {
    return refuses(signet, input, args);
  }

  @Nested
  class Sign {
    @Test
    void refusesAHeaderLineWithoutAColon() throws IOException {
      refuses(badMessage(BadMessage.HEADER_LINE_WITHOUT_COLON), "sign", "--id", alice.p12().toString());
    }

    @Test
    void refusesAnIdThatIsNotPkcs12() throws IOException {
      refuses(plain, "sign", "--id", nonPkcs12().toString());
    }

    @Test
    void refusesAWrongPassword() throws IOException {
      CliRun.Result r = refuses(CliRun.withPassword("wrong"), plain, "sign", "--id", alice.p12().toString());
      assertThat(r.stderr()).contains("password");
    }

    @Test
    void refusesAnUnknownHash() throws IOException {
      refuses(plain, "sign", "--id", alice.p12().toString(), "--hash", "sha3-1024");
    }

    @Test
    void refusesALegacyHash() throws IOException {
      refuses(plain, "sign", "--id", alice.p12().toString(), "--hash", "sha1");
    }

    @Test
    void refusesAMissingInputFile() throws IOException {
      CliRun.Result r = refuses(missing(), "sign", "--id", alice.p12().toString());
      assertThat(r.stderr()).contains("no-such-message.eml");
    }

    @Test
    void refusesAMissingIdFile() throws IOException {
      refuses(plain, "sign", "--id", work.resolve("nobody.p12").toString());
    }

    @Test
    void refusesAPemCertificateGivenAsIdSayingItIsPem() throws IOException {
      CliRun.Result r = refuses(plain, "sign", "--id", alice.certificatePem().toString());
      assertThat(r.stderr()).contains("PEM text").contains(".p12");
    }

    @Test
    void refusesPemWithOpenSslsBagAttributesGivenAsIdSayingItIsPem() throws IOException {
      Path pem = write("openssl-export.pem", ("Bag Attributes\n    localKeyID: 01 02\nsubject=CN = Alice\n"
          + Files.readString(alice.certificatePem())).getBytes(StandardCharsets.US_ASCII));
      CliRun.Result r = refuses(plain, "sign", "--id", pem.toString());
      assertThat(r.stderr()).contains("PEM text");
    }

    @Test
    void refusesAFolderAsInputNamingIt() throws IOException {
      Path folder = Files.createTempDirectory(work, "a-folder");

      CliRun.Result r = refuses(folder, "sign", "--id", alice.p12().toString());

      assertThat(r.stderrLines()).singleElement().asString()
          .isEqualTo("signet: error: " + folder + " is a folder, not a message");
    }

    @Test
    void refusesAnOutputInAFolderThatDoesNotExistNamingItNotItsTemporaryFile() {
      Path target = work.resolve("no-such-folder").resolve("signed.eml");

      CliRun.Result r = signet.run("sign", "--id", alice.p12().toString(), "--in", plain.toString(),
          "--out", target.toString());

      assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
      assertThat(r.stderrLines()).singleElement().asString()
          .isEqualTo("signet: error: cannot write " + target + ": there is no folder " + target.getParent());
    }

    @Test
    void refusesWhenNoPasswordCanBeHad() throws IOException {
      CliRun noPassword = CliRun.withoutPassword();
      refuses(noPassword, plain, "sign", "--id", alice.p12().toString());
    }
  }

  @Nested
  class Encrypt {
    @Test
    void refusesAHeaderLineWithoutAColon() throws IOException {
      refuses(badMessage(BadMessage.HEADER_LINE_WITHOUT_COLON), "encrypt", "--to", bob.certificatePem().toString());
    }

    @Test
    void refusesARecipientThatIsNotACertificate() throws IOException {
      refuses(plain, "encrypt", "--to", notACertificate().toString());
    }

    @Test
    void refusesADigitalIdGivenAsRecipient() throws IOException {
      refuses(plain, "encrypt", "--to", bob.p12().toString());
    }

    @Test
    void refusesAnUnknownCipher() throws IOException {
      refuses(plain, "encrypt", "--to", bob.certificatePem().toString(), "--cipher", "des-ede3-cbc");
    }

    @Test
    void refusesAnUnknownRsaPadding() throws IOException {
      refuses(plain, "encrypt", "--to", bob.certificatePem().toString(), "--rsa-padding", "none");
    }

    @Test
    void refusesAMissingInputFile() throws IOException {
      refuses(missing(), "encrypt", "--to", bob.certificatePem().toString());
    }

    @Test
    void refusesAMissingRecipientFile() throws IOException {
      refuses(plain, "encrypt", "--to", work.resolve("nobody.pem").toString());
    }
  }

  @Nested
  class Verify {
    /** Verify does not decrypt, so the truncated encrypted messages are not among these. */
    @ParameterizedTest
    @EnumSource(value = BadMessage.class, mode = EnumSource.Mode.EXCLUDE,
        names = {"TRUNCATED_ENCRYPTED_CMS", "TRUNCATED_BASE64_CMS_IN_MIME"})
    void refusesAnUnreadableMessage(BadMessage kind) throws IOException {
      refuses(badMessage(kind), "verify");
    }

    @Test
    void refusesAMissingInputFile() throws IOException {
      refuses(missing(), "verify");
    }

    @Test
    void saysWhichStructureIsMalformedAndWhatStoodWhereNotWhichJavaClass() throws IOException {
      CliRun.Result r = refuses(badMessage(BadMessage.SIGNED_CMS_WITH_A_TAGGED_ELEMENT_FOR_A_SET), "verify");
      assertThat(r.stderr().strip())
          .isEqualTo("signet: error: malformed CMS SignedData: a tagged element where a SET was expected");
    }

    @Test
    void saysACertificateInTheMessageIsUnreadableNotWhichJdkParserRefusedIt() throws IOException {
      CliRun.Result r = refuses(badMessage(BadMessage.SIGNED_CMS_WITH_AN_UNREADABLE_CERTIFICATE), "verify");
      assertThat(r.stderr()).startsWith("signet: error: unreadable certificate in the message: ")
          .doesNotContain("DerValue");
    }

    @Test
    void exits2ForAnEncryptedMessageItCannotSeeInsideAndWritesNothing() throws IOException {
      Path out2 = out;
      CliRun.Result result = signet.run("verify", "--json", "--in", encrypted.toString(), "--out", out2.toString());

      assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
      assertThat(result.stderr()).contains("NO_DECRYPTION_KEY").doesNotContain("Exception");
      assertThat(out2).doesNotExist();
      assertThat(result.out()).contains("\"NO_DECRYPTION_KEY\"");
    }

    @Test
    void refusesATrustFileThatIsNotACertificate() throws IOException {
      refuses(signed, "verify", "--trust", notACertificate().toString());
    }

    @Test
    void refusesATimeThatIsNotIso8601() throws IOException {
      refuses(signed, "verify", "--at", "yesterday");
    }
  }

  @Nested
  class Decrypt {
    @ParameterizedTest
    @EnumSource(BadMessage.class)
    void refusesAnUnreadableMessage(BadMessage kind) throws IOException {
      refuses(badMessage(kind), "decrypt", "--id", bob.p12().toString());
    }

    @Test
    void refusesAnIdThatIsNotPkcs12() throws IOException {
      refuses(encrypted, "decrypt", "--id", nonPkcs12().toString());
    }

    @Test
    void refusesAWrongPassword() throws IOException {
      refuses(CliRun.withPassword("wrong"), encrypted, "decrypt", "--id", bob.p12().toString());
    }

    @Test
    void refusesAMissingInputFile() throws IOException {
      refuses(missing(), "decrypt", "--id", bob.p12().toString());
    }

    @Test
    void refusesAnIdThatIsNotARecipient() throws IOException {
      refuses(encrypted, "decrypt", "--id", alice.p12().toString());
    }

    @Test
    void refusesAMessageThatIsNotEncrypted() throws IOException {
      refuses(signed, "decrypt", "--id", bob.p12().toString());
    }

    @Test
    void refusesAFailedGcmTagAndReleasesNoPlaintext() throws IOException {
      CliRun.Result r = refuses(gcmTagFailure(), "decrypt", "--id", bob.p12().toString());
      assertThat(r.stderr()).contains("authentication tag");
    }

    @Test
    void writesNothingToStdoutWhenTheGcmTagFails() throws IOException {
      Path flipped = gcmTagFailure();
      CliRun.Result result = signet.run("decrypt", "--id", bob.p12().toString(), "--in", flipped.toString());

      assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
      assertThat(result.stdout()).isEmpty();
    }
  }

  @Nested
  class Read {
    @ParameterizedTest
    @EnumSource(BadMessage.class)
    void refusesAnUnreadableMessage(BadMessage kind) throws IOException {
      refuses(badMessage(kind), "read", "--id", bob.p12().toString());
    }

    @ParameterizedTest
    @EnumSource(BadMessage.class)
    void refusesAnUnreadableMessageWithJson(BadMessage kind) throws IOException {
      refuses(badMessage(kind), "read", "--json", "--id", bob.p12().toString());
    }

    @Test
    void refusesAnIdThatIsNotPkcs12() throws IOException {
      refuses(encrypted, "read", "--id", nonPkcs12().toString());
    }

    @Test
    void refusesAWrongPassword() throws IOException {
      refuses(CliRun.withPassword("wrong"), encrypted, "read", "--id", bob.p12().toString());
    }

    @Test
    void refusesAMissingInputFile() throws IOException {
      refuses(missing(), "read", "--id", bob.p12().toString());
    }

    @Test
    void refusesAFailedGcmTagAndReleasesNoPlaintext() throws IOException {
      CliRun.Result r = refuses(gcmTagFailure(), "read", "--id", bob.p12().toString());
      assertThat(r.stderr()).contains("authentication tag");
    }

    @Test
    void writesNothingToStdoutWhenTheGcmTagFails() throws IOException {
      Path flipped = gcmTagFailure();
      CliRun.Result result = signet.run("read", "--id", bob.p12().toString(), "--in", flipped.toString());

      assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
      assertThat(result.stdout()).isEmpty();
    }
  }

  @Nested
  class IdNew {
    private CliRun.Result refusesId(String... args) throws IOException {
      List<String> all = new ArrayList<>(List.of("id", "new"));
      all.addAll(List.of(args));
      all.addAll(List.of("--out", out.toString()));
      CliRun.Result result = signet.run(all.toArray(String[]::new));
      assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
      assertThat(result.stderrLines()).as(result.toString()).singleElement().asString().startsWith("signet:");
      assertThat(result.stderr()).doesNotContain("Exception").doesNotContain("at dev.");
      assertThat(out).doesNotExist();
      try (Stream<Path> left = Files.list(out.getParent())) {
        assertThat(left).isEmpty();
      }
      return result;
    }

    @Test
    void refusesAnUnknownKeyType() throws IOException {
      refusesId("--email", "carol@example.org", "--key", "dsa1024");
    }

    @Test
    void refusesToWriteOverAnExistingFileAndLeavesItAsItWas() throws IOException {
      byte[] before = Files.readAllBytes(alice.p12());
      Path existing = Files.write(out, before);

      CliRun.Result result = signet.run("id", "new", "--email", "alice@example.org", "--key", "ec-p256", "--out",
          existing.toString());

      assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
      assertThat(result.stderrLines()).singleElement().asString()
          .isEqualTo("signet: error: " + existing + " exists, and a digital ID is never written over: remove it or"
              + " give another --out");
      assertThat(existing).hasBinaryContent(before);
    }

    @Test
    void refusesSomethingThatIsNotAnEmailAddress() throws IOException {
      refusesId("--email", "carol");
    }

    @Test
    void refusesWhenNoPasswordCanBeHad() throws IOException {
      List<String> args = List.of("id", "new", "--email", "carol@example.org", "--key", "ec-p256", "--out",
          out.toString());
      CliRun.Result result = CliRun.withoutPassword().run(args.toArray(String[]::new));
      assertThat(result.exitCode()).isEqualTo(2);
      assertThat(result.stderrLines()).singleElement().asString().startsWith("signet:");
      assertThat(out).doesNotExist();
    }
  }

  /** Whatever fails, and however a library words it, the error line names no Java class. */
  @Nested
  class ErrorLines {
    @Test
    void aClassCastExceptionThatEscapesIsAnUnexpectedErrorWithoutItsClasses() {
      assertThat(Cli.message(new ClassCastException("class org.bouncycastle.asn1.DLTaggedObjectParser cannot be cast"
          + " to class org.bouncycastle.asn1.ASN1SetParser (org.bouncycastle.asn1.DLTaggedObjectParser and"
          + " org.bouncycastle.asn1.ASN1SetParser are in unnamed module of loader 'app')")))
          .isEqualTo("unexpected error (run with --debug for details)");
      assertThat(Cli.message(new NullPointerException())).isEqualTo("unexpected error (run with --debug for details)");
      assertThat(Cli.message(new IllegalArgumentException("no curve named x")))
          .isEqualTo("unexpected error: no curve named x (run with --debug for details)");
    }

    @Test
    void aClassNameInAnEngineMessageIsCutOffWithTheClauseThatHoldsIt() {
      assertThat(Cli.message(new dev.signet.core.MalformedInputException("malformed CMS: class "
          + "org.bouncycastle.asn1.DLTaggedObjectParser cannot be cast to class org.bouncycastle.asn1.ASN1SetParser")))
          .isEqualTo("malformed CMS");
      assertThat(Cli.message(new dev.signet.core.MalformedInputException("unreadable certificate in the message: "
          + "java.io.IOException: Too short"))).isEqualTo("unreadable certificate in the message: Too short");
    }

    @Test
    void anIoErrorWithoutAMessageIsNotNamedByItsClass() {
      assertThat(Cli.message(new IOException())).isEqualTo("input/output error");
      assertThat(Cli.message(new java.io.EOFException())).isEqualTo("the input ends too early");
      assertThat(Cli.message(new IOException("java.net.SocketException: Connection reset")))
          .isEqualTo("Connection reset");
    }
  }

  @Nested
  class CommandLine {
    @Test
    void refusesAnUnknownVerb() {
      CliRun.Result result = signet.run("frobnicate");
      assertThat(result.exitCode()).isEqualTo(2);
      assertThat(result.stderr()).startsWith("signet:");
    }

    @Test
    void refusesAnUnknownOption() {
      CliRun.Result result = signet.run("verify", "--bogus");
      assertThat(result.exitCode()).isEqualTo(2);
      assertThat(result.stderrLines()).singleElement().asString().startsWith("signet:");
    }

    @Test
    void refusesNoVerb() {
      CliRun.Result result = signet.run();
      assertThat(result.exitCode()).isEqualTo(2);
      assertThat(result.stderr()).startsWith("signet:");
    }

    @Test
    void refusesSignWithoutAnId() throws IOException {
      CliRun.Result result = signet.run("sign", "--in", plain.toString(), "--out", out.toString());
      assertThat(result.exitCode()).isEqualTo(2);
      assertThat(result.stderr()).startsWith("signet:");
      assertThat(out).doesNotExist();
    }
  }
}
