package dev.signet.core.internal;

import dev.signet.core.AlgorithmPolicy;
import dev.signet.core.ContentCipher;
import dev.signet.core.DecryptionFailedException;
import dev.signet.core.DigitalId;
import dev.signet.core.KeyUnavailableException;
import dev.signet.core.Layer;
import dev.signet.core.MalformedInputException;
import dev.signet.core.Problem;
import dev.signet.core.ProblemCode;
import dev.signet.core.ReadOptions;
import dev.signet.core.Severity;
import dev.signet.core.UnsupportedAlgorithmException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.Security;
import java.security.cert.CertificateEncodingException;
import java.util.Collection;
import java.util.Optional;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSAuthEnvelopedDataParser;
import org.bouncycastle.cms.CMSEnvelopedDataParser;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSTypedStream;
import org.bouncycastle.cms.KEMRecipientInformation;
import org.bouncycastle.cms.KeyAgreeRecipientInformation;
import org.bouncycastle.cms.KeyTransRecipientInformation;
import org.bouncycastle.cms.Recipient;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.jcajce.JceKEMEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyAgreeEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;

/**
 * Opens an EnvelopedData or AuthEnvelopedData layer with the reader's digital IDs and reads the
 * plaintext as it is decrypted; an encrypted part among unencrypted ones is opened but withheld.
 */
final class EnvelopeOpening {
  /** Reads the plaintext a layer wraps. */
  @FunctionalInterface
  interface ContentReader {
    Coverage read(InputStream content, OutputStream out, boolean bare, int depth) throws IOException, CMSException;
  }

  private final Reading reading;
  private final ReadOptions options;
  private final ContentReader plaintext;

  EnvelopeOpening(Reading reading, ContentReader plaintext) {
    this.reading = reading;
    this.options = reading.options();
    this.plaintext = plaintext;
  }

  Coverage read(InputStream in, OutputStream out, boolean bare, int depth, boolean authenticated)
      throws IOException, CMSException {
    var parser = authenticated ? new CMSAuthEnvelopedDataParser(in) : new CMSEnvelopedDataParser(in);
    String oid = authenticated ? ((CMSAuthEnvelopedDataParser) parser).getEncAlgOID()
        : ((CMSEnvelopedDataParser) parser).getEncryptionAlgOID();
    ContentCipher cipher = ContentCipher.fromOid(oid)
        .orElseThrow(() -> new UnsupportedAlgorithmException("content encrypted with an unknown algorithm " + oid));
    reading.report().addLayer(new Layer.Encrypted(cipher));
    boolean embedded = reading.amongUnencryptedParts();
    if (embedded) {
      reading.report().add(Problem.of(ProblemCode.PARTIALLY_ENCRYPTED, "an encrypted part sits among unencrypted"
          + " parts: its plaintext is withheld, never shown or written beside them (EFAIL direct exfiltration)"));
    }
    if (options.depth() == ReadOptions.Depth.VERIFY) {
      reading.report().add(Problem.of(ProblemCode.NO_DECRYPTION_KEY,
          "the message is encrypted; read or decrypt it with a digital ID to see inside"));
      return Coverage.ENCRYPTED;
    }
    OutputStream sink = embedded ? OutputStream.nullOutputStream() : out;
    checkCipherAllowed(cipher);
    var recipientInfos = authenticated ? ((CMSAuthEnvelopedDataParser) parser).getRecipientInfos()
        : ((CMSEnvelopedDataParser) parser).getRecipientInfos();
    if (recipientInfos.size() > reading.limits().maxRecipients()) {
      throw new MalformedInputException("more than " + reading.limits().maxRecipients() + " recipients");
    }
    int signedLayersBefore = reading.report().countSigned();
    Optional<CMSTypedStream> opened = decrypt(recipientInfos.getRecipients(), authenticated, cipher);
    if (opened.isEmpty()) {
      return Coverage.ENCRYPTED;
    }
    Coverage inner = readPlaintext(opened.get(), sink, bare, depth);
    if (!cipher.authenticated() && options.depth() == ReadOptions.Depth.ALL
        && reading.report().countSigned() == signedLayersBefore) {
      reading.report().add(Problem.of(ProblemCode.UNAUTHENTICATED_ENCRYPTION,
          cipher.displayName() + " has no integrity protection and no signature inside covers the content"));
    }
    return inner.encryptedWhole();
  }

