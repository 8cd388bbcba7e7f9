package dev.signet.core.internal;

import dev.signet.core.ContentCipher;
import dev.signet.core.DigestAlgorithm;
import dev.signet.core.EncryptOptions;
import dev.signet.core.KeyTransport;
import dev.signet.core.Layer;
import dev.signet.core.Limits;
import dev.signet.core.ReceiptRequest;
import dev.signet.core.SignOptions;
import dev.signet.core.SignedReceiptRequest;
import dev.signet.core.UnsupportedAlgorithmException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAESOAEPparams;
import org.bouncycastle.asn1.smime.SMIMECapabilitiesAttribute;
import org.bouncycastle.asn1.smime.SMIMECapabilityVector;
import org.bouncycastle.asn1.smime.SMIMEEncryptionKeyPreferenceAttribute;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAuthEnvelopedDataStreamGenerator;
import org.bouncycastle.cms.CMSEnvelopedDataStreamGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedDataStreamGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.RecipientInfoGenerator;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKEMRecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputAEADEncryptor;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Writes signed and encrypted S/MIME messages in one streaming pass. */
public final class SmimeWriter {
  /** Encapsulated content goes out in BER octet-string chunks of this size. */
  private static final int BER_CHUNK = 64 * 1024;
  private static final String SIGNED_PREAMBLE = "This is an S/MIME signed message\r\n";
  private final Limits limits;
  private final Clock clock;
  private final SecureRandom random;

  public SmimeWriter(Limits limits, Clock clock, SecureRandom random) {
    this.limits = limits;
    this.clock = clock;
    this.random = random;
  }

  /** Signs; returns the receipt request as signed, when the options carry one, for the sender to keep. */
  public Optional<SignedReceiptRequest> sign(InputStream message, SignOptions options, OutputStream out)
      throws IOException {
    return sign(message, options, HeaderProtection.NONE, out);
  }

  /** Signs, the header fields protected as {@code protection} says; returns as {@link #sign(InputStream, SignOptions, OutputStream)}. */
  public Optional<SignedReceiptRequest> sign(InputStream message, SignOptions options, HeaderProtection protection,
      OutputStream out) throws IOException {
    MimeInput in = new MimeInput(message);
    Message msg = Message.split(in, limits, protection);
    DigestAlgorithm digest = AlgorithmRegistry.signingDigest(options.signer().privateKey(), options.digest());
    SignatureWitness witness = new SignatureWitness();
    CMSSignedDataStreamGenerator gen = signedDataGenerator(options, digest, witness);
    EntityCanonicalizer canon = new EntityCanonicalizer(EntityCanonicalizer.Target.SEVEN_BIT, limits, random)
        .withLegacyDisplay(msg.legacyDisplay());
    if (options.format() == Layer.SignedFormat.CLEAR) {
      String boundary = boundary();
      msg.outer().writeCanonical(out);
      ascii(out, "MIME-Version: 1.0\r\nContent-Type: multipart/signed; protocol=\"application/pkcs7-signature\";"
          + " micalg=" + digest.micalg() + "; boundary=\"" + boundary + "\"\r\n\r\n" + SIGNED_PREAMBLE
          + "\r\n--" + boundary + "\r\n");
      ByteArrayOutputStream signature = new ByteArrayOutputStream();
      try (OutputStream digester = gen.open(signature, false)) {
        canon.write(msg.entity(), in, new TeeOutputStream(out, digester), 0);
      }
      ascii(out, "\r\n--" + boundary + "\r\nContent-Type: application/pkcs7-signature; name=\"smime.p7s\"\r\n"
          + "Content-Transfer-Encoding: base64\r\n"
          + "Content-Disposition: attachment; filename=\"smime.p7s\"\r\n\r\n");
      try (OutputStream b64 = new Base64Encoding(out)) {
        b64.write(DefiniteLengths.der(signature.toByteArray()));
      }
      ascii(out, "\r\n--" + boundary + "--\r\n");
    } else {
      writePkcs7MimeHeaders(msg.outer(), "signed-data", out);
      try (OutputStream b64 = new Base64Encoding(out); OutputStream encoding = new WriteBehindStream(b64);
          OutputStream cms = new DefiniteLengths(encoding, DefiniteLengths.LIMIT);
          OutputStream content = gen.open(cms, true)) {
        canon.write(msg.entity(), in, content, 0);
      }
      ascii(out, "\r\n");
    }
    out.flush();
    return options.receiptRequest().map(r -> witness.signed(r, digest));
  }

