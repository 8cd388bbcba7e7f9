package dev.signet.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each exception of signet-core says what kind of failure it is, and a read that stops on one reports it. */
class FailureKindTest {
  @Test
  void anUnsupportedAlgorithmIsNotCalledAWeakOne() {
    assertThat(new UnsupportedAlgorithmException("unknown OID 1.2.3").kind())
        .isEqualTo(FailureKind.UNSUPPORTED_ALGORITHM);
  }

  @Test
  void aFailedDecryptionIsNotCalledMalformedInput() {
    assertThat(new DecryptionFailedException("tag mismatch", new IOException("bad tag")).kind())
        .isEqualTo(FailureKind.DECRYPTION_FAILED);
  }

  @Test
  void malformedInputUnavailableKeysAndPolicyEachHaveTheirKind() {
    assertThat(new MalformedInputException("not MIME").kind()).isEqualTo(FailureKind.MALFORMED_INPUT);
    assertThat(new KeyUnavailableException("wrong password").kind()).isEqualTo(FailureKind.KEY_UNAVAILABLE);
    assertThat(new PolicyViolationException(PolicySetting.ALWAYS_SIGN, List.of(), "refused").kind())
        .isEqualTo(FailureKind.POLICY_VIOLATION);
  }

  @Test
  void aReadStoppedByAnUnsupportedAlgorithmReportsUnsupportedAlgorithm() {
    assertThat(Problem.of(new UnsupportedAlgorithmException("unknown cipher")).code())
        .isEqualTo(ProblemCode.UNSUPPORTED_ALGORITHM);
  }

  @Test
  void aReadStoppedForWantOfAKeyReportsNoDecryptionKey() {
    Problem p = Problem.of(new KeyUnavailableException("no digital ID matches a recipient"));

    assertThat(p.code()).isEqualTo(ProblemCode.NO_DECRYPTION_KEY);
    assertThat(p.message()).isEqualTo("no digital ID matches a recipient");
  }
}
