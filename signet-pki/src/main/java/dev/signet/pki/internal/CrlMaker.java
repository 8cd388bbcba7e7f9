package dev.signet.pki.internal;

import dev.signet.pki.IssuedCertificate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/** Signs RFC 5280 CRLs: a CRL number, the authority key identifier, a reason code on each entry. */
public final class CrlMaker {
  private CrlMaker() {}

  public static byte[] crl(CaKey issuer, long number, Instant thisUpdate, Instant nextUpdate,
      List<IssuedCertificate> revoked) {
    X509v2CRLBuilder b = new X509v2CRLBuilder(
        X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded()), Date.from(thisUpdate));
    b.setNextUpdate(Date.from(nextUpdate));
    for (IssuedCertificate c : revoked) {
      IssuedCertificate.Revocation r = c.revocation().orElseThrow();
      b.addCRLEntry(new BigInteger(c.serial(), 16), Date.from(r.at()), r.reason().code());
    }
    try {
      b.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(number)));
      b.addExtension(Extension.authorityKeyIdentifier, false,
          new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(issuer.certificate()));
      return b.build(issuer.signer()).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot make a CRL", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
