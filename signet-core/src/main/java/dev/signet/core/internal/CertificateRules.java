package dev.signet.core.internal;

import dev.signet.core.Certificates;
import dev.signet.core.PathSettings;
import dev.signet.core.Problem;
import dev.signet.core.ProblemCode;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraints;

/**
 * The checks on a validated chain that the PKIX engines leave out: the key purposes the caller
 * requires, malformed names and name constraints, wildcard names that could evade a DNS name
 * constraint, and (when asked) the RFC 5280 section 4 profile rules for issuers.
 */
final class CertificateRules {
  private static final String ANY_EKU = "2.5.29.37.0";
  private static final String NAME_CONSTRAINTS = "2.5.29.30";
  private static final String CRL_NUMBER = "2.5.29.20";
  private static final int DNS = 2;
  private static final int RFC822 = 1;
  private static final int IP = 7;

  private CertificateRules() {}

  /** {@code chain}: target first, trust anchor last. */
  static Optional<Problem> check(List<X509Certificate> chain, PathSettings settings) {
    List<String> faults = new ArrayList<>();
    X509Certificate target = chain.get(0);
    extendedKeyUsage(target, settings.requiredExtendedKeyUsages()).ifPresent(faults::add);
    for (X509Certificate cert : chain) {
      names(cert).ifPresent(faults::add);
    }
    wildcards(chain).ifPresent(faults::add);
    if (settings.strictProfile()) {
      for (int i = 0; i < chain.size(); i++) {
        faults.addAll(StrictProfile.faults(chain.get(i), i == 0, i == chain.size() - 1));
      }
    }
    return faults.isEmpty() ? Optional.empty()
        : Optional.of(Problem.of(ProblemCode.INVALID_PATH, "the certificate path is not valid: " + faults.get(0)));
  }

  /** The CRLs that follow the RFC 5280 section 5 profile (a CRL number is present). */
  static List<X509CRL> conforming(List<X509CRL> crls) {
    return crls.stream().filter(crl -> crl.getExtensionValue(CRL_NUMBER) != null).toList();
  }

  private static Optional<String> extendedKeyUsage(X509Certificate target, Set<String> required) {
    List<String> ekus;
    try {
      ekus = target.getExtendedKeyUsage();
    } catch (CertificateParsingException e) {
      return Optional.of("the extended key usage of " + Certificates.subject(target) + " cannot be read");
    }
    if (ekus == null) {
      return Optional.empty();
    }
    if (ekus.isEmpty()) {
      return Optional.of("the extended key usage of " + Certificates.subject(target) + " is empty");
    }
    if (required.isEmpty() || ekus.contains(ANY_EKU) || ekus.stream().anyMatch(required::contains)) {
      return Optional.empty();
    }
    return Optional.of(Certificates.subject(target) + " is not for " + required + " (extended key usage " + ekus + ")");
  }

  /** Subject alternative names and name constraints must be well formed. */
  private static Optional<String> names(X509Certificate cert) {
    try {
      Collection<List<?>> sans = cert.getSubjectAlternativeNames();
      if (sans != null) {
        for (List<?> san : sans) {
          if (!wellFormed((Integer) san.get(0), san.get(1))) {
            return Optional.of("malformed subject alternative name " + san.get(1) + " in " + Certificates.subject(cert));
          }
        }
      }
      for (GeneralSubtree subtree : subtrees(cert)) {
        if (!wellFormedConstraint(subtree.getBase())) {
          return Optional.of("malformed name constraint " + subtree.getBase() + " in " + Certificates.subject(cert));
        }
      }
      return Optional.empty();
    } catch (CertificateParsingException | RuntimeException e) {
      return Optional.of("the names in " + Certificates.subject(cert) + " cannot be read: " + e.getMessage());
    }
  }

  private static boolean wellFormed(int type, Object value) {
    return switch (type) {
      case DNS -> value instanceof String s && (s.startsWith("*.") ? dnsName(s.substring(2)) : dnsName(s));
      case RFC822 -> value instanceof String s && mailbox(s);
      default -> true;
    };
  }

  private static boolean wellFormedConstraint(GeneralName base) {
    return switch (base.getTagNo()) {
      case DNS -> dnsName(DERIA5String.getInstance(base.getName()).getString());
      case RFC822 -> mailboxConstraint(DERIA5String.getInstance(base.getName()).getString());
      case IP -> {
        int length = ASN1OctetString.getInstance(base.getName()).getOctets().length;
        yield length == 8 || length == 32;
      }
      default -> true;
    };
  }

