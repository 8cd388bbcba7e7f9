package dev.signet.pki.internal;

import dev.signet.pki.Generation;
import dev.signet.pki.CertificateProfile;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;

/**
 * One rule of a certificate profile of the S/MIME Baseline Requirements, checked on the
 * to-be-signed certificate before the CA signs it: the CA signs only what breaks none of them.
 */
public sealed interface IssuanceRule {

  /** What is wrong with {@code draft} under this rule, if anything. */
  Optional<String> violation(TBSCertificate draft);

  default String name() {
    return getClass().getSimpleName();
  }

  /** The rules of a mailbox-validated end-entity certificate for {@code email}, issued by {@code issuer}. */
  static List<IssuanceRule> mailboxValidated(String email, CertificateProfile profile, Generation generation,
      X509Certificate issuer) {
    return List.of(new RandomSerial(), new WithinBrValidity(), new IssuedBy(issuer), new MinimalSubject(email),
        new MailboxAltName(email), new EndEntity(), new KeyUsageForKey(profile), new EmailProtectionOnly(),
        new PolicyOfGeneration(generation), new RevocationPointers(), new AcceptedKey());
  }

  /** Each broken rule as "Name: why". */
  static List<String> violations(List<IssuanceRule> rules, TBSCertificate draft) {
    List<String> found = new ArrayList<>();
    for (IssuanceRule rule : rules) {
      rule.violation(draft).ifPresent(v -> found.add(rule.name() + ": " + v));
    }
    return found;
  }

  /** S/MIME BR 7.1: positive, at least 64 bits from a CSPRNG, at most 20 octets. */
  record RandomSerial() implements IssuanceRule {
    @Override
    public Optional<String> violation(TBSCertificate draft) {
      BigInteger serial = draft.getSerialNumber().getValue();
      if (serial.signum() <= 0) {
        return Optional.of("the serial is not positive");
      }
      if (serial.bitLength() < 64 || serial.toByteArray().length > 20) {
        return Optional.of("the serial has " + serial.bitLength() + " bits, not 64 to 159");
      }
      return Optional.empty();
    }
  }

  /** S/MIME BR 6.3.2: at most 825 days, notBefore to notAfter inclusive (RFC 5280 4.1.2.5). */
  record WithinBrValidity() implements IssuanceRule {
    @Override
    public Optional<String> violation(TBSCertificate draft) {
      Duration validity = Duration.between(draft.getStartDate().getDate().toInstant(),
          draft.getEndDate().getDate().toInstant()).plusSeconds(1);
      if (validity.isNegative() || validity.isZero()) {
        return Optional.of("notAfter is before notBefore");
      }
      return validity.compareTo(CertificateMaker.MAX_SUBSCRIBER_VALIDITY) > 0
          ? Optional.of("valid for " + validity + ", above 825 days") : Optional.empty();
    }
  }