  /** The plaintext, as it stands when only decrypting; a tag or padding failure at its end is the message's. */
  private Coverage readPlaintext(CMSTypedStream plain, OutputStream sink, boolean bare, int depth)
      throws IOException, CMSException {
    Coverage inner = Coverage.LEAF;
    reading.enterEncrypted();
    try {
      if (options.depth() == ReadOptions.Depth.DECRYPT) {
        reading.writeMessageHeaders(sink);
        ContentCopy.copy(plain.getContentStream(), sink);
      } else {
        inner = plaintext.read(plain.getContentStream(), sink, bare, depth);
      }
      plain.drain();
    } catch (StreamingGcmDecryptor.TagMismatchException e) {
      throw new DecryptionFailedException("authentication tag mismatch: the encrypted message was altered", e);
    } catch (IOException e) {
      if (e.getCause() instanceof GeneralSecurityException) {
        throw new DecryptionFailedException("decryption failed: the message was altered or the key is wrong", e);
      }
      throw e;
    } finally {
      reading.leaveEncrypted();
    }
    return inner;
  }

  private void checkCipherAllowed(ContentCipher cipher) {
    if (!cipher.isLegacy()) {
      return;
    }
    if (options.algorithms() != AlgorithmPolicy.LEGACY_READ) {
      throw new UnsupportedAlgorithmException("the message is encrypted with " + cipher.displayName()
          + ", a legacy cipher; it is read only under the legacy algorithm setting");
    }
    reading.report().add(new Problem(ProblemCode.WEAK_ENCRYPTION, Severity.WARNING, Optional.of("legacy algorithms"),
        "encrypted with " + cipher.displayName() + ", a weak legacy cipher"));
  }

  /**
   * The plaintext, opened with the first given digital ID that is a recipient. Without one, a
   * signature around the encryption is still judged: the missing key is a problem in its report.
   * Only when nothing outside could be judged (or the caller wants the plaintext alone) is it thrown.
   */
  private Optional<CMSTypedStream> decrypt(Collection<RecipientInformation> recipients,
      boolean authenticated, ContentCipher cipher) throws CMSException, IOException {
    for (DigitalId id : options.keys()) {
      JcaX509CertificateHolder holder;
      try {
        holder = new JcaX509CertificateHolder(id.certificate());
      } catch (CertificateEncodingException e) {
        continue;
      }
      for (RecipientInformation info : recipients) {
        if (info.getRID().match(holder)) {
          AlgorithmRegistry.checkKeyAgreement(info.getKeyEncryptionAlgOID(), id.privateKey());
          try {
            return Optional.of(info.getContentStream(recipientFor(info, id, authenticated, cipher)));
          } catch (CMSException e) {
            throw new DecryptionFailedException("cannot decrypt with " + id + ": " + ErrorText.of(e), e);
          }
        }
      }
    }
    String missing = options.keys().isEmpty() ? "the message is encrypted and no digital ID was given to decrypt it"
        : "no digital ID given matches any of the message's " + recipients.size() + " recipients";
    if (options.depth() == ReadOptions.Depth.DECRYPT || reading.report().countSigned() == 0) {
      throw new KeyUnavailableException(missing);
    }
    reading.report().add(Problem.of(ProblemCode.NO_DECRYPTION_KEY,
        missing + ": what the encrypted part holds is not judged"));
    return Optional.empty();
  }

  private static Recipient recipientFor(RecipientInformation info, DigitalId id, boolean authenticated,
      ContentCipher cipher) {
    Provider content = cipher.isLegacy() ? AlgorithmRegistry.bc() : Security.getProvider("SunJCE");
    if (info instanceof KeyTransRecipientInformation) {
      return authenticated ? StreamingGcmRecipients.keyTransport(id.privateKey())
          : new JceKeyTransEnvelopedRecipient(id.privateKey())
              .setProvider(AlgorithmRegistry.keyTransportProvider(id.privateKey()))
              .setContentProvider(content);
    }
    if (info instanceof KeyAgreeRecipientInformation) {
      return authenticated ? StreamingGcmRecipients.keyAgreement(id.privateKey())
          : new JceKeyAgreeEnvelopedRecipient(id.privateKey()).setProvider(AlgorithmRegistry.bc())
              .setContentProvider(content);
    }
    if (info instanceof KEMRecipientInformation) {
      return authenticated ? StreamingGcmRecipients.kem(id.privateKey())
          : new JceKEMEnvelopedRecipient(PostQuantum.usable(id.privateKey())).setProvider(AlgorithmRegistry.bc())
              .setContentProvider(content);
    }
    throw new UnsupportedAlgorithmException("unsupported recipient type " + info.getClass().getSimpleName());
  }
}
