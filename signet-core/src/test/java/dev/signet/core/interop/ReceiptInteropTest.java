package dev.signet.core.interop;

import static dev.signet.core.interop.Interop.files;
import static dev.signet.core.interop.Interop.id;
import static dev.signet.core.interop.Interop.message;
import static dev.signet.core.interop.Interop.openssl;
import static dev.signet.core.interop.Interop.opensslOk;
import static dev.signet.core.interop.Interop.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.core.Layer.SignedFormat;
import dev.signet.core.MalformedInputException;
import dev.signet.core.ProblemCode;
import dev.signet.core.ReadOptions;
import dev.signet.core.ReceiptReport;
import dev.signet.core.ReceiptRequest;
import dev.signet.core.SignOptions;
import dev.signet.core.SignedReceiptRequest;
import dev.signet.core.SignerReport;
import dev.signet.testkit.ExternalTool;
import dev.signet.testkit.ProcessRunner;
import dev.signet.testkit.TestPki.KeyKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Signed receipts (RFC 2634 section 2) both ways with OpenSSL, which implements them: Signet answers
 * OpenSSL's requests and checks OpenSSL's receipts, and the other way round.
 */
class ReceiptInteropTest {
  @TempDir static Path dir;
  private static final KeyKind SENDER = KeyKind.RSA_2048;
  private static final KeyKind RECIPIENT = KeyKind.EC_P256;

  @BeforeAll
  static void requireOpenSsl() {
    ExternalTool.OPENSSL.require();
  }

  private static byte[] requestingMessage(SignedFormat format) {
    ReceiptRequest request = ReceiptRequest.fresh(ReceiptRequest.From.all(), List.of(id(SENDER).email()),
        Instant.now(), new SecureRandom());
    return sign(message(SENDER, RECIPIENT), SignOptions.defaults(Interop.digitalId(SENDER)).withFormat(format)
        .withReceiptRequest(request));
  }

  private static ReadOptions trusting() {
    return ReadOptions.verify(Interop.PKI.anchors());
  }

  /** What the recipient's reader found: the signed request of the message's signer. */
  private static SignedReceiptRequest requestIn(byte[] message) throws IOException {
    SignerReport requester = Interop.read(message, trusting()).report().receiptRequester().orElseThrow();
    assertThat(requester.signatureValid()).isTrue();
    return requester.receiptRequest().orElseThrow();
  }

