package dev.signet.pki.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.pki.Generation;
import dev.signet.pki.CertificateProfile;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.junit.jupiter.api.Test;

/** Each rule of the pre-issuance lint, with a draft that keeps it and one that breaks it. */
class IssuanceRuleTest {
  private static final String EMAIL = "alice@example.org";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final CaUrls URLS = new CaUrls("http://ca.example.org");
  private static final CertificateMaker MAKER = new CertificateMaker(RANDOM);
  private static final CaKey ROOT = MAKER.root("CN=Lint CA", CertificateMaker.generate("ec-p384", RANDOM), Instant.now());
  private static final CaKey ISSUING = MAKER.issuing("CN=Lint CA", CertificateMaker.generate("ec-p384", RANDOM), ROOT,
      URLS, Instant.now());
  private static final KeyPair EC_KEY = key("EC", new ECGenParameterSpec("secp256r1"));
  private static final KeyPair RSA_KEY = key("RSA", null);

  private static KeyPair key(String algorithm, ECGenParameterSpec curve) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
      if (curve != null) {
        g.initialize(curve);
      } else {
        g.initialize(2048);
      }
      return g.generateKeyPair();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static TBSCertificate good(CertificateProfile profile, PublicKey key) {
    return CertificateMaker.draft(MAKER.subscriberDraft(EMAIL, profile, Generation.STRICT, key, ISSUING, URLS,
        Instant.now(), Duration.ofDays(365)), CaKey.signer(ISSUING.privateKey()));
  }

  /** The good dual-use EC draft with {@code change} made to it. */
  private static TBSCertificate broken(Consumer<V3TBSCertificateGenerator> change) {
    TBSCertificate good = good(CertificateProfile.DUAL_USE, EC_KEY.getPublic());
    V3TBSCertificateGenerator g = new V3TBSCertificateGenerator();
    g.setSerialNumber(good.getSerialNumber());
    g.setSignature(good.getSignature());
    g.setIssuer(good.getIssuer());
    g.setStartDate(good.getStartDate());
    g.setEndDate(good.getEndDate());
    g.setSubject(good.getSubject());
    g.setSubjectPublicKeyInfo(good.getSubjectPublicKeyInfo());
    g.setExtensions(good.getExtensions());
    change.accept(g);
    return g.generateTBSCertificate();
  }

  /** The good draft with extension {@code oid} replaced by {@code value}, or dropped when it is null. */
  private static TBSCertificate withExtension(ASN1ObjectIdentifier oid, boolean critical, Object value) {
    return broken(g -> {
      TBSCertificate good = good(CertificateProfile.DUAL_USE, EC_KEY.getPublic());
      ExtensionsGenerator e = new ExtensionsGenerator();
      for (ASN1ObjectIdentifier id : good.getExtensions().getExtensionOIDs()) {
        if (!id.equals(oid)) {
          e.addExtension(good.getExtensions().getExtension(id));
        }
      }
      try {
        if (value != null) {
          e.addExtension(oid, critical, (org.bouncycastle.asn1.ASN1Encodable) value);
        }
      } catch (java.io.IOException x) {
        throw new IllegalStateException(x);
      }
      g.setExtensions(e.generate());
    });
  }

  private static List<String> broke(TBSCertificate draft) {
    return IssuanceRule.violations(IssuanceRule.mailboxValidated(EMAIL, CertificateProfile.DUAL_USE, Generation.STRICT,
        ISSUING.certificate()), draft);
  }

  private static void breaksOnly(String rule, TBSCertificate draft) {
    assertThat(broke(draft)).singleElement().asString().startsWith(rule + ": ");
  }

  @Test
  void theCertificatesTheCaMakesBreakNoRule() {
    for (CertificateProfile profile : CertificateProfile.values()) {
      for (KeyPair key : List.of(EC_KEY, RSA_KEY)) {
        assertThat(IssuanceRule.violations(IssuanceRule.mailboxValidated(EMAIL, profile, Generation.STRICT,
            ISSUING.certificate()), good(profile, key.getPublic()))).as(profile + " " + key.getPublic().getAlgorithm()).isEmpty();
      }
    }
  }

  @Test
  void aMailboxWithCharactersADistinguishedNameStringEscapesBreaksNoRule() {
    for (String mailbox : List.of("alice+news@example.org", "a=b@example.org")) {
      TBSCertificate draft = CertificateMaker.draft(MAKER.subscriberDraft(mailbox, CertificateProfile.DUAL_USE, Generation.STRICT,
          EC_KEY.getPublic(), ISSUING, URLS, Instant.now(), Duration.ofDays(365)), CaKey.signer(ISSUING.privateKey()));
      assertThat(IssuanceRule.violations(IssuanceRule.mailboxValidated(mailbox, CertificateProfile.DUAL_USE, Generation.STRICT,
          ISSUING.certificate()), draft)).as(mailbox).isEmpty();
    }
  }

  @Test
  void aSerialOfFewerThan64BitsBreaksRandomSerial() {
    breaksOnly("RandomSerial", broken(g -> g.setSerialNumber(new ASN1Integer(BigInteger.valueOf(0x7fff_ffffL)))));
  }

  @Test
  void aNegativeSerialBreaksRandomSerial() {
    breaksOnly("RandomSerial", broken(g -> g.setSerialNumber(new ASN1Integer(BigInteger.ONE.shiftLeft(100).negate()))));
  }

  @Test
  void validityAbove825DaysBreaksWithinBrValidity() {
    breaksOnly("WithinBrValidity", broken(g -> g.setEndDate(new Time(Date.from(Instant.now().plus(Duration.ofDays(826)))))));
  }

