package dev.signet.pki;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.signet.pki.internal.CertificateRequest;
import dev.signet.testkit.FuzzContract;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Both ends of EST (RFC 7030) fed what an attacker may send. The CA reads a PKCS#10 request (PEM,
 * base64 or DER, as {@code simpleenroll} receives it) into a request or a CaException; the client
 * reads a server's answer (certs-only in base64, or serverkeygen's multipart key and certificate)
 * into an Answer or an IOException. Each in bounded time.
 */
class EstFuzzTest {
  private static final HttpHeaders CERTS_ONLY = headers("application/pkcs7-mime; smime-type=certs-only");
  private static final HttpHeaders KEY_AND_CERTIFICATE = headers("multipart/mixed; boundary=est-1");

  @FuzzTest(maxDuration = "2m")
  void certificateRequests(byte[] csr) {
    FuzzContract.holds(CaException.class, () -> CertificateRequest.parse(csr, (issuer, serial) -> Optional.empty()).mailbox());
  }

  @FuzzTest(maxDuration = "2m")
  void issuedCertificates(byte[] body) {
    FuzzContract.holds(IOException.class, () -> EstClient.answer(200, CERTS_ONLY, body));
  }

  @FuzzTest(maxDuration = "2m")
  void serverMadeKeys(byte[] body) {
    FuzzContract.holds(IOException.class, () -> EstClient.answer(200, KEY_AND_CERTIFICATE, body));
  }

  private static HttpHeaders headers(String contentType) {
    return HttpHeaders.of(Map.of("Content-Type", List.of(contentType)), (name, value) -> true);
  }
}
