package dev.signet.pki.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSAbsentContent;
import org.bouncycastle.cms.CMSSignedDataGenerator;

/** A certs-only CMS SignedData (RFC 5751 3.6; EST's answers carry certificates this way). */
public final class CertsOnly {
  private CertsOnly() {}

  public static byte[] of(List<X509Certificate> certificates) {
    try {
      CMSSignedDataGenerator g = new CMSSignedDataGenerator();
      g.addCertificates(new JcaCertStore(certificates));
      return g.generate(new CMSAbsentContent(), false).getEncoded();
    } catch (CertificateEncodingException | CMSException e) {
      throw new IllegalStateException("cannot encode certificates as certs-only CMS", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