  /**
   * A DER SignedData over empty content that carries the signer's chain, {@code alsoCarried} and our
   * signed S/MIME capabilities: the userSMIMECertificate value enterprise clients publish.
   */
  public byte[] signedCertificates(SignOptions options, List<X509Certificate> alsoCarried) throws IOException {
    DigestAlgorithm digest = AlgorithmRegistry.signingDigest(options.signer().privateKey(), options.digest());
    CMSSignedDataStreamGenerator gen = signedDataGenerator(options, digest, new SignatureWitness());
    ByteArrayOutputStream signed = new ByteArrayOutputStream();
    List<X509Certificate> carried = options.sendCertificates() ? travellingCertificates(options) : List.of();
    List<X509Certificate> extra = alsoCarried.stream().filter(c -> !carried.contains(c)).distinct().toList();
    try {
      gen.addCertificates(new JcaCertStore(extra));
      gen.open(signed, true).close();
    } catch (GeneralSecurityException | CMSException e) {
      throw new UnsupportedAlgorithmException("cannot carry these certificates: " + e.getMessage());
    }
    return DefiniteLengths.der(signed.toByteArray());
  }

  public void encrypt(InputStream message, EncryptOptions options, OutputStream out) throws IOException {
    encrypt(message, options, HeaderProtection.NONE, out);
  }

  /** Encrypts, the header fields protected as {@code protection} says. */
  public void encrypt(InputStream message, EncryptOptions options, HeaderProtection protection, OutputStream out)
      throws IOException {
    MimeInput in = new MimeInput(message);
    Message msg = Message.split(in, limits, protection);
    ContentCipher cipher = options.cipher();
    EntityCanonicalizer canon = new EntityCanonicalizer(EntityCanonicalizer.Target.EIGHT_BIT, limits, random)
        .withLegacyDisplay(msg.legacyDisplay());
    writePkcs7MimeHeaders(msg.outer(), cipher.authenticated() ? "authEnveloped-data" : "enveloped-data", out);
    try {
      OutputEncryptor encryptor = new JceCMSContentEncryptorBuilder(AlgorithmRegistry.oid(cipher))
          .setSecureRandom(random).build();
      List<RecipientInfoGenerator> recipients = new ArrayList<>();
      for (X509Certificate cert : options.recipients()) {
        recipients.add(recipientInfo(cert, options.keyTransport(), cipher));
      }
      try (OutputStream b64 = new Base64Encoding(out); OutputStream encoding = new WriteBehindStream(b64);
          OutputStream cms = new DefiniteLengths(encoding, DefiniteLengths.LIMIT);
          OutputStream content = openEnvelope(cipher, recipients, encryptor, cms)) {
        canon.write(msg.entity(), in, content, 0);
      }
    } catch (CMSException | GeneralSecurityException e) {
      throw new IOException("cannot encrypt: " + e.getMessage(), e);
    }
    ascii(out, "\r\n");
    out.flush();
  }

  private static OutputStream openEnvelope(ContentCipher cipher, List<RecipientInfoGenerator> recipients,
      OutputEncryptor encryptor, OutputStream out) throws CMSException, IOException {
    if (cipher.authenticated()) {
      CMSAuthEnvelopedDataStreamGenerator gen = new CMSAuthEnvelopedDataStreamGenerator();
      gen.setBufferSize(BER_CHUNK);
      recipients.forEach(gen::addRecipientInfoGenerator);
      return gen.open(out, (OutputAEADEncryptor) encryptor);
    }
    CMSEnvelopedDataStreamGenerator gen = new CMSEnvelopedDataStreamGenerator();
    gen.setBufferSize(BER_CHUNK);
    recipients.forEach(gen::addRecipientInfoGenerator);
    return gen.open(out, encryptor);
  }

