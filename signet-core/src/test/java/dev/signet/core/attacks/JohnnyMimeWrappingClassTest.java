package dev.signet.core.attacks;

import static dev.signet.core.attacks.Mail.entityOf;
import static dev.signet.core.attacks.Mail.forwarded;
import static dev.signet.core.attacks.Mail.html;
import static dev.signet.core.attacks.Mail.message;
import static dev.signet.core.attacks.Mail.multipart;
import static dev.signet.core.attacks.Mail.signed;
import static dev.signet.core.attacks.Mail.text;
import static dev.signet.core.attacks.Mail.verify;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.DigitalId;
import dev.signet.core.ProblemCode;
import dev.signet.core.Severity;
import dev.signet.core.UnsignedFooter;
import dev.signet.core.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * "Johnny, You Are Fired" (USENIX Security 2019), MIME wrapping class: a good signature over one
 * part must not vouch for the unsigned parts shown beside it.
 */
class JohnnyMimeWrappingClassTest {
  private static final DigitalId MANAGER = Mail.person("manager@example.org", "Manager");
  private static final String FROM_MANAGER = "From: manager@example.org\r\nTo: johnny@example.org\r\n";
  private static final String PROMOTED = entityOf(signed(message(FROM_MANAGER, text("You are promoted!")), MANAGER));

  private static Mail.Read verifyFromManager(String entity) {
    return verify(message(FROM_MANAGER, entity), List.of(MANAGER.certificate()));
  }

  @Test
  void theUnwrappedSignedMessageIsValid() {
    assertThat(verifyFromManager(PROMOTED).report().verdict()).isEqualTo(Verdict.VALID);
  }

  @Test
  void m1TextPrependedToASignedPartIsPartiallySigned() {
    Mail.Read read = verifyFromManager(multipart("mixed", text("Johnny, you are fired!"), PROMOTED));
    assertThat(read.report().has(ProblemCode.PARTIALLY_SIGNED)).isTrue();
    assertThat(read.report().verdict()).isEqualTo(Verdict.ERROR);
    assertThat(read.report().signers()).singleElement().satisfies(s -> assertThat(s.signatureValid()).isTrue());
  }

  @Test
  void m2HtmlHidingTheSignedPartIsPartiallySigned() {
    String hiding = html("<b>Johnny, you are fired!</b><div style=\"display:none\"><plaintext>");
    Mail.Read read = verifyFromManager(multipart("mixed", hiding, PROMOTED));
    assertThat(read.report().has(ProblemCode.PARTIALLY_SIGNED)).isTrue();
    assertThat(read.report().verdict()).isEqualTo(Verdict.ERROR);
  }

  @Test
  void m3ASignedPartReferencedFromUnsignedHtmlIsPartiallySigned() {
    String referencing = html("<b>Johnny, you are fired!</b><img src=\"cid:target\">");
    Mail.Read read = verifyFromManager(multipart("related", referencing, "Content-ID: <target>\r\n" + PROMOTED));
    assertThat(read.report().has(ProblemCode.PARTIALLY_SIGNED)).isTrue();
  }

  @Test
  void m4ASignedPartHiddenAsAnAttachmentIsPartiallySigned() {
    String attached = "Content-Disposition: attachment; filename=smime.p7s\r\n" + PROMOTED;
    Mail.Read read = verifyFromManager(multipart("mixed", text("Johnny, you are fired!"), attached));
    assertThat(read.report().has(ProblemCode.PARTIALLY_SIGNED)).isTrue();
  }

  @Test
  void aMailingListFooterAfterTheSignedPartIsAWarningReportedApart() {
    Mail.Read read = verifyFromManager(multipart("mixed", PROMOTED, text("-- \r\nlist@example.org: unsubscribe")));
    assertThat(read.report().problems()).filteredOn(p -> p.code() == ProblemCode.PARTIALLY_SIGNED)
        .singleElement().satisfies(p -> assertThat(p.severity()).isEqualTo(Severity.WARNING));
    assertThat(read.report().verdict()).isEqualTo(Verdict.WARNING);
    assertThat(read.report().unsignedFooter()).contains(new UnsignedFooter("text/plain"));
    assertThat(read.report().signers()).singleElement().satisfies(s -> assertThat(s.signatureValid()).isTrue());
  }

  @Test
  void anAttachmentAfterTheSignedPartIsNoFooterButPartiallySigned() {
    String attached = "Content-Disposition: attachment; filename=fired.txt\r\n" + text("Johnny, you are fired!");
    Mail.Read read = verifyFromManager(multipart("mixed", PROMOTED, attached));
    assertThat(read.report().has(ProblemCode.PARTIALLY_SIGNED)).isTrue();
    assertThat(read.report().verdict()).isEqualTo(Verdict.ERROR);
    assertThat(read.report().unsignedFooter()).isEmpty();
  }