  @Test
  void anotherIssuerNameBreaksIssuedBy() {
    breaksOnly("IssuedBy", broken(g -> g.setIssuer(new X500Name("CN=Someone Else"))));
  }

  @Test
  void outlivingTheIssuingCaBreaksIssuedBy() {
    Date beyond = Date.from(ISSUING.certificate().getNotAfter().toInstant().plusSeconds(60));
    TBSCertificate draft = broken(g -> {
      g.setStartDate(new Time(Date.from(beyond.toInstant().minus(Duration.ofDays(30)))));
      g.setEndDate(new Time(beyond));
    });
    breaksOnly("IssuedBy", draft);
  }

  @Test
  void noAuthorityKeyIdentifierBreaksIssuedBy() {
    breaksOnly("IssuedBy", withExtension(Extension.authorityKeyIdentifier, false, null));
  }

  @Test
  void anOrganisationInTheSubjectBreaksMinimalSubject() {
    breaksOnly("MinimalSubject", broken(g -> g.setSubject(new X500Name("CN=" + EMAIL + ",O=Example"))));
  }

  @Test
  void aCommonNameThatIsNotTheMailboxBreaksMinimalSubject() {
    breaksOnly("MinimalSubject", broken(g -> g.setSubject(new X500Name("CN=Alice Smith"))));
  }

  @Test
  void aSecondNameBreaksMailboxAltName() {
    breaksOnly("MailboxAltName", withExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
        new GeneralName(GeneralName.rfc822Name, EMAIL), new GeneralName(GeneralName.dNSName, "example.org")})));
  }

  @Test
  void noAltNameBreaksMailboxAltName() {
    breaksOnly("MailboxAltName", withExtension(Extension.subjectAlternativeName, false, null));
  }

  @Test
  void aCaFlagBreaksEndEntity() {
    breaksOnly("EndEntity", withExtension(Extension.basicConstraints, true, new BasicConstraints(true)));
  }

  @Test
  void aNonCriticalKeyUsageBreaksKeyUsageForKey() {
    breaksOnly("KeyUsageForKey", withExtension(Extension.keyUsage, false,
        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement)));
  }

  @Test
  void keyEnciphermentOnAnEcKeyBreaksKeyUsageForKey() {
    breaksOnly("KeyUsageForKey", withExtension(Extension.keyUsage, true,
        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment)));
  }

  @Test
  void certificateSigningBreaksKeyUsageForKey() {
    breaksOnly("KeyUsageForKey", withExtension(Extension.keyUsage, true,
        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement | KeyUsage.keyCertSign)));
  }

  @Test
  void clientAuthenticationBesideEmailBreaksEmailProtectionOnly() {
    breaksOnly("EmailProtectionOnly", withExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
        new KeyPurposeId[] {KeyPurposeId.id_kp_emailProtection, KeyPurposeId.id_kp_clientAuth})));
  }

  @Test
  void noExtendedKeyUsageBreaksEmailProtectionOnly() {
    breaksOnly("EmailProtectionOnly", withExtension(Extension.extendedKeyUsage, false, null));
  }

  @Test
  void theMultipurposePolicyInAStrictCertificateBreaksPolicyOfGeneration() {
    breaksOnly("PolicyOfGeneration", withExtension(Extension.certificatePolicies, false, new CertificatePolicies(
        new PolicyInformation(new ASN1ObjectIdentifier(Generation.MULTIPURPOSE.policyOid())))));
  }

  @Test
  void anyPolicyBreaksPolicyOfGeneration() {
    breaksOnly("PolicyOfGeneration", withExtension(Extension.certificatePolicies, false, new CertificatePolicies(
        new PolicyInformation[] {new PolicyInformation(new ASN1ObjectIdentifier(Generation.STRICT.policyOid())),
            new PolicyInformation(new ASN1ObjectIdentifier("2.5.29.32.0"))})));
  }

  @Test
  void noOcspAddressBreaksRevocationPointers() {
    breaksOnly("RevocationPointers", withExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(
        new AccessDescription(AccessDescription.id_ad_caIssuers, new GeneralName(GeneralName.uniformResourceIdentifier,
            URLS.issuingCertificate())))));
  }

  @Test
  void anLdapCrlAddressBreaksRevocationPointers() {
    breaksOnly("RevocationPointers", withExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(
        new DistributionPoint[] {new DistributionPoint(new DistributionPointName(new GeneralNames(new GeneralName(
            GeneralName.uniformResourceIdentifier, "ldap://ca.example.org/cn=crl"))), null, null)})));
  }

  @Test
  void aSmallRsaKeyBreaksAcceptedKey() {
    TBSCertificate small = broken(g -> g.setSubjectPublicKeyInfo(SubjectPublicKeyInfo.getInstance(smallRsa().getEncoded())));
    // keyAgreement on an RSA key breaks KeyUsageForKey too: this draft swapped an EC key for RSA.
    assertThat(broke(small)).anyMatch(v -> v.startsWith("AcceptedKey: an RSA key of 1024 bits"));
  }

  @Test
  void aKeyOnAnotherCurveBreaksAcceptedKey() {
    SubjectPublicKeyInfo k1 = new SubjectPublicKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey,
        SECObjectIdentifiers.secp256k1), new DERBitString(SubjectPublicKeyInfo.getInstance(EC_KEY.getPublic().getEncoded())
        .getPublicKeyData().getBytes()).getBytes());
    breaksOnly("AcceptedKey", broken(g -> g.setSubjectPublicKeyInfo(k1)));
  }

  private static PublicKey smallRsa() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(1024);
      return g.generateKeyPair().getPublic();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
