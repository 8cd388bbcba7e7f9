package dev.signet.core.internal;

import dev.signet.core.ContentCipher;
import dev.signet.core.DigestAlgorithm;
import dev.signet.core.EncryptOptions;
import dev.signet.core.Layer;
import dev.signet.core.Limits;
import dev.signet.core.SignOptions;
import dev.signet.core.SignedReceiptRequest;
import dev.signet.core.UnsupportedAlgorithmException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAuthEnvelopedDataStreamGenerator;
import org.bouncycastle.cms.CMSEnvelopedDataStreamGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedDataStreamGenerator;
import org.bouncycastle.cms.RecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputAEADEncryptor;
import org.bouncycastle.operator.OutputEncryptor;

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
    SplitMessage msg = SplitMessage.of(in, limits, protection);
    DigestAlgorithm digest = AlgorithmRegistry.signingDigest(options.signer().privateKey(), options.digest());
    SignatureWitness witness = new SignatureWitness();
    CMSSignedDataStreamGenerator gen = signedDataGenerator(options, digest, witness);
    EntityCanonicalizer canon = new EntityCanonicalizer(EntityCanonicalizer.Target.SEVEN_BIT, limits, random)
        .withLegacyDisplay(msg.legacyDisplay());
    if (options.format() == Layer.SignedFormat.CLEAR) {
      writeClearSigned(msg, in, canon, gen, digest, out);
    } else {
      writeOpaqueSigned(msg, in, canon, gen, out);
    }
    out.flush();
    return options.receiptRequest().map(r -> witness.signed(r, digest));
  }

  /** multipart/signed: the canonical entity written as it is digested, then the detached signature. */
  private void writeClearSigned(SplitMessage msg, MimeInput in, EntityCanonicalizer canon,
      CMSSignedDataStreamGenerator gen, DigestAlgorithm digest, OutputStream out) throws IOException {
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
  }

  /** application/pkcs7-mime signed-data: the entity inside the SignedData, base64 as it streams. */
  private static void writeOpaqueSigned(SplitMessage msg, MimeInput in, EntityCanonicalizer canon,
      CMSSignedDataStreamGenerator gen, OutputStream out) throws IOException {
    writePkcs7MimeHeaders(msg.outer(), "signed-data", out);
    try (OutputStream b64 = new Base64Encoding(out); OutputStream encoding = new WriteBehindStream(b64);
        OutputStream cms = new DefiniteLengths(encoding, DefiniteLengths.LIMIT);
        OutputStream content = gen.open(cms, true)) {
      canon.write(msg.entity(), in, content, 0);
    }
    ascii(out, "\r\n");
  }

  /**
   * A DER SignedData over empty content that carries the signer's chain, {@code alsoCarried} and our
   * signed S/MIME capabilities: the userSMIMECertificate value enterprise clients publish.
   */
  public byte[] signedCertificates(SignOptions options, List<X509Certificate> alsoCarried) throws IOException {
    DigestAlgorithm digest = AlgorithmRegistry.signingDigest(options.signer().privateKey(), options.digest());
    CMSSignedDataStreamGenerator gen = signedDataGenerator(options, digest, new SignatureWitness());
    ByteArrayOutputStream signed = new ByteArrayOutputStream();
    List<X509Certificate> carried = options.sendCertificates() ? TravellingCertificates.of(options) : List.of();
    List<X509Certificate> extra = alsoCarried.stream().filter(c -> !carried.contains(c)).distinct().toList();
    try {
      gen.addCertificates(new JcaCertStore(extra));
      gen.open(signed, true).close();
    } catch (GeneralSecurityException | CMSException e) {
      throw new UnsupportedAlgorithmException("cannot carry these certificates: " + e.getMessage(), e);
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
    SplitMessage msg = SplitMessage.of(in, limits, protection);
    ContentCipher cipher = options.cipher();
    EntityCanonicalizer canon = new EntityCanonicalizer(EntityCanonicalizer.Target.EIGHT_BIT, limits, random)
        .withLegacyDisplay(msg.legacyDisplay());
    writePkcs7MimeHeaders(msg.outer(), cipher.authenticated() ? "authEnveloped-data" : "enveloped-data", out);
    try {
      OutputEncryptor encryptor = new JceCMSContentEncryptorBuilder(AlgorithmRegistry.oid(cipher))
          .setSecureRandom(random).build();
      List<RecipientInfoGenerator> recipients = new ArrayList<>();
      for (X509Certificate cert : options.recipients()) {
        recipients.add(RecipientInfos.of(cert, options.keyTransport(), cipher, random));
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

  private CMSSignedDataStreamGenerator signedDataGenerator(SignOptions options, DigestAlgorithm digest,
      SignatureWitness witness) throws IOException {
    try {
      CMSSignedDataStreamGenerator gen = new CMSSignedDataStreamGenerator();
      gen.setBufferSize(BER_CHUNK);
      gen.addSignerInfoGenerator(SignerInfos.of(options, digest, SigningAttributes.of(options, clock.instant()),
          random, witness::watching));
      if (options.sendCertificates()) {
        gen.addCertificates(new JcaCertStore(TravellingCertificates.of(options)));
      }
      return gen;
    } catch (OperatorCreationException | GeneralSecurityException | CMSException e) {
      throw new UnsupportedAlgorithmException("cannot sign with this digital ID: " + e.getMessage(), e);
    }
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
}
