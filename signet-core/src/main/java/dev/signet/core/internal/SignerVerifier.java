package dev.signet.core.internal;

import dev.signet.core.AlgorithmPolicy;
import dev.signet.core.ContentCipher;
import dev.signet.core.DigestAlgorithm;
import dev.signet.core.Limits;
import dev.signet.core.PathSettings;
import dev.signet.core.PolicySetting;
import dev.signet.core.Problem;
import dev.signet.core.ProblemCode;
import dev.signet.core.ReadOptions;
import dev.signet.core.ReceiptRequest;
import dev.signet.core.SignedReceiptRequest;
import dev.signet.core.Severity;
import dev.signet.core.SignerReport;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAParams;
import java.security.interfaces.DSAPublicKey;
import java.security.spec.DSAPublicKeySpec;
import java.time.Duration;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.BERTags;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.cms.RecipientKeyIdentifier;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.smime.SMIMEAttributes;
import org.bouncycastle.asn1.smime.SMIMECapability;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.selector.X509CertificateHolderSelector;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignerDigestMismatchException;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.util.Store;

/** Judges each signer of a SignedData: the signature, the algorithms, the certificate and its chain. */
final class SignerVerifier {
  private static final String EMAIL_PROTECTION = "1.3.6.1.5.5.7.3.4";
  private static final String ANY_EKU = "2.5.29.37.0";
  private final ReadOptions options;
  private final TrustEvaluator trust;
  private final int maxCertificates;
  private final Instant at;

  record Outcome(List<SignerReport> signers, List<Problem> problems) {}

  SignerVerifier(ReadOptions options, Limits limits, Instant at) {
    this.options = options;
    this.trust = new TrustEvaluator(options.trustAnchors(), RevocationChecker.of(options), IssuerSource.of(options),
        PathSettings.defaults().withMaxChainLength(limits.maxChainLength())
            .withMaxNameConstraintChecks(limits.maxNameConstraintChecks()));
    this.maxCertificates = limits.maxCertificates();
    this.at = at;
  }

  /**
   * Judges every signer, one by one; with {@code identity}, also whether the good signatures bind
   * the message's From and Sender mailboxes (the address in angle brackets is what counts).
   */
  Outcome verify(Collection<SignerInformation> signerInfos, Store<X509CertificateHolder> certStore,
      Optional<ClaimedIdentity> identity) {
    return verify(signerInfos, certStore, identity, oid -> true);
  }

  /**
   * As {@link #verify(Collection, Store, Optional)}, for content digested only with the algorithms
   * {@code digested} accepts (a clear signature's micalg): a signer whose digest is another is still
   * judged and listed, its signature not valid, with the reason.
   */
  Outcome verify(Collection<SignerInformation> signerInfos, Store<X509CertificateHolder> certStore,
      Optional<ClaimedIdentity> identity, Predicate<String> digested) {
    List<X509Certificate> pool = certificates(certStore);
    pool.addAll(options.intermediates());
    List<SignerReport> reports = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    if (signerInfos.isEmpty()) {
      problems.add(Problem.of(ProblemCode.NO_SIGNERS, "the signed layer has no signers"));
    }
    for (SignerInformation signer : signerInfos) {
      boolean checkable = digested.test(signer.getDigestAlgOID());
      if (!checkable) {
        problems.add(Problem.of(ProblemCode.BAD_SIGNATURE, "the signature's digest algorithm " + digestName(signer)
            + " does not match the micalg parameter: the content was not digested with it"));
      }
      reports.add(judgeAny(signer, certStore, pool, problems, SignerReport.Role.CONTENT, checkable));
      for (SignerInformation counter : signer.getCounterSignatures().getSigners()) {
        reports.add(judgeAny(counter, certStore, pool, problems, SignerReport.Role.COUNTER_SIGNATURE, true));
      }
    }
    List<SignerReport> good = reports.stream()
        .filter(r -> r.signatureValid() && r.role() == SignerReport.Role.CONTENT).toList();
    if (!good.isEmpty()) {
      identity.ifPresent(id -> problems.addAll(SenderBinding.check(id, good)));
      Duration skew = Duration.ofMinutes(options.policy().effective(PolicySetting.SIGNING_TIME_SKEW));
      identity.ifPresent(id -> problems.addAll(SigningTimeBinding.check(id.date(), good, skew)));
    }
    return new Outcome(reports, problems);
  }

