package dev.signet.testkit;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCSException;

/**
 * A small PKI built in code, once per JVM: an RSA root CA, an RSA intermediate CA below it, and one
 * end-entity e-mail certificate per {@link KeyKind}, issued by the intermediate. End-entity
 * certificates carry the address as SAN rfc822Name, the emailProtection extended key usage and the
 * key usages their key type allows. Validity runs from a day before the PKI was built to ten years
 * after, so external tools that check against the wall clock accept it.
 *
 * <p>Keys come from the JDK's providers; certificates are signed with Bouncy Castle's builders.
 */
public final class TestPki {
  /** The end-entity key types the PKI issues certificates for. */
  public enum KeyKind {
    RSA_2048("rsa2048"),
    RSA_3072("rsa3072"),
    EC_P256("ec-p256"),
    EC_P384("ec-p384"),
    EC_P521("ec-p521"),
    ED25519("ed25519"),
    X25519("x25519");

    private final String label;

    KeyKind(String label) {
      this.label = label;
    }

    /** A short lowercase label, used in e-mail addresses and file names. */
    public String label() {
      return label;
    }

    public boolean isRsa() {
      return this == RSA_2048 || this == RSA_3072;
    }

    public boolean isEc() {
      return this == EC_P256 || this == EC_P384 || this == EC_P521;
    }

    /** Whether a key of this kind can sign (X25519 cannot: it only agrees keys). */
    public boolean canSign() {
      return this != X25519;
    }

    /** Whether a key of this kind can receive encrypted mail (Ed25519 cannot). */
    public boolean canDecrypt() {
      return this != ED25519;
    }
  }

  /**
   * An end entity: its address, private key and chain (end entity, intermediate, root).
   */
  public record Identity(KeyKind kind, String email, PrivateKey privateKey, List<X509Certificate> chain) {
    public Identity {
      chain = List.copyOf(chain);
    }

    public X509Certificate certificate() {
      return chain.get(0);
    }

    /** The chain without the end entity (intermediate, root). */
    public List<X509Certificate> issuers() {
      return chain.subList(1, chain.size());
    }
  }

  private static final String DOMAIN = "signet.test";
  static final BouncyCastleProvider BC = new BouncyCastleProvider();
  private static final AtomicLong SERIALS = new AtomicLong(0x5161e7L << 16);

  private final Instant notBefore;
  private final Instant notAfter;
  private final SecureRandom random = new SecureRandom();
  private final PrivateKey rootKey;
  private final X509Certificate root;
  private final PrivateKey intermediateKey;
  private final X509Certificate intermediate;
  private final Map<KeyKind, Identity> identities = new EnumMap<>(KeyKind.class);

  private TestPki() {
    Instant now = Instant.now();
    this.notBefore = now.minus(Duration.ofDays(1));
    this.notAfter = now.plus(Duration.ofDays(3650));
    try {
      KeyPair rootPair = rsa(2048);
      X500Name rootName = new X500Name("CN=Signet Test Root CA,O=Signet Test PKI,C=NL");
      this.rootKey = rootPair.getPrivate();
      this.root = caCertificate(rootName, rootPair.getPublic(), rootName, rootPair.getPublic(), rootKey, null);
      KeyPair interPair = rsa(2048);
      X500Name interName = new X500Name("CN=Signet Test Intermediate CA,O=Signet Test PKI,C=NL");
      this.intermediateKey = interPair.getPrivate();
      this.intermediate = caCertificate(interName, interPair.getPublic(), rootName, rootPair.getPublic(), rootKey, 0);
      for (KeyKind kind : KeyKind.values()) {
        identities.put(kind, endEntity(kind));
      }
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("cannot build the test PKI", e);
    }
  }

  private static final class Holder {
    static final TestPki INSTANCE = new TestPki();
  }

  /** The PKI of this JVM, built on first use. */
  public static TestPki get() {
    return Holder.INSTANCE;
  }

  public X509Certificate root() {
    return root;
  }

  public X509Certificate intermediate() {
    return intermediate;
  }

  /** The trust anchors a verifier needs: just the root. */
  public List<X509Certificate> anchors() {
    return List.of(root);
  }

  public Identity identity(KeyKind kind) {
    return identities.get(kind);
  }

  // ---------------------------------------------------------------------------------------------
  // Files for external tools