  @Test
  void htmlAfterTheSignedPartIsNoFooterButPartiallySigned() {
    Mail.Read read = verifyFromManager(multipart("mixed", PROMOTED, html("<b>Johnny, you are fired!</b>")));
    assertThat(read.report().verdict()).isEqualTo(Verdict.ERROR);
  }

  @Test
  void aSignedAlternativeBesideAnUnsignedOneIsPartiallySigned() {
    Mail.Read read = verifyFromManager(multipart("alternative", text("Johnny, you are fired!"), PROMOTED));
    assertThat(read.report().has(ProblemCode.PARTIALLY_SIGNED)).isTrue();
  }

  @Test
  void aForwardedSignedMessageInsideAnUnsignedOneIsPartiallySigned() {
    String forwardedMail = signed(message(FROM_MANAGER, text("You are promoted!")), MANAGER);
    Mail.Read read = verifyFromManager(multipart("mixed", text("Johnny, you are fired! See below."),
        forwarded(forwardedMail)));
    assertThat(read.report().has(ProblemCode.PARTIALLY_SIGNED)).isTrue();
    assertThat(read.report().verdict()).isEqualTo(Verdict.ERROR);
  }

  @Test
  void aSignedMessageWhoseSignedPartIsAMultipartIsWhollySigned() {
    String both = multipart("mixed", text("Agenda"), html("<p>Agenda</p>"));
    String signedMixed = signed(message(FROM_MANAGER, both), MANAGER);
    Mail.Read read = verify(signedMixed, List.of(MANAGER.certificate()));
    assertThat(read.report().verdict()).isEqualTo(Verdict.VALID);
  }

  @Test
  void aMultipartSignedWithAThirdPartIsMalformed() {
    String third = PROMOTED.replaceFirst("(--[^\\r\\n]+)--\\r\\n$", "$1\r\n" + text("Johnny, you are fired!")
        .replace("$", "\\$") + "$1--\r\n");
    Mail.Read read = verifyFromManager(third);
    assertThat(read.report().has(ProblemCode.MALFORMED)).isTrue();
    assertThat(read.report().verdict()).isEqualTo(Verdict.ERROR);
  }

  @Test
  void aMultipartSignedWithoutItsSignaturePartIsMalformed() {
    String boundary = PROMOTED.replaceAll("(?s).*boundary=\"([^\"]+)\".*", "$1");
    String onlyContent = PROMOTED.substring(0, PROMOTED.indexOf("--" + boundary, PROMOTED.indexOf("--" + boundary) + 2))
        + "--" + boundary + "--\r\n";
    Mail.Read read = verifyFromManager(onlyContent);
    assertThat(read.report().has(ProblemCode.MALFORMED)).isTrue();
    assertThat(read.report().verdict()).isEqualTo(Verdict.ERROR);
  }

  @Test
  void aMultipartSignedWithAForeignProtocolIsMalformed() {
    String pgp = PROMOTED.replace("application/pkcs7-signature\"", "application/pgp-signature\"");
    Mail.Read read = verifyFromManager(pgp);
    assertThat(read.report().has(ProblemCode.MALFORMED)).isTrue();
    assertThat(read.report().verdict()).isEqualTo(Verdict.ERROR);
  }

  @Test
  void aMicalgThatDoesNotNameTheSignersDigestIsABadSignature() {
    String wrongMicalg = PROMOTED.replaceFirst("micalg=\"?sha-256\"?", "micalg=sha-512");
    Mail.Read read = verifyFromManager(wrongMicalg);
    assertThat(read.report().has(ProblemCode.BAD_SIGNATURE)).isTrue();
    assertThat(read.report().verdict()).isEqualTo(Verdict.ERROR);
  }

  @Test
  void aMicalgThatDoesNotNameTheSignersDigestStillListsTheSignerNotValidWithTheReason() {
    String wrongMicalg = PROMOTED.replaceFirst("micalg=\"?sha-256\"?", "micalg=sha-512");
    Mail.Read read = verifyFromManager(wrongMicalg);
    assertThat(read.report().signers()).singleElement().satisfies(s -> {
      assertThat(s.emails()).containsExactly("manager@example.org");
      assertThat(s.signatureValid()).isFalse();
    });
    assertThat(read.report().problems()).anySatisfy(p -> assertThat(p.message()).contains("micalg"));
    assertThat(read.report().has(ProblemCode.NOT_SIGNED)).isFalse();
  }
}
