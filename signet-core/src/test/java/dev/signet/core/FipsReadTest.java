package dev.signet.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** FIPSMode on the read side: a signature made with a key outside FIPS 140 is a weak-algorithm error. */
class FipsReadTest {
  private static SecurityReport signedWithAndRead(KeyType key, String fipsMode) throws IOException {
    DigitalId id = DigitalId.selfSigned("alice@example.org", "Alice", key, Clock.systemUTC(), new SecureRandom());
    ByteArrayOutputStream signed = new ByteArrayOutputStream();
    Smime.withDefaults().sign(new ByteArrayInputStream("From: alice@example.org\r\n\r\nhi\r\n"
        .getBytes(StandardCharsets.US_ASCII)), SignOptions.defaults(id), signed);
    return Smime.withDefaults().read(new ByteArrayInputStream(signed.toByteArray()),
        ReadOptions.verify(List.of(id.certificate()))
            .withPolicy(new Policy(Map.of(PolicySetting.FIPS_MODE, fipsMode), "test")),
        OutputStream.nullOutputStream());
  }

  @Test
  void anEd25519SignatureIsRefusedInFipsMode() throws IOException {
    SecurityReport report = signedWithAndRead(KeyType.ED25519, "1");

    assertThat(report.problems()).filteredOn(p -> p.code() == ProblemCode.WEAK_ALGORITHM).singleElement()
        .satisfies(p -> assertThat(p.setting()).contains("FIPSMode"))
        .satisfies(p -> assertThat(p.message()).contains("Ed25519"));
    assertThat(report.verdict()).isEqualTo(Verdict.ERROR);
  }

  @Test
  void anEd25519SignatureIsValidOutsideFipsMode() throws IOException {
    assertThat(signedWithAndRead(KeyType.ED25519, "0").verdict()).isEqualTo(Verdict.VALID);
  }

  @Test
  void aP256SignatureIsValidInFipsMode() throws IOException {
    assertThat(signedWithAndRead(KeyType.EC_P256, "1").verdict()).isEqualTo(Verdict.VALID);
  }
}