  /** Writes certificates as concatenated PEM blocks to {@code file}, returning it. */
  public static Path writeCertificatesPem(Path file, List<X509Certificate> certs) {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
      for (X509Certificate c : certs) {
        pem.writeObject(c);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return write(file, text.toString().getBytes(StandardCharsets.US_ASCII));
  }

  /** Writes an unencrypted PKCS#8 key ({@code -----BEGIN PRIVATE KEY-----}) to {@code file}. */
  public static Path writePrivateKeyPem(Path file, PrivateKey key) {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
      pem.writeObject(new JcaPKCS8Generator(key, null));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return write(file, text.toString().getBytes(StandardCharsets.US_ASCII));
  }

  /** How a PKCS#12 file is protected. */
  public enum Pkcs12Protection {
    /**
     * What OpenSSL 3 writes by default: PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC) and an HMAC-SHA256
     * integrity MAC.
     */
    PBES2_AES_256,
    /**
     * pbeWithSHAAnd3-KeyTripleDES-CBC for key and certificates and an HMAC-SHA1 MAC: the only form
     * gpgsm 2.2 imports (its PKCS#12 parser stops at PBES2 parameters).
     */
    LEGACY_3DES_SHA1
  }

  /** Writes a PKCS#12 file as OpenSSL 3 does by default ({@link Pkcs12Protection#PBES2_AES_256}). */
  public static Path writePkcs12(Path file, Identity id, char[] password) {
    return writePkcs12(file, id, password, Pkcs12Protection.PBES2_AES_256);
  }

  /** Writes a PKCS#12 file holding the identity's key and whole chain, as {@code protection} says. */
  public static Path writePkcs12(Path file, Identity id, char[] password, Pkcs12Protection protection) {
    try {
      return write(file, Pkcs12File.encoded(id, password, protection));
    } catch (GeneralSecurityException | OperatorCreationException | PKCSException e) {
      throw new IllegalStateException("cannot write PKCS#12", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The SHA-1 fingerprint of a certificate as uppercase hex pairs separated by colons (gpgsm's form). */
  public static String sha1Fingerprint(X509Certificate cert) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-1").digest(cert.getEncoded());
      return HexFormat.ofDelimiter(":").withUpperCase().formatHex(hash);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Building

  /**
   * A chain (end entity, intermediate, root) for a key the fixed kinds do not cover, such as a
   * post-quantum key made on Bouncy Castle's provider, issued as the others are, to
   * {@code label@signet.test}.
   */
  public List<X509Certificate> issue(String label, PublicKey key, int keyUsage) {
    try {
      return chain(label, key, keyUsage);
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("cannot issue a " + label + " certificate", e);
    }
  }

  private Identity endEntity(KeyKind kind) throws GeneralSecurityException, OperatorCreationException, IOException {
    KeyPair pair = keyPair(kind);
    return new Identity(kind, kind.label() + "@" + DOMAIN, pair.getPrivate(),
        chain(kind.label(), pair.getPublic(), keyUsage(kind)));
  }

  private List<X509Certificate> chain(String label, PublicKey key, int keyUsage)
      throws GeneralSecurityException, OperatorCreationException, IOException {
    String email = label + "@" + DOMAIN;
    X500Name subject = new X500Name("CN=Signet Test " + label.toUpperCase(Locale.ROOT) + ",O=Signet Test PKI,C=NL");
    JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
    X509v3CertificateBuilder b = builder(X500Name.getInstance(intermediate.getSubjectX500Principal().getEncoded()),
        subject, key);
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    b.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
    b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_emailProtection));
    b.addExtension(Extension.subjectAlternativeName, false,
        new GeneralNames(new GeneralName(GeneralName.rfc822Name, email)));
    b.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(key));
    b.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(intermediate));
    X509Certificate cert = sign(b, intermediateKey);
    return List.of(cert, intermediate, root);
  }

  private static int keyUsage(KeyKind kind) {
    if (kind.isRsa()) {
      return KeyUsage.digitalSignature | KeyUsage.keyEncipherment;
    }
    if (kind.isEc()) {
      return KeyUsage.digitalSignature | KeyUsage.keyAgreement;
    }
    return kind == KeyKind.ED25519 ? KeyUsage.digitalSignature : KeyUsage.keyAgreement;
  }

  private X509Certificate caCertificate(X500Name subject, PublicKey subjectKey, X500Name issuer, PublicKey issuerKey,
      PrivateKey signingKey, Integer pathLength) throws GeneralSecurityException, OperatorCreationException,
      IOException {
    JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
    X509v3CertificateBuilder b = builder(issuer, subject, subjectKey);
    b.addExtension(Extension.basicConstraints, true,
        pathLength == null ? new BasicConstraints(true) : new BasicConstraints(pathLength));
    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    b.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKey));
    b.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(issuerKey));
    return sign(b, signingKey);
  }

  private X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, PublicKey key) {
    BigInteger serial = BigInteger.valueOf(SERIALS.incrementAndGet());
    return new JcaX509v3CertificateBuilder(issuer, serial, Date.from(notBefore), Date.from(notAfter), subject, key);
  }

  private X509Certificate sign(X509v3CertificateBuilder b, PrivateKey issuerKey)
      throws OperatorCreationException, GeneralSecurityException {
    var signer = new JcaContentSignerBuilder("SHA256withRSA").setProvider(BC).build(issuerKey);
    return new JcaX509CertificateConverter().setProvider(BC).getCertificate(b.build(signer));
  }

  private KeyPair keyPair(KeyKind kind) throws GeneralSecurityException {
    switch (kind) {
      case RSA_2048:
        return rsa(2048);
      case RSA_3072:
        return rsa(3072);
      case EC_P256:
        return ec("secp256r1");
      case EC_P384:
        return ec("secp384r1");
      case EC_P521:
        return ec("secp521r1");
      case ED25519:
        return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      case X25519:
        return KeyPairGenerator.getInstance("X25519").generateKeyPair();
      default:
        throw new IllegalArgumentException(kind.name());
    }
  }

  private KeyPair rsa(int bits) throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(bits, random);
    return g.generateKeyPair();
  }

  private KeyPair ec(String curve) throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec(curve), random);
    return g.generateKeyPair();
  }

  private static Path write(Path file, byte[] bytes) {
    try {
      Files.write(file, bytes);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
