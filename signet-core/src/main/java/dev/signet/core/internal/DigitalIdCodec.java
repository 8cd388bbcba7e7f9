package dev.signet.core.internal;

import dev.signet.core.Certificates;
import dev.signet.core.DigitalId;
import dev.signet.core.KeyType;
import dev.signet.core.KeyUnavailableException;
import dev.signet.core.MalformedInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
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
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS12PfxPdu;
import org.bouncycastle.pkcs.PKCS12PfxPduBuilder;
import org.bouncycastle.pkcs.PKCS12SafeBag;
import org.bouncycastle.pkcs.PKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCS12MacCalculatorBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEOutputEncryptorBuilder;

/** PKCS#12 reading and writing, and self-signed digital IDs. */
public final class DigitalIdCodec {
  /** PBKDF2 iterations for new PKCS#12 files (OWASP's 2023 figure for PBKDF2-HMAC-SHA256). */
  public static final int DEFAULT_ITERATIONS = 600_000;
  /** The largest PKCS#12 file read: an ID with its chain is a few kilobytes, a post-quantum one some tens. */
  private static final int MAX_BYTES = 1 << 20;

  private DigitalIdCodec() {}

  public static DigitalId read(InputStream in, char[] password) throws IOException {
    return read(readBytes(in), password);
  }

  /** A PKCS#12 file's bytes, read no further than 1 MiB: a larger input is refused as no digital ID. */
  public static byte[] readBytes(InputStream in) throws IOException {
    byte[] pkcs12 = in.readNBytes(MAX_BYTES + 1);
    if (pkcs12.length > MAX_BYTES) {
      throw new MalformedInputException("not a PKCS#12 digital ID: larger than " + (MAX_BYTES >> 20) + " MiB");
    }
    return pkcs12;
  }

  public static DigitalId read(byte[] pkcs12, char[] password) {
    try {
      return read(load(pkcs12, password, null), password);
    } catch (PostQuantumKeyException e) {
      // The JDK 17 keystore decrypts a post-quantum key but has no factory to rebuild it.
      return read(load(pkcs12, password, AlgorithmRegistry.bc()), password);
    }
  }

  private static KeyStore load(byte[] pkcs12, char[] password, java.security.Provider provider) {
    try {
      KeyStore store = provider == null ? KeyStore.getInstance("PKCS12") : KeyStore.getInstance("PKCS12", provider);
      store.load(new java.io.ByteArrayInputStream(pkcs12), password);
      return store;
    } catch (IOException e) {
      if (e.getCause() instanceof UnrecoverableKeyException) {
        throw new KeyUnavailableException("wrong password for the digital ID", e);
      }
      throw notPkcs12(pkcs12, e);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw notPkcs12(pkcs12, e);
    }
  }

  /**
   * Why a file the keystore refused is no digital ID. PEM text is named as such (OpenSSL writes "Bag Attributes"
   * lines before its blocks; DER opens with a SEQUENCE, 0x30: '0'): the keystore's own words would not say it.
   */
  private static MalformedInputException notPkcs12(byte[] file, Exception e) {
    String head = new String(file, 0, Math.min(file.length, 4096), java.nio.charset.StandardCharsets.ISO_8859_1);
    if (!head.startsWith("0") && head.contains("-----BEGIN ")) {
      return new MalformedInputException("not a PKCS#12 digital ID but PEM text: a digital ID is one .p12 or .pfx"
          + " file holding the private key with its certificate", e);
    }
    return new MalformedInputException("not a PKCS#12 digital ID: " + ErrorText.of(e), e);
  }

  /** The JDK's keystore met a key algorithm it has no factory for. */
  private static final class PostQuantumKeyException extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  private static DigitalId read(KeyStore store, char[] password) {
    try {
      for (String alias : Collections.list(store.aliases())) {
        if (!store.isKeyEntry(alias)) {
          continue;
        }
        Key key = store.getKey(alias, password);
        Certificate[] chain = store.getCertificateChain(alias);
        if (key instanceof PrivateKey pk && chain != null && chain.length > 0) {
          List<X509Certificate> certs = new ArrayList<>();
          for (Certificate c : chain) {
            certs.add((X509Certificate) c);
          }
          return DigitalId.of(pk, certs);
        }
      }
    } catch (UnrecoverableKeyException e) {
      if (e.getCause() instanceof java.security.NoSuchAlgorithmException) {
        throw new PostQuantumKeyException();
      }
      throw new KeyUnavailableException("wrong password for the private key in the digital ID", e);
    } catch (GeneralSecurityException e) {
      throw new MalformedInputException("unreadable private key in the digital ID: " + ErrorText.of(e), e);
    }
    throw new MalformedInputException("the PKCS#12 file holds no private key with a certificate");
  }