  private SignerReport judgeAny(SignerInformation signer, Store<X509CertificateHolder> certStore,
      List<X509Certificate> pool, List<Problem> problems, SignerReport.Role role, boolean checkable) {
    Optional<X509Certificate> cert = findCertificate(signer, certStore);
    return cert.isPresent() ? judge(signer, cert.get(), certStore, pool, problems, role, checkable)
        : unknownSigner(signer, problems, role);
  }

  private SignerReport judge(SignerInformation signer, X509Certificate cert, Store<X509CertificateHolder> certStore,
      List<X509Certificate> pool, List<Problem> problems, SignerReport.Role role, boolean checkable) {
    String digestName = digestName(signer);
    String signatureName = new DefaultAlgorithmNameFinder().getAlgorithmName(signer.getEncryptionAlgOID() == null
        ? null : new org.bouncycastle.asn1.ASN1ObjectIdentifier(signer.getEncryptionAlgOID()));
    checkDigest(signer, problems);
    List<X509Certificate> issuers = new ArrayList<>(pool);
    issuers.addAll(options.trustAnchors());
    PublicKey key = withInheritedParameters(cert.getPublicKey(), cert, issuers);
    AlgorithmRegistry.keyWeakness(key).ifPresent(w -> algorithmProblem("the signer uses a " + w, problems));
    DigestAlgorithm.fromOid(signer.getDigestAlgOID()).flatMap(d -> AlgorithmRegistry.digestTooWeak(key, d))
        .ifPresent(w -> problems.add(Problem.of(ProblemCode.WEAK_ALGORITHM, "the signature's digest " + w)));
    boolean valid = checkable && signatureHolds(signer, key, problems);
    checkKeyUsage(cert, problems);
    TrustEvaluator.Result chain = trust.evaluate(cert, pool, at);
    problems.addAll(chain.problems());
    Optional<SignerReport.EncryptionCertificate> encryption = valid
        ? preferredCertificate(signer, cert, certStore).map(c -> judgeEncryptionCertificate(c, cert, chain, pool))
        : Optional.empty();
    return new SignerReport(CertificateEmails.of(cert), cert.getSubjectX500Principal().getName(),
        cert.getIssuerX500Principal().getName(), cert.getSerialNumber().toString(16), valid, chain.trust(),
        chain.revocation(), signingTime(signer), digestName, signatureName, role, Optional.of(cert),
        capabilities(signer), essAttribute(signer, EssEncoding.RECEIPT_REQUEST, EssEncoding::receiptRequest, problems)
            .flatMap(r -> signed(r, signer)),
        essAttribute(signer, EssEncoding.SECURITY_LABEL, EssEncoding::securityLabel, problems), encryption);
  }

  /**
   * The certificate the signer's SMIMEEncryptionKeyPreference names (RFC 8551 section 2.5.3): its own,
   * or one the message carried. A malformed attribute, or one naming a certificate the message does
   * not carry, names nothing.
   */
  private static Optional<X509Certificate> preferredCertificate(SignerInformation signer, X509Certificate own,
      Store<X509CertificateHolder> certStore) {
    Optional<X509CertificateHolderSelector> named = encryptionKeyPreference(signer);
    if (named.isEmpty()) {
      return Optional.empty();
    }
    if (named.get().match(holder(own))) {
      return Optional.of(own);
    }
    @SuppressWarnings("unchecked")
    Collection<X509CertificateHolder> matches = certStore.getMatches(named.get());
    return matches.stream().findFirst().map(SignerVerifier::convert);
  }