  /** A host name (RFC 1034 preferred syntax, letters, digits and hyphens); empty for "everything". */
  static boolean dnsName(String name) {
    if (name.isEmpty()) {
      return true;
    }
    for (String label : name.split("\\.", -1)) {
      if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")
          || !label.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '-'))) {
        return false;
      }
    }
    return true;
  }

  private static boolean mailbox(String address) {
    int at = address.lastIndexOf('@');
    return at > 0 && address.indexOf('@') == at && dnsName(address.substring(at + 1))
        && address.chars().allMatch(c -> c > 32 && c < 127);
  }

  /** RFC 5280 4.2.1.10: a mailbox, a host, or a domain with a leading period. */
  private static boolean mailboxConstraint(String constraint) {
    if (constraint.contains("@")) {
      return mailbox(constraint);
    }
    return constraint.startsWith(".") ? dnsName(constraint.substring(1)) : dnsName(constraint);
  }

  /**
   * A wildcard DNS name ({@code *.example.com}) stands for every name one label deeper, so it is
   * judged defensively: refused if a name it could stand for is excluded or not permitted.
   */
  private static Optional<String> wildcards(List<X509Certificate> chain) {
    for (int i = 0; i < chain.size(); i++) {
      for (String wildcard : wildcardNames(chain.get(i))) {
        String base = wildcard.substring(2).toLowerCase(Locale.ROOT);
        for (int j = i + 1; j < chain.size(); j++) {
          if (!wildcardAllowed(base, chain.get(j))) {
            return Optional.of("the wildcard name " + wildcard + " could stand for a name that "
                + Certificates.subject(chain.get(j)) + " does not permit");
          }
        }
      }
    }
    return Optional.empty();
  }

  private static boolean wildcardAllowed(String base, X509Certificate issuer) {
    NameConstraints nc = nameConstraints(issuer);
    if (nc == null) {
      return true;
    }
    for (String excluded : dnsSubtrees(nc.getExcludedSubtrees())) {
      if (within(excluded, base) || within(base, excluded)) {
        return false;
      }
    }
    List<String> permitted = dnsSubtrees(nc.getPermittedSubtrees());
    return permitted.isEmpty() || permitted.stream().anyMatch(p -> within(base, p));
  }

  /** Whether {@code name} is {@code domain} or below it. */
  private static boolean within(String name, String domain) {
    return domain.isEmpty() || name.equals(domain) || name.endsWith("." + domain);
  }

  private static List<String> wildcardNames(X509Certificate cert) {
    List<String> out = new ArrayList<>();
    try {
      Collection<List<?>> sans = cert.getSubjectAlternativeNames();
      if (sans != null) {
        for (List<?> san : sans) {
          if ((Integer) san.get(0) == DNS && san.get(1) instanceof String s && s.startsWith("*.")) {
            out.add(s);
          }
        }
      }
    } catch (CertificateParsingException e) {
      return out;
    }
    return out;
  }

  private static List<GeneralSubtree> subtrees(X509Certificate cert) {
    NameConstraints nc = nameConstraints(cert);
    List<GeneralSubtree> all = new ArrayList<>();
    if (nc != null) {
      if (nc.getPermittedSubtrees() != null) {
        all.addAll(List.of(nc.getPermittedSubtrees()));
      }
      if (nc.getExcludedSubtrees() != null) {
        all.addAll(List.of(nc.getExcludedSubtrees()));
      }
    }
    return all;
  }

  static NameConstraints nameConstraints(X509Certificate cert) {
    byte[] ext = cert.getExtensionValue(NAME_CONSTRAINTS);
    if (ext == null) {
      return null;
    }
    return NameConstraints.getInstance(ASN1Sequence.getInstance(ASN1OctetString.getInstance(ext).getOctets()));
  }

  private static List<String> dnsSubtrees(GeneralSubtree[] subtrees) {
    List<String> out = new ArrayList<>();
    if (subtrees != null) {
      for (GeneralSubtree s : subtrees) {
        if (s.getBase().getTagNo() == DNS) {
          out.add(DERIA5String.getInstance(s.getBase().getName()).getString().toLowerCase(Locale.ROOT));
        }
      }
    }
    return out;
  }
}
