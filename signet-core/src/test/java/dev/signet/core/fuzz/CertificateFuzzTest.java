package dev.signet.core.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.signet.core.Certificates;
import java.io.ByteArrayInputStream;
import java.security.cert.X509Certificate;
import java.util.List;

/** Certificates and CRLs, PEM or DER, and what Signet reads out of a certificate once parsed. */
class CertificateFuzzTest {

  @FuzzTest(maxDuration = "2m")
  void certificates(byte[] input) {
    Contract.holds(() -> {
      List<X509Certificate> certs = Certificates.read(new ByteArrayInputStream(input));
      for (X509Certificate cert : certs) {
        Certificates.carries(cert, "alice@example.org");
        Certificates.emails(cert);
      }
      return certs;
    });
  }

  @FuzzTest(maxDuration = "2m")
  void crls(byte[] input) {
    Contract.holds(() -> Certificates.readCrls(new ByteArrayInputStream(input)));
  }
}