  /** The signed SMIMEEncryptionKeyPreference attribute as a certificate selector; empty when absent or malformed. */
  private static Optional<X509CertificateHolderSelector> encryptionKeyPreference(SignerInformation signer) {
    AttributeTable attrs = signer.getSignedAttributes();
    ASN1EncodableVector found = attrs == null ? new ASN1EncodableVector()
        : attrs.getAll(SMIMEAttributes.encrypKeyPref);
    if (found.size() != 1 || ((Attribute) found.get(0)).getAttrValues().size() != 1) {
      return Optional.empty();
    }
    try {
      ASN1TaggedObject choice =
          ASN1TaggedObject.getInstance(((Attribute) found.get(0)).getAttrValues().getObjectAt(0));
      if (choice.getTagClass() != BERTags.CONTEXT_SPECIFIC) {
        return Optional.empty();
      }
      return switch (choice.getTagNo()) {
        case 0 -> {
          IssuerAndSerialNumber id = IssuerAndSerialNumber.getInstance(ASN1Sequence.getInstance(choice, false));
          yield Optional.of(new X509CertificateHolderSelector(id.getName(), id.getSerialNumber().getValue()));
        }
        case 1 -> Optional.of(new X509CertificateHolderSelector(
            RecipientKeyIdentifier.getInstance(choice, false).getSubjectKeyIdentifier().getOctets()));
        case 2 -> Optional.of(
            new X509CertificateHolderSelector(ASN1OctetString.getInstance(choice, false).getOctets()));
        default -> Optional.empty();
      };
    } catch (RuntimeException e) {
      return Optional.empty(); // a malformed preference names no certificate
    }
  }

  /**
   * Judges the preferred certificate apart from the signer: it is trusted only when the signer is and
   * it chains to the same anchor. What is found about it is not a problem of the message.
   */
  private SignerReport.EncryptionCertificate judgeEncryptionCertificate(X509Certificate preferred,
      X509Certificate signerCertificate, TrustEvaluator.Result signerChain, List<X509Certificate> pool) {
    if (preferred.equals(signerCertificate)) {
      return new SignerReport.EncryptionCertificate(preferred, signerChain.trust(), signerChain.revocation());
    }
    if (signerChain.trust() != SignerReport.Trust.TRUSTED) {
      return new SignerReport.EncryptionCertificate(preferred, SignerReport.Trust.UNTRUSTED,
          SignerReport.Revocation.UNKNOWN);
    }
    TrustEvaluator.Result chain = trust.evaluate(preferred, pool, at);
    boolean sameAnchor = chain.anchor().isPresent() && chain.anchor().equals(signerChain.anchor());
    return new SignerReport.EncryptionCertificate(preferred,
        chain.trust() == SignerReport.Trust.TRUSTED && sameAnchor ? SignerReport.Trust.TRUSTED
            : SignerReport.Trust.UNTRUSTED, chain.revocation());
  }

  private SignerReport unknownSigner(SignerInformation signer, List<Problem> problems, SignerReport.Role role) {
    var sid = signer.getSID();
    String issuer = sid.getIssuer() == null ? "unknown" : sid.getIssuer().toString();
    String serial = sid.getSerialNumber() == null ? "" : sid.getSerialNumber().toString(16);
    problems.add(Problem.of(ProblemCode.SIGNER_CERT_MISSING,
        "the signer's certificate is not in the message (issuer " + issuer + ", serial " + serial + ")"));
    return new SignerReport(List.of(), "unknown", issuer, serial, false, SignerReport.Trust.UNTRUSTED,
        SignerReport.Revocation.UNKNOWN, signingTime(signer), digestName(signer), signer.getEncryptionAlgOID(), role,
        Optional.empty(), capabilities(signer), Optional.empty(), Optional.empty(), Optional.empty());
  }

  private static String digestName(SignerInformation signer) {
    return DigestAlgorithm.fromOid(signer.getDigestAlgOID()).map(DigestAlgorithm::jcaName).orElse(signer.getDigestAlgOID());
  }

  private void checkDigest(SignerInformation signer, List<Problem> problems) {
    Optional<DigestAlgorithm> digest = DigestAlgorithm.fromOid(signer.getDigestAlgOID());
    if (digest.isEmpty()) {
      problems.add(Problem.of(ProblemCode.WEAK_ALGORITHM, "unknown digest algorithm " + signer.getDigestAlgOID()));
    } else if (digest.get().isLegacy()) {
      algorithmProblem("the signature uses " + digest.get().jcaName(), problems);
    }
  }

