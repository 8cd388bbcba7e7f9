package dev.signet.core.internal;

import dev.signet.core.Certificates;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The RFC 5280 section 4 rules a conforming issuer MUST follow, checked on every certificate of a
 * path when strict checking is asked for.
 */
final class StrictProfile {
  private static final String SKI = "2.5.29.14";
  private static final String KEY_USAGE = "2.5.29.15";
  private static final String SAN = "2.5.29.17";
  private static final String BASIC_CONSTRAINTS = "2.5.29.19";
  private static final String NAME_CONSTRAINTS = "2.5.29.30";
  private static final String POLICY_CONSTRAINTS = "2.5.29.36";
  private static final String AKI = "2.5.29.35";
  private static final String AIA = "1.3.6.1.5.5.7.1.1";
  private static final Set<String> NEVER_CRITICAL = Set.of(AKI, SKI, AIA);
  private static final Set<String> ALWAYS_CRITICAL_IN_CA = Set.of(NAME_CONSTRAINTS, POLICY_CONSTRAINTS);
  private static final int KEY_CERT_SIGN = 5;
  private static final int MAX_SERIAL_OCTETS = 20;

  private StrictProfile() {}

  static List<String> faults(X509Certificate cert, boolean target, boolean anchor) {
    List<String> faults = new ArrayList<>();
    String name = Certificates.subject(cert);
    boolean ca = cert.getBasicConstraints() >= 0;
    boolean selfSigned = CertificateLinks.isSelfSigned(cert);
    if (cert.getSerialNumber().signum() <= 0 || cert.getSerialNumber().toByteArray().length > MAX_SERIAL_OCTETS) {
      faults.add("the serial number of " + name + " is not a positive number of at most 20 octets");
    }
    if (cert.getIssuerX500Principal().getEncoded().length <= 2) {
      faults.add("the issuer name of " + name + " is empty");
    }
    for (String oid : critical(cert)) {
      if (NEVER_CRITICAL.contains(oid)) {
        faults.add("extension " + oid + " of " + name + " is marked critical");
      }
    }
    if (!selfSigned && cert.getExtensionValue(AKI) == null) {
      faults.add(name + " has no authority key identifier");
    }
    if (!target || ca) {
      faults.addAll(caFaults(cert, name, ca, anchor && !target));
    }
    if (!ca && keyCertSign(cert)) {
      faults.add(name + " may sign certificates (keyCertSign) but is not a CA");
    }
    if (cert.getSubjectX500Principal().getEncoded().length <= 2 && !critical(cert).contains(SAN)) {
      faults.add(name + " has an empty subject and a non-critical subject alternative name");
    }
    if (!ca && cert.getExtensionValue(NAME_CONSTRAINTS) != null) {
      faults.add(name + " carries name constraints but is not a CA");
    }
    return faults;
  }

  private static List<String> caFaults(X509Certificate cert, String name, boolean ca, boolean anchor) {
    List<String> faults = new ArrayList<>();
    if (!ca) {
      faults.add(name + " issues certificates but is not a CA (basic constraints)");
      return faults;
    }
    if (!critical(cert).contains(BASIC_CONSTRAINTS)) {
      faults.add("the basic constraints of CA " + name + " are not critical");
    }
    if (cert.getSubjectX500Principal().getEncoded().length <= 2) {
      faults.add("CA " + name + " has an empty subject");
    }
    if (cert.getExtensionValue(SKI) == null) {
      faults.add("CA " + name + " has no subject key identifier");
    }
    if (cert.getExtensionValue(KEY_USAGE) != null && !keyCertSign(cert)) {
      faults.add("CA " + name + " has a key usage without keyCertSign");
    }
    for (String oid : ALWAYS_CRITICAL_IN_CA) {
      if (cert.getExtensionValue(oid) != null && !critical(cert).contains(oid)) {
        faults.add("extension " + oid + " of CA " + name + " is not critical");
      }
    }
    return faults;
  }

  private static boolean keyCertSign(X509Certificate cert) {
    boolean[] usage = cert.getKeyUsage();
    return usage != null && usage.length > KEY_CERT_SIGN && usage[KEY_CERT_SIGN];
  }

  private static Set<String> critical(X509Certificate cert) {
    Set<String> oids = cert.getCriticalExtensionOIDs();
    return oids == null ? Set.of() : oids;
  }
}