  /** RFC 5280: the issuer's name and key identifier, and inside the issuer's own validity. */
  record IssuedBy(X509Certificate issuer) implements IssuanceRule {
    @Override
    public Optional<String> violation(TBSCertificate draft) {
      if (!draft.getIssuer().equals(X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()))) {
        return Optional.of("the issuer name is not the issuing CA's");
      }
      Date start = draft.getStartDate().getDate();
      if (start.before(issuer.getNotBefore()) || start.after(issuer.getNotAfter())
          || draft.getEndDate().getDate().after(issuer.getNotAfter())) {
        return Optional.of("the issuing CA is not valid for all of the certificate's validity (it ends " + issuer.getNotAfter().toInstant() + ")");
      }
      Extension aki = extension(draft, Extension.authorityKeyIdentifier);
      byte[] ski = issuer.getExtensionValue(Extension.subjectKeyIdentifier.getId());
      if (aki == null || ski == null || !Arrays.equals(AuthorityKeyIdentifier.getInstance(aki.getParsedValue()).getKeyIdentifierOctets(),
          DEROctetString.getInstance(DEROctetString.getInstance(ski).getOctets()).getOctets())) {
        return Optional.of("no authority key identifier of the issuing CA");
      }
      return Optional.empty();
    }
  }

  /** S/MIME BR 7.1.4.2.2 (mailbox-validated): only commonName and emailAddress, each the mailbox, and serialNumber. */
  record MinimalSubject(String email) implements IssuanceRule {
    private static final Set<ASN1ObjectIdentifier> MAILBOX_ATTRIBUTES = Set.of(BCStyle.CN, BCStyle.EmailAddress);

    @Override
    public Optional<String> violation(TBSCertificate draft) {
      for (RDN rdn : draft.getSubject().getRDNs()) {
        ASN1ObjectIdentifier type = rdn.getFirst().getType();
        if (rdn.isMultiValued()) {
          return Optional.of("a multi-valued subject attribute");
        }
        if (MAILBOX_ATTRIBUTES.contains(type)) {
          if (!Mailbox.attributeText(rdn.getFirst().getValue()).equalsIgnoreCase(email)) {
            return Optional.of("the subject's " + BCStyle.INSTANCE.oidToDisplayName(type) + " is not the mailbox " + email);
          }
        } else if (!type.equals(BCStyle.SERIALNUMBER)) {
          return Optional.of("the subject has " + type + ", which mailbox-validated certificates may not");
        }
      }
      return Optional.empty();
    }
  }

  /** S/MIME BR 7.1.2.3 (h): subjectAltName holds the validated mailbox and nothing else. */
  record MailboxAltName(String email) implements IssuanceRule {
    @Override
    public Optional<String> violation(TBSCertificate draft) {
      Extension san = extension(draft, Extension.subjectAlternativeName);
      if (san == null) {
        return Optional.of("no subjectAltName");
      }
      GeneralName[] names = GeneralNames.getInstance(san.getParsedValue()).getNames();
      boolean onlyMailbox = names.length == 1 && names[0].getTagNo() == GeneralName.rfc822Name
          && names[0].getName().toString().equalsIgnoreCase(email);
      return onlyMailbox ? Optional.empty() : Optional.of("subjectAltName is not just rfc822Name " + email);
    }
  }

  /** S/MIME BR 7.1.2.3 (d): if basicConstraints is there, cA is false. */
  record EndEntity() implements IssuanceRule {
    @Override
    public Optional<String> violation(TBSCertificate draft) {
      Extension bc = extension(draft, Extension.basicConstraints);
      return bc != null && BasicConstraints.getInstance(bc.getParsedValue()).isCA()
          ? Optional.of("basicConstraints says it is a CA") : Optional.empty();
    }
  }

  /**
   * S/MIME BR 7.1.2.3 (e), strict: critical; digitalSignature to sign; keyEncipherment (RSA, ML-KEM)
   * or keyAgreement (EC) to encrypt; nothing of a CA. ML-DSA keys only sign (RFC 9881), ML-KEM keys
   * only encrypt (RFC 9935), so neither has a dual-use certificate.
   */
  record KeyUsageForKey(CertificateProfile profile) implements IssuanceRule {
    @Override
    public Optional<String> violation(TBSCertificate draft) {
      Extension ku = extension(draft, Extension.keyUsage);
      if (ku == null || !ku.isCritical()) {
        return Optional.of("keyUsage is missing or not critical");
      }
      Optional<KeyFamily> family = KeyFamily.of(draft.getSubjectPublicKeyInfo());
      if (family.isEmpty()) {
        return Optional.of("a key of no kind this CA certifies");
      }
      Optional<String> unfit = family.get().unfit(profile);
      if (unfit.isPresent()) {
        return unfit;
      }
      KeyUsage actual = KeyUsage.getInstance(ku.getParsedValue());
      return actual.equals(new KeyUsage(family.get().keyUsage(profile))) ? Optional.empty()
          : Optional.of("keyUsage " + actual + " is not what a " + profile.cliName() + " "
              + family.get().displayName() + " certificate has");
    }
  }

  /** S/MIME BR 7.1.2.3 (f), required of all generations from July 2027: id-kp-emailProtection alone. */
  record EmailProtectionOnly() implements IssuanceRule {
    @Override
    public Optional<String> violation(TBSCertificate draft) {
      Extension eku = extension(draft, Extension.extendedKeyUsage);
      if (eku == null) {
        return Optional.of("no extendedKeyUsage");
      }
      KeyPurposeId[] purposes = ExtendedKeyUsage.getInstance(eku.getParsedValue()).getUsages();
      return purposes.length == 1 && purposes[0].equals(KeyPurposeId.id_kp_emailProtection) ? Optional.empty()
          : Optional.of("extendedKeyUsage is not emailProtection alone");
    }
  }

  /** S/MIME BR 7.1.6.4: the generation's reserved policy identifier, and no anyPolicy. */
  record PolicyOfGeneration(Generation generation) implements IssuanceRule {
    private static final ASN1ObjectIdentifier ANY_POLICY = new ASN1ObjectIdentifier("2.5.29.32.0");

    @Override
    public Optional<String> violation(TBSCertificate draft) {
      Extension policies = extension(draft, Extension.certificatePolicies);
      if (policies == null) {
        return Optional.of("no certificatePolicies");
      }
      List<ASN1ObjectIdentifier> ids = Arrays.stream(CertificatePolicies.getInstance(policies.getParsedValue())
          .getPolicyInformation()).map(p -> p.getPolicyIdentifier()).toList();
      if (ids.contains(ANY_POLICY)) {
        return Optional.of("anyPolicy in an end-entity certificate");
      }
      return ids.contains(new ASN1ObjectIdentifier(generation.policyOid())) ? Optional.empty()
          : Optional.of("no " + generation.cliName() + " policy " + generation.policyOid());
    }
  }

  /** S/MIME BR 7.1.2.3 (b, c): HTTP addresses of the OCSP responder, the issuer's certificate and the CRL. */
  record RevocationPointers() implements IssuanceRule {
    @Override
    public Optional<String> violation(TBSCertificate draft) {
      Extension aia = extension(draft, Extension.authorityInfoAccess);
      Extension crl = extension(draft, Extension.cRLDistributionPoints);
      if (aia == null || crl == null) {
        return Optional.of("authorityInfoAccess or cRLDistributionPoints is missing");
      }
      AccessDescription[] access = AuthorityInformationAccess.getInstance(aia.getParsedValue()).getAccessDescriptions();
      for (ASN1ObjectIdentifier method : List.of(AccessDescription.id_ad_ocsp, AccessDescription.id_ad_caIssuers)) {
        if (Arrays.stream(access).noneMatch(a -> a.getAccessMethod().equals(method) && http(a.getAccessLocation()))) {
          return Optional.of("authorityInfoAccess has no http:// " + (method.equals(AccessDescription.id_ad_ocsp)
              ? "OCSP responder" : "caIssuers"));
        }
      }
      boolean httpCrl = Arrays.stream(CRLDistPoint.getInstance(crl.getParsedValue()).getDistributionPoints())
          .map(DistributionPoint::getDistributionPoint)
          .anyMatch(p -> p != null && p.getType() == DistributionPointName.FULL_NAME
              && Arrays.stream(GeneralNames.getInstance(p.getName()).getNames()).anyMatch(IssuanceRule::http));
      return httpCrl ? Optional.empty() : Optional.of("cRLDistributionPoints has no http:// address");
    }
  }

  /**
   * S/MIME BR 6.1.5: RSA of 2048 bits or more, a multiple of 8; EC on P-256, P-384 or P-521; and the
   * FIPS 204 and FIPS 203 parameter sets, their algorithm identifiers without parameters (RFC 9881, RFC 9935).
   */
  record AcceptedKey() implements IssuanceRule {
    private static final Set<ASN1ObjectIdentifier> CURVES = Set.of(SECObjectIdentifiers.secp256r1,
        SECObjectIdentifiers.secp384r1, SECObjectIdentifiers.secp521r1);

    @Override
    public Optional<String> violation(TBSCertificate draft) {
      SubjectPublicKeyInfo key = draft.getSubjectPublicKeyInfo();
      ASN1ObjectIdentifier algorithm = key.getAlgorithm().getAlgorithm();
      if (algorithm.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
        return CURVES.contains(key.getAlgorithm().getParameters()) ? Optional.empty()
            : Optional.of("the EC key is not on P-256, P-384 or P-521");
      }
      if (KeyFamily.PARAMETER_SETS.containsKey(algorithm)) {
        return key.getAlgorithm().getParameters() == null ? Optional.empty()
            : Optional.of("the " + KeyFamily.PARAMETER_SETS.get(algorithm) + " algorithm identifier has parameters");
      }
      if (!algorithm.equals(PKCSObjectIdentifiers.rsaEncryption)) {
        return Optional.of("the key is not RSA, EC, ML-DSA or ML-KEM");
      }
      try {
        int bits = RSAPublicKey.getInstance(key.parsePublicKey()).getModulus().bitLength();
        return bits >= 2048 && bits % 8 == 0 ? Optional.empty() : Optional.of("an RSA key of " + bits + " bits");
      } catch (java.io.IOException e) {
        return Optional.of("the RSA key cannot be read");
      }
    }
  }

  private static Extension extension(TBSCertificate draft, ASN1ObjectIdentifier oid) {
    Extensions extensions = draft.getExtensions();
    return extensions == null ? null : extensions.getExtension(oid);
  }

  private static boolean http(GeneralName name) {
    return name.getTagNo() == GeneralName.uniformResourceIdentifier && name.getName().toString().startsWith("http://");
  }
}