  /** Under the baseline a legacy algorithm is an error; under the legacy policy, a warning. */
  private void algorithmProblem(String what, List<Problem> problems) {
    if (options.algorithms() == AlgorithmPolicy.LEGACY_READ) {
      problems.add(new Problem(ProblemCode.LEGACY_ALGORITHM, Severity.WARNING, Optional.of("legacy algorithms"),
          what + ", accepted only to read old mail"));
    } else {
      problems.add(Problem.of(ProblemCode.WEAK_ALGORITHM, what + ", which is no longer accepted"));
    }
  }

  private static boolean signatureHolds(SignerInformation signer, PublicKey key, List<Problem> problems) {
    if (PostQuantum.of(key).isPresent() && signer.getSignedAttributes() == null) {
      problems.add(Problem.of(ProblemCode.UNSUPPORTED_ALGORITHM, "a post-quantum signature without signed attributes"
          + " (over the whole content) is not supported: a streaming reader would have to hold the content"));
      return false;
    }
    if (AlgorithmRegistry.isEd25519(key) && signer.getSignedAttributes() == null) {
      problems.add(Problem.of(ProblemCode.UNSUPPORTED_ALGORITHM, "Ed25519 without signed attributes (pure EdDSA over"
          + " the whole content) is not supported: a streaming reader would have to hold the content until the"
          + " signature arrives"));
      return false;
    }
    try {
      var verifier = AlgorithmRegistry.signatureVerifier(key, signer.getSignedAttributes() != null);
      if (signer.verify(verifier) || AsEncoded.of(signer).map(s -> verifiesAsEncoded(s, verifier)).orElse(false)) {
        return true;
      }
      problems.add(Problem.of(ProblemCode.BAD_SIGNATURE, "the signature value does not verify"));
    } catch (CMSSignerDigestMismatchException e) {
      problems.add(Problem.of(ProblemCode.BAD_SIGNATURE, "the content was altered after signing (digest mismatch)"));
    } catch (CMSException | OperatorCreationException | RuntimeException e) {
      problems.add(Problem.of(ProblemCode.BAD_SIGNATURE, "the signature cannot be verified: " + e.getMessage()));
    }
    return false;
  }

  private static boolean verifiesAsEncoded(SignerInformation signer, SignerInformationVerifier verifier) {
    try {
      return signer.verify(verifier);
    } catch (CMSException e) {
      return false;
    }
  }

  /**
   * The signer with its signed attributes as they were encoded in the message. Some producers
   * (RFC 4134 example 4.10 among them) signed a SET whose elements are not in DER order; the DER
   * re-encoding then differs from the bytes that were signed. The attributes we read are the same
   * either way: only the order of encoding differs.
   */
  private static final class AsEncoded extends SignerInformation {
    private final byte[] encoded;

    private AsEncoded(SignerInformation base, byte[] encoded) {
      super(base);
      this.encoded = encoded;
    }

    static Optional<SignerInformation> of(SignerInformation signer) {
      var attributes = signer.toASN1Structure().getAuthenticatedAttributes();
      if (attributes == null) {
        return Optional.empty();
      }
      try {
        byte[] asSent = attributes.getEncoded(ASN1Encoding.DL);
        return java.util.Arrays.equals(asSent, signer.getEncodedSignedAttributes())
            ? Optional.empty() : Optional.of(new AsEncoded(signer, asSent));
      } catch (java.io.IOException e) {
        return Optional.empty();
      }
    }

    @Override
    public byte[] getEncodedSignedAttributes() {
      return encoded.clone();
    }
  }

  private static void checkKeyUsage(X509Certificate cert, List<Problem> problems) {
    boolean[] ku = cert.getKeyUsage();
    if (ku != null && !(ku[0] || ku[1])) {
      problems.add(Problem.of(ProblemCode.WRONG_KEY_USAGE,
          "the signer's certificate does not allow digital signatures (key usage)"));
    }
    try {
      List<String> eku = cert.getExtendedKeyUsage();
      if (eku != null && !eku.contains(EMAIL_PROTECTION) && !eku.contains(ANY_EKU)) {
        problems.add(Problem.of(ProblemCode.WRONG_KEY_USAGE,
            "the signer's certificate is not for email protection (extended key usage)"));
      }
    } catch (java.security.cert.CertificateParsingException e) {
      problems.add(Problem.of(ProblemCode.WRONG_KEY_USAGE, "the extended key usage cannot be read"));
    }
  }