  public static void write(DigitalId id, OutputStream out, char[] password, int iterations, SecureRandom random)
      throws IOException {
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      var localKeyId = ext.createSubjectKeyIdentifier(id.certificate().getPublicKey());
      String name = friendlyName(id.certificate());
      List<PKCS12SafeBag> certBags = new ArrayList<>();
      for (int i = 0; i < id.chain().size(); i++) {
        PKCS12SafeBagBuilder bag = new JcaPKCS12SafeBagBuilder(id.chain().get(i));
        if (i == 0) {
          bag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, new DERBMPString(name));
          bag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, localKeyId);
        }
        certBags.add(bag.build());
      }
      PKCS12SafeBagBuilder keyBag = new JcaPKCS12SafeBagBuilder(id.privateKey(), encryptor(password, iterations, random));
      keyBag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, new DERBMPString(name));
      keyBag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, localKeyId);
      PKCS12PfxPduBuilder pfx = new PKCS12PfxPduBuilder();
      pfx.addEncryptedData(encryptor(password, iterations, random), certBags.toArray(new PKCS12SafeBag[0]));
      pfx.addData(keyBag.build());
      PKCS12PfxPdu pdu = pfx.build(
          new JcePKCS12MacCalculatorBuilder(NISTObjectIdentifiers.id_sha256).setProvider(AlgorithmRegistry.bc())
              .setIterationCount(iterations), password);
      out.write(pdu.getEncoded("DER"));
    } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException
        | org.bouncycastle.pkcs.PKCSException e) {
      throw new IOException("cannot write PKCS#12: " + e.getMessage(), e);
    }
  }

  /**
   * PBES2 with a salt and IV of its own: one encryptor per bag, since an encryptor keeps the salt and IV it
   * drew, and the certificates and the key under one key and IV would be CBC with its IV reused.
   */
  private static OutputEncryptor encryptor(char[] password, int iterations, SecureRandom random)
      throws org.bouncycastle.operator.OperatorCreationException {
    return new JcePKCSPBEOutputEncryptorBuilder(NISTObjectIdentifiers.id_aes256_CBC)
        .setProvider(AlgorithmRegistry.bc())
        .setPRF(new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256, DERNull.INSTANCE))
        .setIterationCount(iterations)
        .setRandom(random)
        .build(password);
  }

  public static DigitalId selfSigned(String email, String name, KeyType type, Clock clock, SecureRandom random) {
    if (!type.signs()) {
      throw new IllegalArgumentException("an " + type.standardName() + " key cannot sign its own certificate:"
          + " make it beside a signing ID, which issues it");
    }
    try {
      KeyPair pair = generate(type, random);
      var subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, name).build();
      X509Certificate cert = certificate(email, subject, pair.getPublic(), type, subject, pair,
          certificateSignature(type), clock, random);
      return DigitalId.of(pair.getPrivate(), List.of(cert));
    } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException
        | org.bouncycastle.cert.CertIOException e) {
      throw new IllegalStateException("cannot create a " + type.cliName() + " digital ID", e);
    }
  }

  /**
   * An encryption-only ID (ML-KEM) beside {@code signing}: its certificate names the same person and
   * is issued and signed by the signing ID, as a CA issues the KEM certificate of a person it knows by
   * a signing certificate (a KEM key cannot prove possession by signing). Chain: KEM certificate, then
   * the signing ID's chain.
   */
  public static DigitalId encryptionPartner(DigitalId signing, KeyType type, Clock clock, SecureRandom random) {
    if (!type.isKem()) {
      throw new IllegalArgumentException(type.cliName() + " is not an encryption-only key type");
    }
    try {
      KeyPair pair = generate(type, random);
      X509Certificate issuer = signing.certificate();
      var name = org.bouncycastle.asn1.x500.X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded());
      List<String> emails = CertificateEmails.of(issuer);
      if (emails.isEmpty()) {
        throw new IllegalArgumentException("the signing ID names no email address");
      }
      PrivateKey signingKey = PostQuantum.usable(signing.privateKey());
      String algorithm = AlgorithmRegistry.signatureName(signingKey,
          AlgorithmRegistry.signingDigest(signingKey, dev.signet.core.DigestAlgorithm.SHA_256),
          dev.signet.core.SignatureScheme.RSA_PKCS1_V1_5);
      X509Certificate cert = certificate(emails.get(0), name, pair.getPublic(), type, name,
          new KeyPair(issuer.getPublicKey(), signingKey), algorithm, clock, random);
      List<X509Certificate> chain = new ArrayList<>(List.of(cert));
      chain.addAll(signing.chain());
      return DigitalId.of(pair.getPrivate(), chain);
    } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException
        | org.bouncycastle.cert.CertIOException e) {
      throw new IllegalStateException("cannot create a " + type.cliName() + " digital ID", e);
    }
  }

  private static X509Certificate certificate(String email, org.bouncycastle.asn1.x500.X500Name subject, PublicKey key,
      KeyType type, org.bouncycastle.asn1.x500.X500Name issuer, KeyPair issuerKeys, String algorithm, Clock clock,
      SecureRandom random)
      throws GeneralSecurityException, org.bouncycastle.operator.OperatorCreationException,
      org.bouncycastle.cert.CertIOException {
    Instant now = clock.instant();
    BigInteger serial = new BigInteger(1, randomBytes(random, 16));
    X509v3CertificateBuilder cert = new JcaX509v3CertificateBuilder(issuer, serial,
        Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(730))), subject, key);
    JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
    cert.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    cert.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage(type)));
    cert.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_emailProtection));
    cert.addExtension(Extension.subjectAlternativeName, false,
        new GeneralNames(new GeneralName(GeneralName.rfc822Name, email)));
    cert.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(key));
    cert.addExtension(Extension.authorityKeyIdentifier, false,
        ext.createAuthorityKeyIdentifier(issuerKeys.getPublic()));
    var signer = new JcaContentSignerBuilder(algorithm).setProvider(AlgorithmRegistry.bc()).setSecureRandom(random)
        .build(issuerKeys.getPrivate());
    return new JcaX509CertificateConverter().getCertificate(cert.build(signer));
  }

  public static KeyPair generate(KeyType type, SecureRandom random) throws GeneralSecurityException {
    KeyPairGenerator gen;
    switch (type) {
      case RSA_2048, RSA_3072, RSA_4096 -> {
        gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(switch (type) {
          case RSA_2048 -> 2048;
          case RSA_3072 -> 3072;
          default -> 4096;
        }, random);
      }
      case EC_P256, EC_P384, EC_P521 -> {
        gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(new ECGenParameterSpec(switch (type) {
          case EC_P256 -> "secp256r1";
          case EC_P384 -> "secp384r1";
          default -> "secp521r1";
        }), random);
      }
      case ED25519 -> gen = KeyPairGenerator.getInstance("Ed25519");
      case ML_DSA_44, ML_DSA_65, ML_DSA_87 -> {
        gen = KeyPairGenerator.getInstance("ML-DSA", AlgorithmRegistry.bc());
        gen.initialize(org.bouncycastle.jcajce.spec.MLDSAParameterSpec.fromName(type.standardName()), random);
      }
      case ML_KEM_512, ML_KEM_768, ML_KEM_1024 -> {
        gen = KeyPairGenerator.getInstance("ML-KEM", AlgorithmRegistry.bc());
        gen.initialize(org.bouncycastle.jcajce.spec.MLKEMParameterSpec.fromName(type.standardName()), random);
      }
      default -> throw new IllegalArgumentException(type.name());
    }
    return gen.generateKeyPair();
  }

  /**
   * RSA: sign and receive keys by transport; EC: sign and key agreement; Ed25519 and ML-DSA: sign
   * only; ML-KEM: key encipherment only (RFC 9935).
   */
  private static int keyUsage(KeyType type) {
    return switch (type) {
      case RSA_2048, RSA_3072, RSA_4096 -> KeyUsage.digitalSignature | KeyUsage.keyEncipherment;
      case EC_P256, EC_P384, EC_P521 -> KeyUsage.digitalSignature | KeyUsage.keyAgreement;
      case ED25519, ML_DSA_44, ML_DSA_65, ML_DSA_87 -> KeyUsage.digitalSignature;
      case ML_KEM_512, ML_KEM_768, ML_KEM_1024 -> KeyUsage.keyEncipherment;
    };
  }

  private static String certificateSignature(KeyType type) {
    return switch (type) {
      case RSA_2048, RSA_3072, RSA_4096 -> "SHA256withRSA";
      case EC_P256 -> "SHA256withECDSA";
      case EC_P384 -> "SHA384withECDSA";
      case EC_P521 -> "SHA512withECDSA";
      case ED25519 -> "Ed25519";
      default -> type.standardName();
    };
  }

  private static byte[] randomBytes(SecureRandom random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    b[0] &= 0x7f;
    return b;
  }

  /** A label for the key bag: the certificate's first email, else its subject. */
  private static String friendlyName(X509Certificate cert) {
    List<String> emails = CertificateEmails.of(cert);
    return emails.isEmpty() ? Certificates.subject(cert) : emails.get(0);
  }
}
