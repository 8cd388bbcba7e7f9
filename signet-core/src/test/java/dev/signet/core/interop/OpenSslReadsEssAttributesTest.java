package dev.signet.core.interop;

import static dev.signet.core.interop.Interop.files;
import static dev.signet.core.interop.Interop.id;
import static dev.signet.core.interop.Interop.message;
import static dev.signet.core.interop.Interop.openssl;
import static dev.signet.core.interop.Interop.sign;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.Layer.SignedFormat;
import dev.signet.core.ReadOptions;
import dev.signet.core.ReceiptRequest;
import dev.signet.core.SecurityLabel;
import dev.signet.core.SecurityReport;
import dev.signet.core.SignOptions;
import dev.signet.testkit.ExternalTool;
import dev.signet.testkit.ProcessRunner;
import dev.signet.testkit.TestPki.KeyKind;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The ESS signed attributes Signet writes: OpenSSL verifies the message and decodes each attribute. */
class OpenSslReadsEssAttributesTest {
  @TempDir static Path dir;
  private static final KeyKind SENDER = KeyKind.RSA_2048;
  private static final KeyKind RECIPIENT = KeyKind.EC_P256;
  private static final SecurityLabel LABEL = new SecurityLabel("1.3.6.1.4.1.99999.1", OptionalInt.of(3),
      Optional.of("ACME STAFF ONLY"), List.of(SecurityLabel.Category.text("1.3.6.1.4.1.99999.2", "PROJECT-X")));

  @BeforeAll
  static void requireOpenSsl() {
    ExternalTool.OPENSSL.require();
  }

  private static ReceiptRequest request() {
    return ReceiptRequest.fresh(ReceiptRequest.From.all(), List.of(id(SENDER).email()), Instant.now(),
        new SecureRandom());
  }

  private static SignOptions options(SignedFormat format) {
    return SignOptions.defaults(Interop.digitalId(SENDER)).withFormat(format);
  }

  private static String print(byte[] signed) {
    ProcessRunner.Result r = openssl(dir, Interop.cmsDer(signed), "cms", "-cmsout", "-print", "-inform", "DER");
    assertThat(r.exitCode()).as("openssl cms -cmsout -print:\n%s", r.stderr()).isZero();
    return r.stdoutText();
  }

  @ParameterizedTest(name = "OpenSSL verifies a {0} message carrying a receipt request, a label and a key preference")
  @EnumSource(value = SignedFormat.class, names = {"CLEAR", "OPAQUE"})
  void opensslVerifiesAMessageWithEveryEssAttribute(SignedFormat format) {
    byte[] signed = sign(message(SENDER, RECIPIENT), options(format).withReceiptRequest(request())
        .withSecurityLabel(LABEL).withEncryptionKeyPreference(id(SENDER).certificate()));
    Interop.PkiFiles pki = files(dir, SENDER);

    ProcessRunner.Result r = openssl(dir, signed, "cms", "-verify", "-CAfile", pki.root().toString(),
        "-certfile", pki.intermediate().toString(), "-purpose", "any");

    assertThat(r.exitCode()).as("openssl cms -verify:\n%s", r.stderr()).isZero();
  }

  @Test
  void opensslShowsTheReceiptRequestAttributeWithItsContentIdentifier() {
    ReceiptRequest request = request();

    String printed = print(sign(message(SENDER, RECIPIENT), options(SignedFormat.CLEAR).withReceiptRequest(request)));

    assertThat(printed).contains("id-smime-aa-receiptRequest")
        .contains("[HEX DUMP]:" + request.contentIdentifier().toUpperCase(java.util.Locale.ROOT));
  }

  @Test
  void opensslDecodesTheReceiptRequestWhenItVerifies() {
    ReceiptRequest request = ReceiptRequest.fresh(ReceiptRequest.From.listed(List.of(id(RECIPIENT).email())),
        List.of(id(SENDER).email()), Instant.now(), new SecureRandom());
    byte[] signed = sign(message(SENDER, RECIPIENT), options(SignedFormat.CLEAR).withReceiptRequest(request));
    Interop.PkiFiles pki = files(dir, SENDER);

    ProcessRunner.Result r = openssl(dir, signed, "cms", "-verify", "-CAfile", pki.root().toString(),
        "-certfile", pki.intermediate().toString(), "-purpose", "any", "-receipt_request_print", "-out", "/dev/null");

    assertThat(r.exitCode()).as("openssl cms -verify:\n%s", r.stderr()).isZero();
    assertThat(r.stdoutText() + r.stderr()).contains("Signed Content ID:")
        .contains("Receipts From List:").contains("email:" + id(RECIPIENT).email())
        .contains("Receipts To:").contains("email:" + id(SENDER).email());
  }

  @Test
  void opensslShowsTheLabelsBytesUnderTheSecurityLabelAttribute() {
    String printed = print(sign(message(SENDER, RECIPIENT), options(SignedFormat.CLEAR).withSecurityLabel(LABEL)));

    assertThat(printed).contains("id-smime-aa-securityLabel").contains("ACME STAFF ONLY").contains("PROJECT-X");
  }

  @Test
  void opensslParsesTheLabelAsTheSetOfRfc2634() {
    Path der = dir.resolve("label.der");
    writeBytes(der, LABEL.toDer());

    ProcessRunner.Result r = openssl(dir, new byte[0], "asn1parse", "-inform", "DER", "-in", der.toString(), "-i");

    assertThat(r.stdoutText()).contains("SET").contains("INTEGER           :03").contains(":1.3.6.1.4.1.99999.1")
        .contains("PRINTABLESTRING   :ACME STAFF ONLY").contains("cont [ 1 ]").contains("UTF8STRING        :PROJECT-X");
  }

  @Test
  void opensslDecodesTheEncryptionKeyPreference() {
    String printed = print(sign(message(SENDER, RECIPIENT),
        options(SignedFormat.CLEAR).withEncryptionKeyPreference(id(RECIPIENT).certificate())));

    assertThat(printed).contains("id-smime-aa-encrypKeyPref");
  }

  @Test
  void signetReportsWhatItSigned() throws IOException {
    ReceiptRequest request = request();
    byte[] signed = sign(message(SENDER, RECIPIENT),
        options(SignedFormat.OPAQUE).withReceiptRequest(request).withSecurityLabel(LABEL));

    SecurityReport report = Interop.read(signed, ReadOptions.verify(Interop.PKI.anchors())).report();

    assertThat(report.receiptRequest()).contains(request);
    assertThat(report.securityLabel()).contains(LABEL);
    assertThat(LABEL.display()).isEqualTo("CONFIDENTIAL; ACME STAFF ONLY; 1.3.6.1.4.1.99999.2=PROJECT-X");
  }

  private static void writeBytes(Path file, byte[] bytes) {
    try {
      java.nio.file.Files.write(file, bytes);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
