package dev.signet.core.internal;

import dev.signet.core.EmailAddress;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/** The email addresses in a certificate, and how an address is matched against them. */
public final class CertificateEmails {
  private CertificateEmails() {}

  /** SAN rfc822Name entries first, then emailAddress attributes of the subject. */
  public static List<String> of(X509Certificate cert) {
    List<String> emails = new ArrayList<>();
    try {
      Collection<List<?>> sans = cert.getSubjectAlternativeNames();
      if (sans != null) {
        for (List<?> san : sans) {
          if (san.size() >= 2 && Integer.valueOf(1).equals(san.get(0)) && san.get(1) instanceof String s) {
            emails.add(s);
          }
        }
      }
    } catch (CertificateParsingException e) {
      // An unparsable SAN carries no address we could bind to; the subject may still have one.
    }
    X500Name subject;
    try {
      subject = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
    } catch (IllegalArgumentException e) {
      // A subject the JDK accepts but Bouncy Castle cannot parse carries no address we could bind to.
      return emails;
    }
    for (RDN rdn : subject.getRDNs(BCStyle.EmailAddress)) {
      ASN1Encodable value = rdn.getFirst().getValue();
      String email = IETFUtils.valueToString(value);
      if (!emails.contains(email)) {
        emails.add(email);
      }
    }
    return emails;
  }

  /** Local part exactly, domain case-insensitively. */
  public static boolean matches(String address, String certEmail) {
    return EmailAddress.parse(address)
        .flatMap(a -> EmailAddress.parse(certEmail).map(a::sameMailbox)).orElse(false);
  }

  public static boolean covers(X509Certificate cert, String address) {
    return of(cert).stream().anyMatch(e -> matches(address, e));
  }
}
