package dev.signet.core.attacks;

import static dev.signet.core.attacks.Mail.message;
import static dev.signet.core.attacks.Mail.signed;
import static dev.signet.core.attacks.Mail.text;
import static dev.signet.core.attacks.Mail.verify;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.DigitalId;
import dev.signet.core.Problem;
import dev.signet.core.ProblemCode;
import dev.signet.core.SecurityReport;
import dev.signet.core.Severity;
import dev.signet.core.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * "Johnny, You Are Fired" (USENIX Security 2019), ID class: Eve signs with her own certificate and
 * dresses the header up as the manager. The address in the angle brackets is what counts, and
 * every From and Sender address must be in the signer's certificate.
 */
class JohnnyIdClassTest {
  private static final DigitalId EVE = Mail.person("eve@evil.example", "Eve");

  private static SecurityReport signedByEve(String headers) {
    String mail = signed(message(headers + "To: johnny@example.org\r\n", text("Johnny, you are fired!")), EVE);
    return verify(mail, List.of(EVE.certificate())).report();
  }

  private static boolean warnsFromMismatch(SecurityReport report) {
    return report.problems().stream()
        .anyMatch(p -> p.code() == ProblemCode.FROM_MISMATCH && p.severity() == Severity.WARNING);
  }

  @Test
  void eveSigningAsEveIsValid() {
    assertThat(signedByEve("From: Eve <eve@evil.example>\r\n").verdict()).isEqualTo(Verdict.VALID);
  }

  @Test
  void i1AFromAddressThatIsNotTheSignersIsAMismatch() {
    SecurityReport report = signedByEve("From: manager@bigcorporation.example\r\n");
    assertThat(warnsFromMismatch(report)).isTrue();
    assertThat(report.verdict()).isNotEqualTo(Verdict.VALID);
  }

  @Test
  void i2ADisplayNameThatIsAnotherAddressIsAMismatchThoughTheAddressIsTheSigners() {
    SecurityReport report = signedByEve("From: \"manager@bigcorporation.example\" <eve@evil.example>\r\n");
    assertThat(warnsFromMismatch(report)).isTrue();
    assertThat(report.verdict()).isNotEqualTo(Verdict.VALID);
  }

  @Test
  void i2AnUnquotedAddressLikeDisplayNameIsNotTakenForTheAddress() {
    SecurityReport report = signedByEve("From: manager@bigcorporation.example . <eve@evil.example>\r\n");
    assertThat(warnsFromMismatch(report)).isTrue();
  }

  @Test
  void i2AFromFieldWithOnlyANameBindsToNobody() {
    assertThat(warnsFromMismatch(signedByEve("From: The Manager\r\n"))).isTrue();
  }

  @Test
  void i2AMessageWithoutFromBindsToNobody() {
    assertThat(warnsFromMismatch(signedByEve(""))).isTrue();
  }

  @Test
  void i2ADisplayNameTheCertificateDoesNotCarryIsNotedButNotVouchedFor() {
    SecurityReport report = signedByEve("From: The Manager <eve@evil.example>\r\n");
    assertThat(report.problems()).filteredOn(p -> p.code() == ProblemCode.FROM_MISMATCH)
        .extracting(Problem::severity).containsOnly(Severity.INFO);
    assertThat(report.signers()).singleElement().satisfies(s -> assertThat(s.email()).contains("eve@evil.example"));
  }

  @Test
  void i3ASecondMailboxInFromThatIsNotTheSignersIsAMismatch() {
    assertThat(warnsFromMismatch(signedByEve("From: eve@evil.example, manager@bigcorporation.example\r\n"))).isTrue();
  }

  @Test
  void i3ASecondFromFieldThatIsNotTheSignersIsAMismatch() {
    assertThat(warnsFromMismatch(signedByEve("From: manager@bigcorporation.example\r\nFrom: eve@evil.example\r\n")))
        .isTrue();
  }

  @Test
  void i3ASenderThatIsNotTheSignerIsAMismatch() {
    assertThat(warnsFromMismatch(signedByEve("From: eve@evil.example\r\nSender: manager@bigcorporation.example\r\n")))
        .isTrue();
  }

  @Test
  void i3AFromThatIsNotTheSignerIsAMismatchEvenWhenTheSenderIs() {
    assertThat(warnsFromMismatch(signedByEve("From: manager@bigcorporation.example\r\nSender: eve@evil.example\r\n")))
        .isTrue();
  }
}