  private static byte[] signetReceipt(SignedReceiptRequest original) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Interop.smime().signReceipt(original, SignOptions.defaults(Interop.digitalId(RECIPIENT)), id(RECIPIENT).email(), out);
    return out.toByteArray();
  }

  private static ReceiptReport signetVerifies(byte[] receipt, SignedReceiptRequest original) throws IOException {
    return Interop.smime().verifyReceipt(new ByteArrayInputStream(receipt), original,
        trusting().withIntermediates(List.of(Interop.PKI.intermediate())));
  }

  private static Path write(String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }

  @ParameterizedTest(name = "Signet's receipt for a {0} message passes its own check")
  @EnumSource(value = SignedFormat.class, names = {"CLEAR", "OPAQUE"})
  void signetValidatesItsOwnReceipt(SignedFormat format) throws IOException {
    SignedReceiptRequest original = requestIn(requestingMessage(format));

    ReceiptReport report = signetVerifies(signetReceipt(original), original);

    assertThat(report.valid()).as("%s", report).isTrue();
    assertThat(report.signers()).singleElement().satisfies(s -> assertThat(s.email()).contains(id(RECIPIENT).email()));
  }

  @ParameterizedTest(name = "openssl cms -verify_receipt accepts Signet's receipt for a {0} Signet message")
  @EnumSource(value = SignedFormat.class, names = {"CLEAR", "OPAQUE"})
  void opensslVerifiesSignetsReceipt(SignedFormat format) throws IOException {
    byte[] message = requestingMessage(format);
    Path original = write("original-" + format + ".eml", message);
    Path receipt = write("receipt-" + format + ".eml", signetReceipt(requestIn(message)));
    Interop.PkiFiles pki = files(dir, RECIPIENT);

    ProcessRunner.Result r = openssl(dir, new byte[0], "cms", "-verify_receipt", receipt.toString(), "-in",
        original.toString(), "-CAfile", pki.root().toString(), "-certfile", pki.intermediate().toString(),
        "-purpose", "any");

    assertThat(r.exitCode()).as("openssl cms -verify_receipt:\n%s", r.stderr()).isZero();
  }

  @Test
  void signetAnswersAnOpenSslRequestWithAReceiptOpenSslAccepts() throws IOException {
    Interop.PkiFiles sender = files(dir, SENDER);
    Interop.PkiFiles recipient = files(dir, RECIPIENT);
    Path entity = write("entity.txt", Interop.entity());
    byte[] requested = opensslOk(dir, new byte[0], "cms", "-sign", "-in", entity.toString(), "-signer",
        sender.certArg(), "-inkey", sender.keyArg(), "-receipt_request_to", id(SENDER).email(),
        "-receipt_request_all");
    Path original = write("openssl-request.eml", requested);
    Path receipt = write("signet-receipt.eml", signetReceipt(requestIn(requested)));

    ProcessRunner.Result r = openssl(dir, new byte[0], "cms", "-verify_receipt", receipt.toString(), "-in",
        original.toString(), "-CAfile", recipient.root().toString(), "-certfile", recipient.intermediate().toString(),
        "-purpose", "any");

    assertThat(r.exitCode()).as("openssl cms -verify_receipt:\n%s", r.stderr()).isZero();
  }

  @Test
  void signetValidatesTheReceiptOpenSslSignsForASignetRequest() throws IOException {
    byte[] message = requestingMessage(SignedFormat.CLEAR);
    Path original = write("for-openssl.eml", message);
    Interop.PkiFiles recipient = files(dir, RECIPIENT);

    byte[] receipt = opensslOk(dir, new byte[0], "cms", "-sign_receipt", "-in", original.toString(), "-signer",
        recipient.certArg(), "-inkey", recipient.keyArg());
    ReceiptReport report = signetVerifies(receipt, requestIn(message));

    assertThat(report.valid()).as("%s", report).isTrue();
  }

  @Test
  void aReceiptForAnotherMessageIsAMismatch() throws IOException {
    SignedReceiptRequest answered = requestIn(requestingMessage(SignedFormat.CLEAR));
    SignedReceiptRequest other = requestIn(requestingMessage(SignedFormat.CLEAR));

    ReceiptReport report = signetVerifies(signetReceipt(answered), other);

    assertThat(report.valid()).isFalse();
    assertThat(report.problems()).extracting(p -> p.code()).contains(ProblemCode.RECEIPT_MISMATCH);
    assertThat(report.problems()).anySatisfy(p -> assertThat(p.message()).contains("msgSigDigest"));
  }

  @Test
  void aReceiptWhoseSignatureWasAlteredIsNotValid() throws IOException {
    SignedReceiptRequest original = requestIn(requestingMessage(SignedFormat.OPAQUE));
    byte[] receipt = signetReceipt(original);
    byte[] der = Interop.cmsDer(receipt);
    der[der.length - 5] ^= 1; // inside the receipt signer's signature value, the last field

    ReceiptReport report = signetVerifies(der, original);

    assertThat(report.valid()).isFalse();
    assertThat(report.problems()).extracting(p -> p.code()).contains(ProblemCode.BAD_SIGNATURE);
  }

  @Test
  void aSignedMessageThatIsNotAReceiptIsRefusedAsInput() throws IOException {
    SignedReceiptRequest original = requestIn(requestingMessage(SignedFormat.OPAQUE));

    assertThatThrownBy(() -> signetVerifies(requestingMessage(SignedFormat.OPAQUE), original))
        .isInstanceOf(MalformedInputException.class).hasMessageContaining("not a signed receipt");
  }

  @Test
  void aReceiptTravelsAsAnSmimeSignedReceiptToReceiptsTo() throws IOException {
    String receipt = new String(signetReceipt(requestIn(requestingMessage(SignedFormat.CLEAR))),
        java.nio.charset.StandardCharsets.US_ASCII);

    assertThat(receipt).contains("To: " + id(SENDER).email() + "\r\n").contains("From: " + id(RECIPIENT).email())
        .contains("Content-Type: application/pkcs7-mime; smime-type=signed-receipt;");
  }
}