  private RecipientInfoGenerator recipientInfo(X509Certificate cert, KeyTransport transport, ContentCipher cipher)
      throws GeneralSecurityException, CMSException {
    PublicKey key = cert.getPublicKey();
    if (PostQuantum.of(key).filter(PostQuantum.ML_KEM::equals).isPresent()) {
      return kemRecipientInfo(cert);
    }
    if (key instanceof RSAPublicKey) {
      if (transport == KeyTransport.RSA_OAEP) {
        AlgorithmIdentifier sha256 = new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256, DERNull.INSTANCE);
        RSAESOAEPparams params = new RSAESOAEPparams(sha256,
            new AlgorithmIdentifier(PKCSObjectIdentifiers.id_mgf1, sha256), RSAESOAEPparams.DEFAULT_P_SOURCE_ALGORITHM);
        return new JceKeyTransRecipientInfoGenerator(cert,
            new AlgorithmIdentifier(PKCSObjectIdentifiers.id_RSAES_OAEP, params));
      }
      return new JceKeyTransRecipientInfoGenerator(cert);
    }
    ASN1ObjectIdentifier wrap = cipher.keyBits() > 128 ? CMSAlgorithm.AES256_WRAP : CMSAlgorithm.AES128_WRAP;
    KeyPairGenerator ephemeral;
    ASN1ObjectIdentifier agreement;
    if (key instanceof ECPublicKey ec) {
      ephemeral = KeyPairGenerator.getInstance("EC", AlgorithmRegistry.bc());
      ephemeral.initialize(ec.getParams(), random);
      agreement = CMSAlgorithm.ECDH_SHA256KDF;
    } else if (key.getAlgorithm().equalsIgnoreCase("XDH") || key.getAlgorithm().equalsIgnoreCase("X25519")) {
      ephemeral = KeyPairGenerator.getInstance("X25519", AlgorithmRegistry.bc());
      // Bouncy Castle runs X25519 only under the HKDF scheme; its X9.63-KDF OID is wired to EC ECDH.
      agreement = CMSAlgorithm.ECDH_HKDF_SHA256;
    } else {
      throw new UnsupportedAlgorithmException("cannot encrypt to a " + key.getAlgorithm() + " certificate: "
          + cert.getSubjectX500Principal().getName());
    }
    var pair = ephemeral.generateKeyPair();
    return new JceKeyAgreeRecipientInfoGenerator(agreement, pair.getPrivate(), pair.getPublic(), wrap)
        .setProvider(AlgorithmRegistry.bc())
        .setSecureRandom(random)
        .addRecipient(cert);
  }

  /**
   * A KEMRecipientInfo (RFC 9629) as RFC 9936 profiles it for ML-KEM: HKDF-SHA256, and AES key wrap
   * of the strength of the parameter set.
   */
  private RecipientInfoGenerator kemRecipientInfo(X509Certificate cert) throws GeneralSecurityException {
    X509Certificate usable = new JcaX509CertificateConverter().setProvider(AlgorithmRegistry.bc())
        .getCertificate(new JcaX509CertificateHolder(cert));
    return new JceKEMRecipientInfoGenerator(usable, PostQuantum.kemKeyWrap(usable.getPublicKey()))
        .setKDF(new AlgorithmIdentifier(PKCSObjectIdentifiers.id_alg_hkdf_with_sha256))
        .setProvider(AlgorithmRegistry.bc())
        .setSecureRandom(random);
  }

  private CMSSignedDataStreamGenerator signedDataGenerator(SignOptions options, DigestAlgorithm digest,
      SignatureWitness witness) throws IOException {
    try {
      CMSSignedDataStreamGenerator gen = new CMSSignedDataStreamGenerator();
      gen.setBufferSize(BER_CHUNK);
      gen.addSignerInfoGenerator(signerInfo(options, digest, signedAttributes(options), random, witness::watching));
      if (options.sendCertificates()) {
        gen.addCertificates(new JcaCertStore(travellingCertificates(options)));
      }
      return gen;
    } catch (OperatorCreationException | GeneralSecurityException | CMSException e) {
      throw new UnsupportedAlgorithmException("cannot sign with this digital ID: " + e.getMessage());
    }
  }

  /** The signer {@code options} name, with these signed attributes (content type and digest are added to them). */
  static SignerInfoGenerator signerInfo(SignOptions options, DigestAlgorithm digest, AttributeTable attributes,
      SecureRandom random) throws OperatorCreationException, GeneralSecurityException {
    return signerInfo(options, digest, attributes, random, UnaryOperator.identity());
  }

  private static SignerInfoGenerator signerInfo(SignOptions options, DigestAlgorithm digest, AttributeTable attributes,
      SecureRandom random, UnaryOperator<ContentSigner> watch) throws OperatorCreationException, GeneralSecurityException {
    var id = options.signer();
    var contentSigner = new JcaContentSignerBuilder(AlgorithmRegistry.signatureName(id.privateKey(), digest,
        options.scheme())).setProvider(AlgorithmRegistry.signingProvider(id.privateKey(), options.scheme()))
        .setSecureRandom(random).build(PostQuantum.usable(id.privateKey()));
    return new JcaSignerInfoGeneratorBuilder(AlgorithmRegistry.contentDigests())
        .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(attributes))
        .build(watch.apply(contentSigner), id.certificate());
  }

  /**
   * Sees what the signer signs (the DER signed attributes) and the signature it makes: the two things
   * a receipt is bound to (RFC 2634 section 2.8), known here without reading the message back.
   */
  private static final class SignatureWitness {
    private final ByteArrayOutputStream signedAttributes = new ByteArrayOutputStream();
    private byte[] signature = new byte[0];

    ContentSigner watching(ContentSigner signer) {
      return new ContentSigner() {
        @Override
        public AlgorithmIdentifier getAlgorithmIdentifier() {
          return signer.getAlgorithmIdentifier();
        }

        @Override
        public OutputStream getOutputStream() {
          return new TeeOutputStream(signer.getOutputStream(), signedAttributes);
        }

        @Override
        public byte[] getSignature() {
          signature = signer.getSignature();
          return signature.clone();
        }
      };
    }

    SignedReceiptRequest signed(ReceiptRequest request, DigestAlgorithm digest) {
      try {
        byte[] msgSigDigest = MessageDigest.getInstance(digest.jcaName()).digest(signedAttributes.toByteArray());
        return new SignedReceiptRequest(request, CMSObjectIdentifiers.data.getId(), signature, msgSigDigest);
      } catch (GeneralSecurityException e) {
        throw new UnsupportedAlgorithmException("cannot digest the signed attributes: " + e.getMessage());
      }
    }
  }

  /**
   * Signing time, our S/MIME capabilities (the preferred cipher first, then the strongest; then the KEMs we
   * decrypt), signing-certificate-v2, and what the
   * options ask for: encryption-key preference, receipt request, security label.
   */
  private AttributeTable signedAttributes(SignOptions options) throws GeneralSecurityException {
    X509Certificate cert = options.signer().certificate();
    ASN1EncodableVector attrs = new ASN1EncodableVector();
    attrs.add(new Attribute(CMSAttributes.signingTime, new DERSet(new Time(Date.from(clock.instant())))));
    SMIMECapabilityVector caps = new SMIMECapabilityVector();
    capabilities(options.preferredCipher()).forEach(c -> caps.addCapability(new ASN1ObjectIdentifier(c.oid())));
    // ML-KEM recipients (RFC 9936: the algorithm identifier, parameters absent), strongest first
    caps.addCapability(NISTObjectIdentifiers.id_alg_ml_kem_1024);
    caps.addCapability(NISTObjectIdentifiers.id_alg_ml_kem_768);
    caps.addCapability(NISTObjectIdentifiers.id_alg_ml_kem_512);
    attrs.add(new SMIMECapabilitiesAttribute(caps));
    byte[] hash = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
    IssuerSerial issuerSerial = new IssuerSerial(
        new GeneralNames(new GeneralName(X500Name.getInstance(cert.getIssuerX500Principal().getEncoded()))),
        cert.getSerialNumber());
    SigningCertificateV2 signingCert = new SigningCertificateV2(new ESSCertIDv2(hash, issuerSerial));
    attrs.add(new Attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2, new DERSet(signingCert)));
    options.encryptionKeyPreference().ifPresent(c -> attrs.add(new SMIMEEncryptionKeyPreferenceAttribute(
        new IssuerAndSerialNumber(X500Name.getInstance(c.getIssuerX500Principal().getEncoded()), c.getSerialNumber()))));
    options.receiptRequest().ifPresent(r -> attrs.add(derAttribute(EssEncoding.RECEIPT_REQUEST, EssEncoding.der(r))));
    options.securityLabel().ifPresent(l -> attrs.add(derAttribute(EssEncoding.SECURITY_LABEL, EssEncoding.der(l))));
    return new AttributeTable(attrs);
  }

  /** The ciphers we write, in our order of preference: {@code preferred} first, then the strongest first. */
  static List<ContentCipher> capabilities(Optional<ContentCipher> preferred) {
    List<ContentCipher> order = new ArrayList<>();
    preferred.ifPresent(order::add);
    for (ContentCipher c : List.of(ContentCipher.AES_256_GCM, ContentCipher.AES_128_GCM, ContentCipher.AES_256_CBC,
        ContentCipher.AES_128_CBC)) {
      if (!order.contains(c)) {
        order.add(c);
      }
    }
    return order;
  }

  private static Attribute derAttribute(ASN1ObjectIdentifier type, byte[] der) {
    try {
      return new Attribute(type, new DERSet(ASN1Primitive.fromByteArray(der)));
    } catch (IOException e) {
      throw new IllegalStateException("our own encoding does not parse", e);
    }
  }

  /**
   * What a signature that sends certificates carries: the signer's chain without its root, then the
   * certificate the signer prefers to receive encrypted mail with (RFC 8551 section 2.5.3) and its
   * issuers without the root, each once.
   */
  static List<X509Certificate> travellingCertificates(SignOptions options) {
    List<X509Certificate> out = new ArrayList<>(travellingChain(options.signer().chain()));
    List<X509Certificate> encryption = options.encryptionKeyChain().isEmpty()
        ? options.encryptionKeyPreference().map(List::of).orElse(List.of())
        : travellingChain(options.encryptionKeyChain());
    encryption.stream().filter(c -> !out.contains(c)).forEach(out::add);
    return out;
  }

  /** The signer's chain without its root (a self-signed end entity travels, it is the signer). */
  static List<X509Certificate> travellingChain(List<X509Certificate> chain) {
    List<X509Certificate> out = new ArrayList<>();
    for (int i = 0; i < chain.size(); i++) {
      X509Certificate c = chain.get(i);
      boolean selfSigned = c.getSubjectX500Principal().equals(c.getIssuerX500Principal());
      if (i == 0 || !selfSigned) {
        out.add(c);
      }
    }
    return out;
  }

  private static void writePkcs7MimeHeaders(HeaderBlock outer, String smimeType, OutputStream out) throws IOException {
    outer.writeCanonical(out);
    ascii(out, "MIME-Version: 1.0\r\nContent-Type: application/pkcs7-mime; smime-type=" + smimeType
        + "; name=\"smime.p7m\"\r\nContent-Transfer-Encoding: base64\r\n"
        + "Content-Disposition: attachment; filename=\"smime.p7m\"\r\n\r\n");
  }

  private String boundary() {
    byte[] b = new byte[12];
    random.nextBytes(b);
    return "----=_signet_" + HexFormat.of().formatHex(b);
  }

  private static void ascii(OutputStream out, String s) throws IOException {
    out.write(s.getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * A message split into the RFC 5322 fields that stay outside and the entity that is protected, with
   * the legacy display text its main body part opens with, if header protection hides anything.
   */
  record Message(HeaderBlock outer, HeaderBlock entity, Optional<String> legacyDisplay) {
    static Message split(MimeInput in, Limits limits, HeaderProtection protection) throws IOException {
      HeaderBlock all = HeaderBlock.startsHeaders(in) ? HeaderBlock.read(in, limits) : HeaderBlock.empty();
      HeaderBlock outer = all.filter(f -> !f.isContentField() && !f.is("MIME-Version"));
      HeaderBlock entity = all.filter(HeaderField::isContentField);
      if (entity.first("Content-Type").isEmpty()) {
        entity = new HeaderBlock(List.of(HeaderField.of("Content-Type", "text/plain"))).withAll(entity);
      }
      HeaderProtection.Protected written = protection.apply(outer, entity);
      return new Message(written.outer(), written.entity(), written.legacyDisplay());
    }
  }

  /** Writes each byte to two streams. */
  static final class TeeOutputStream extends OutputStream {
    private final OutputStream a;
    private final OutputStream b;

    TeeOutputStream(OutputStream a, OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public void write(int c) throws IOException {
      a.write(c);
      b.write(c);
    }

    @Override
    public void write(byte[] buf, int off, int len) throws IOException {
      a.write(buf, off, len);
      b.write(buf, off, len);
    }
  }
}
