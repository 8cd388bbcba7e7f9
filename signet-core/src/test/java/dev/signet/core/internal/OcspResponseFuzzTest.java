package dev.signet.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.signet.core.Certificates;
import dev.signet.core.RevocationFetching;
import dev.signet.testkit.FuzzContract;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;

/**
 * OCSP responses as any responder named in an attacker's certificate may send them: the reader
 * judges each into an answer (believed or not, with the reason), never an exception, in bounded
 * time. The seeds answer a request about {@code ocsp-fuzz/signer.pem} from its issuer with the
 * nonce below, at {@link #ANSWERED}, signed by the issuer, a delegated responder (whose certificate
 * is valid for a year from then) and a stranger; they were made with the testkit's RevocationPki.
 */
class OcspResponseFuzzTest {
  static final Instant ANSWERED = Instant.parse("2026-11-28T18:45:00Z");
  private static final X509Certificate ISSUER = certificate("issuer.pem");
  private static final X509Certificate SIGNER = certificate("signer.pem");
  private static final CertificateID ID = id();
  private static final byte[] NONCE = nonce();
  private static final URI URL = URI.create("http://ocsp.example/");
  private static final OcspClient CLIENT = new OcspClient(new HttpFetcher(RevocationFetching.off()),
      new SecureRandom(), Clock.fixed(ANSWERED, ZoneOffset.UTC));

  @FuzzTest(maxDuration = "2m")
  void responses(byte[] response) {
    FuzzContract.alwaysValue(() -> CLIENT.read(response, ID, NONCE, ISSUER, URL));
  }

  @Test
  void theSeedsAreJudgedAsTheirRespondersMeantThem() throws IOException {
    assertThat(CLIENT.read(seed("issuer-good.der"), ID, NONCE, ISSUER, URL))
        .satisfies(a -> assertThat(a.believed()).isTrue()).satisfies(a -> assertThat(a.revokedAt()).isEmpty());
    assertThat(CLIENT.read(seed("issuer-revoked.der"), ID, NONCE, ISSUER, URL).revokedAt()).isPresent();
    assertThat(CLIENT.read(seed("delegated-good.der"), ID, NONCE, ISSUER, URL).believed()).isTrue();
    assertThat(CLIENT.read(seed("stranger-revoked.der"), ID, NONCE, ISSUER, URL).believed()).isFalse();
  }

  private static byte[] seed(String name) throws IOException {
    try (InputStream in = OcspResponseFuzzTest.class.getResourceAsStream("OcspResponseFuzzTestInputs/responses/" + name)) {
      return in.readAllBytes();
    }
  }

  private static X509Certificate certificate(String name) {
    try (InputStream in = OcspResponseFuzzTest.class.getResourceAsStream("ocsp-fuzz/" + name)) {
      return Certificates.read(in).get(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static CertificateID id() {
    try {
      return new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
          new JcaX509CertificateHolder(ISSUER), SIGNER.getSerialNumber());
    } catch (OperatorCreationException | CertificateEncodingException | OCSPException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The nonce the seeds carry: sixteen zero bytes. */
  private static byte[] nonce() {
    try {
      return new DEROctetString(new byte[16]).getEncoded();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