  private static Optional<Instant> signingTime(SignerInformation signer) {
    AttributeTable attrs = signer.getSignedAttributes();
    Attribute attr = attrs == null ? null : attrs.get(CMSAttributes.signingTime);
    if (attr == null || attr.getAttrValues().size() != 1) {
      return Optional.empty();
    }
    try {
      return Optional.of(instant(Time.getInstance(attr.getAttrValues().getObjectAt(0))));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * {@code time} as an instant. The forms DER asks for, to the second in UTC, are read here; any other
   * (or an impossible date) as Bouncy Castle reads it, whose getDate makes a SimpleDateFormat each time
   * (several microseconds, for each signer of each message).
   */
  static Instant instant(Time time) {
    ASN1Primitive value = time.toASN1Primitive();
    // UTCTime as YYMMDDHHMMSSGMT+00:00 (Bouncy Castle's rewriting), GeneralizedTime as written
    String text = value instanceof ASN1UTCTime utc ? utc.getTime()
        : value instanceof ASN1GeneralizedTime general ? general.getTimeString() : "";
    String zone = value instanceof ASN1UTCTime ? "GMT+00:00" : "Z";
    String digits = text.endsWith(zone) ? text.substring(0, text.length() - zone.length()) : "";
    int yearDigits = value instanceof ASN1UTCTime ? 2 : 4;
    if (digits.length() == yearDigits + 10 && digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      int year = Integer.parseInt(digits.substring(0, yearDigits));
      if (yearDigits == 2) {
        year += year < 50 ? 2000 : 1900; // RFC 5280 section 4.1.2.5.1
      }
      try {
        if (year < 1950) {
          throw new DateTimeException("before 1950: the Julian calendar of SimpleDateFormat may differ");
        }
        return LocalDateTime.of(year, two(digits, yearDigits), two(digits, yearDigits + 2), two(digits, yearDigits + 4),
            two(digits, yearDigits + 6), two(digits, yearDigits + 8)).toInstant(ZoneOffset.UTC);
      } catch (DateTimeException e) {
        // Bouncy Castle's reading is lenient (a 13th month is the next year's first): keep it.
      }
    }
    return time.getDate().toInstant();
  }

  private static int two(String digits, int at) {
    return Integer.parseInt(digits, at, at + 2, 10);
  }

  /** The ciphers of the signed SMIMECapabilities attribute that we know, in the signer's order (RFC 8551 2.5.2). */
  private static List<ContentCipher> capabilities(SignerInformation signer) {
    AttributeTable attrs = signer.getSignedAttributes();
    Attribute attr = attrs == null ? null : attrs.get(SMIMEAttributes.smimeCapabilities);
    if (attr == null || attr.getAttrValues().size() != 1) {
      return List.of();
    }
    try {
      List<ContentCipher> ciphers = new ArrayList<>();
      for (var element : ASN1Sequence.getInstance(attr.getAttrValues().getObjectAt(0))) {
        ContentCipher.fromOid(SMIMECapability.getInstance(element).getCapabilityID().getId())
            .filter(c -> !ciphers.contains(c)).ifPresent(ciphers::add);
      }
      return ciphers;
    } catch (RuntimeException e) {
      return List.of(); // a malformed attribute tells us nothing the sender can read
    }
  }

  /** An ESS signed attribute: one value, decoded; anything else is a problem, as the signer vouched for it. */
  private static <T> Optional<T> essAttribute(SignerInformation signer, ASN1ObjectIdentifier type,
      Function<byte[], T> decoder, List<Problem> problems) {
    AttributeTable attrs = signer.getSignedAttributes();
    ASN1EncodableVector found = attrs == null ? new ASN1EncodableVector() : attrs.getAll(type);
    if (found.size() == 0) {
      return Optional.empty();
    }
    try {
      Attribute attr = (Attribute) found.get(0);
      if (found.size() != 1 || attr.getAttrValues().size() != 1) {
        throw new dev.signet.core.MalformedInputException("more than one " + type.getId() + " attribute value");
      }
      return Optional.of(decoder.apply(EssEncoding.encode(attr.getAttrValues().getObjectAt(0))));
    } catch (dev.signet.core.MalformedInputException e) {
      problems.add(Problem.of(ProblemCode.MALFORMED, "a signed attribute: " + e.getMessage()));
      return Optional.empty();
    }
  }

  /**
   * The request with what binds a receipt to this signer's signature (RFC 2634 section 2.8); none
   * under a digest we do not know, as no receipt could be checked against it.
   */
  private static Optional<SignedReceiptRequest> signed(ReceiptRequest request, SignerInformation signer) {
    Optional<DigestAlgorithm> digest = DigestAlgorithm.fromOid(signer.getDigestAlgOID());
    if (digest.isEmpty() || signer.getContentType() == null) {
      return Optional.empty();
    }
    try {
      byte[] msgSigDigest = MessageDigest.getInstance(digest.get().jcaName()).digest(signer.getEncodedSignedAttributes());
      return Optional.of(new SignedReceiptRequest(request, signer.getContentType().getId(), signer.getSignature(),
          msgSigDigest));
    } catch (GeneralSecurityException | java.io.IOException e) {
      return Optional.empty();
    }
  }

  /** A DSA key without parameters takes its issuer's (RFC 3279 section 2.3.2). */
  private static PublicKey withInheritedParameters(PublicKey key, X509Certificate cert, List<X509Certificate> pool) {
    if (!(key instanceof DSAPublicKey dsa) || dsa.getParams() != null) {
      return key;
    }
    for (X509Certificate c : pool) {
      if (c.getSubjectX500Principal().equals(cert.getIssuerX500Principal())
          && c.getPublicKey() instanceof DSAPublicKey issuer && issuer.getParams() != null) {
        DSAParams p = issuer.getParams();
        try {
          BigInteger y = dsa.getY();
          return KeyFactory.getInstance("DSA").generatePublic(new DSAPublicKeySpec(y, p.getP(), p.getQ(), p.getG()));
        } catch (GeneralSecurityException e) {
          return key;
        }
      }
    }
    return key;
  }

  private Optional<X509Certificate> findCertificate(SignerInformation signer, Store<X509CertificateHolder> store) {
    @SuppressWarnings("unchecked")
    Collection<X509CertificateHolder> matches = store.getMatches(signer.getSID());
    Optional<X509Certificate> inMessage = matches.stream().findFirst().map(SignerVerifier::convert);
    if (inMessage.isPresent()) {
      return inMessage;
    }
    // A signature may leave the signer's certificate out (RFC 5652 5.1): the caller may supply it.
    return options.intermediates().stream().filter(c -> signer.getSID().match(holder(c))).findFirst();
  }

  private static X509CertificateHolder holder(X509Certificate cert) {
    try {
      return new X509CertificateHolder(cert.getEncoded());
    } catch (java.security.cert.CertificateEncodingException | java.io.IOException e) {
      throw new IllegalStateException("a certificate given to the reader cannot be encoded", e);
    }
  }

  private List<X509Certificate> certificates(Store<X509CertificateHolder> store) {
    Collection<X509CertificateHolder> all = store.getMatches(null);
    if (all.size() > maxCertificates) {
      throw new dev.signet.core.MalformedInputException("more than " + maxCertificates + " certificates in a signature");
    }
    List<X509Certificate> out = new ArrayList<>();
    all.forEach(h -> out.add(convert(h)));
    return out;
  }

  private static X509Certificate convert(X509CertificateHolder holder) {
    try {
      return new JcaX509CertificateConverter().getCertificate(holder);
    } catch (CertificateException e) {
      throw new dev.signet.core.MalformedInputException("unreadable certificate in the message: " + ErrorText.of(e), e);
    }
  }
}
