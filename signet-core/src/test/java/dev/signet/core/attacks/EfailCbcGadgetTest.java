package dev.signet.core.attacks;

import static dev.signet.core.attacks.Mail.encrypted;
import static dev.signet.core.attacks.Mail.message;
import static dev.signet.core.attacks.Mail.readAll;
import static dev.signet.core.attacks.Mail.signed;
import static dev.signet.core.attacks.Mail.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.core.ContentCipher;
import dev.signet.core.DecryptionFailedException;
import dev.signet.core.DigitalId;
import dev.signet.core.EncryptOptions;
import dev.signet.core.ProblemCode;
import dev.signet.core.Verdict;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * EFAIL (USENIX Security 2018), CBC gadgets: CBC ciphertext can be rearranged without the key, so
 * CBC content that no signature inside vouches for is flagged UNAUTHENTICATED_ENCRYPTION; GCM's
 * tag makes any change fail outright.
 */
class EfailCbcGadgetTest {
  private static final DigitalId ALICE = Mail.person("alice@example.org", "Alice");
  private static final DigitalId BOB = Mail.person("bob@example.org", "Bob");
  private static final String HEADERS = "From: alice@example.org\r\nTo: bob@example.org\r\n";
  private static final EncryptOptions CBC = EncryptOptions.defaults(List.of(BOB.certificate()))
      .withCipher(ContentCipher.AES_128_CBC);

  @Test
  void cbcWithoutASignatureInsideIsUnauthenticatedEncryption() {
    Mail.Read read = readAll(encrypted(message(HEADERS, text("hello")), CBC), BOB, List.of());
    assertThat(read.report().has(ProblemCode.UNAUTHENTICATED_ENCRYPTION)).isTrue();
    assertThat(read.report().verdict()).isNotEqualTo(Verdict.VALID);
  }

  @Test
  void cbcAroundASignatureIsCoveredByThatSignature() {
    String signedThenEncrypted = encrypted(signed(message(HEADERS, text("hello")), ALICE), CBC);
    Mail.Read read = readAll(signedThenEncrypted, BOB, List.of(ALICE.certificate()));
    assertThat(read.report().has(ProblemCode.UNAUTHENTICATED_ENCRYPTION)).isFalse();
    assertThat(read.report().verdict()).isEqualTo(Verdict.VALID);
  }

  @Test
  void gcmIsAuthenticatedAndAnyChangeToItsCiphertextFails() {
    String gcm = encrypted(message(HEADERS, text("hello")), EncryptOptions.defaults(List.of(BOB.certificate())));
    assertThat(readAll(gcm, BOB, List.of()).report().has(ProblemCode.UNAUTHENTICATED_ENCRYPTION)).isFalse();
    assertThatThrownBy(() -> readAll(flipLastCiphertextBit(gcm), BOB, List.of()))
        .isInstanceOf(DecryptionFailedException.class);
  }

  /** Flips a bit near the end of the CMS object: inside the ciphertext or its tag. */
  private static String flipLastCiphertextBit(String mail) {
    int split = mail.indexOf("\r\n\r\n") + 4;
    byte[] der = Base64.getMimeDecoder().decode(mail.substring(split));
    der[der.length - 20] ^= 1;
    return mail.substring(0, split) + Base64.getMimeEncoder().encodeToString(der) + "\r\n";
  }
}
