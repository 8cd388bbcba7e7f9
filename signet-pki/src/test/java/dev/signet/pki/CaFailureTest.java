package dev.signet.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.core.FailureKind;
import dev.signet.pki.internal.CertificateMaker;
import java.security.SecureRandom;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A CA's reasons for failing are finer names for the kinds of failure the CLI and the web answer by. */
class CaFailureTest {
  @ParameterizedTest
  @EnumSource(CaException.Reason.class)
  void everyReasonIsOfAKind(CaException.Reason reason) {
    assertThat(new CaException(reason, "refused").kind()).isNotNull();
  }

  @Test
  void reasonsMapToTheKindTheyAreOf() {
    assertThat(new CaException(CaException.Reason.ALREADY_REVOKED, "revoked").kind()).isEqualTo(FailureKind.CONFLICT);
    assertThat(new CaException(CaException.Reason.UNKNOWN_SERIAL, "no such").kind()).isEqualTo(FailureKind.NOT_FOUND);
    assertThat(new CaException(CaException.Reason.TOKEN_EXPIRED, "expired").kind())
        .isEqualTo(FailureKind.NOT_AUTHENTICATED);
    assertThat(new CaException(CaException.Reason.STORE, "disk").kind()).isEqualTo(FailureKind.STORAGE);
  }

  @Test
  void aCaNameThatIsNotADistinguishedNameIsRefusedKeepingWhyAsTheCause() {
    SecureRandom random = new SecureRandom();
    CertificateMaker maker = new CertificateMaker(random);

    assertThatThrownBy(() -> maker.root("a name without attributes", CertificateMaker.generate("ec-p256", random), Instant.now()))
        .isInstanceOfSatisfying(CaException.class, e -> {
          assertThat(e.reason()).isEqualTo(CaException.Reason.BAD_REQUEST);
          assertThat(e.getCause()).isInstanceOf(IllegalArgumentException.class);
        });
  }
}
