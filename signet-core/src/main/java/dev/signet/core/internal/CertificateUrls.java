package dev.signet.core.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/** The URLs a certificate or CRL names: CRL distribution points, freshest CRL, OCSP, caIssuers. */
final class CertificateUrls {
  private CertificateUrls() {}

  static List<URI> crlDistributionPoints(X509Certificate cert) {
    return distributionPoints(cert.getExtensionValue(Extension.cRLDistributionPoints.getId()));
  }

  /** Where delta CRLs are published (RFC 5280 freshestCRL), from the certificate or its base CRL. */
  static List<URI> freshestCrl(X509Certificate cert, X509CRL base) {
    List<URI> out = new ArrayList<>(distributionPoints(cert.getExtensionValue(Extension.freshestCRL.getId())));
    if (base != null) {
      distributionPoints(base.getExtensionValue(Extension.freshestCRL.getId())).stream()
          .filter(u -> !out.contains(u)).forEach(out::add);
    }
    return out;
  }

  static List<URI> ocspResponders(X509Certificate cert) {
    return authorityAccess(cert, AccessDescription.id_ad_ocsp);
  }

  /** Where the issuer's certificate is published (RFC 5280 caIssuers). */
  static List<URI> caIssuers(X509Certificate cert) {
    return authorityAccess(cert, AccessDescription.id_ad_caIssuers);
  }

  private static List<URI> authorityAccess(X509Certificate cert, org.bouncycastle.asn1.ASN1ObjectIdentifier method) {
    List<URI> out = new ArrayList<>();
    byte[] ext = cert.getExtensionValue(Extension.authorityInfoAccess.getId());
    if (ext == null) {
      return out;
    }
    try {
      var aia = AuthorityInformationAccess.getInstance(ASN1OctetString.getInstance(ext).getOctets());
      for (AccessDescription d : aia.getAccessDescriptions()) {
        if (d.getAccessMethod().equals(method)) {
          uri(d.getAccessLocation(), out);
        }
      }
    } catch (RuntimeException e) {
      // A malformed extension names nothing.
    }
    return out;
  }

  private static List<URI> distributionPoints(byte[] ext) {
    List<URI> out = new ArrayList<>();
    if (ext == null) {
      return out;
    }
    try {
      for (DistributionPoint dp : CRLDistPoint.getInstance(ASN1OctetString.getInstance(ext).getOctets())
          .getDistributionPoints()) {
        DistributionPointName name = dp.getDistributionPoint();
        if (name != null && name.getType() == DistributionPointName.FULL_NAME) {
          for (GeneralName g : GeneralNames.getInstance(name.getName()).getNames()) {
            uri(g, out);
          }
        }
      }
    } catch (RuntimeException e) {
      // A malformed extension names no distribution point.
    }
    return out;
  }

  private static void uri(GeneralName name, List<URI> out) {
    if (name.getTagNo() != GeneralName.uniformResourceIdentifier) {
      return;
    }
    try {
      out.add(new URI(DERIA5String.getInstance(name.getName()).getString()));
    } catch (URISyntaxException e) {
      // Not a URL: skipped.
    }
  }
}
