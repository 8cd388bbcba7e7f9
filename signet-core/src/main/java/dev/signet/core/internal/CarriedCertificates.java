package dev.signet.core.internal;

import dev.signet.core.MalformedInputException;
import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.selector.X509CertificateHolderSelector;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.util.Store;

/**
 * The certificates a SignedData carries, and those the caller supplies beside them: where each
 * signer's certificate, and the one it prefers to receive encrypted mail with, are found.
 */
final class CarriedCertificates {
  private final Store<X509CertificateHolder> store;
  private final List<X509Certificate> supplied;
  private final List<X509Certificate> pool;

  /** Fails as malformed input when the message carries more than {@code max} certificates. */
  CarriedCertificates(Store<X509CertificateHolder> store, List<X509Certificate> supplied, int max) {
    this.store = store;
    this.supplied = supplied;
    this.pool = certificates(store, max);
    pool.addAll(supplied);
  }

  /** Every certificate, carried then supplied: where chains are built from. */
  List<X509Certificate> pool() {
    return pool;
  }

  Optional<X509Certificate> signerOf(SignerInformation signer) {
    @SuppressWarnings("unchecked")
    Collection<X509CertificateHolder> matches = store.getMatches(signer.getSID());
    Optional<X509Certificate> inMessage = matches.stream().findFirst().map(CarriedCertificates::convert);
    if (inMessage.isPresent()) {
      return inMessage;
    }
    // A signature may leave the signer's certificate out (RFC 5652 5.1): the caller may supply it.
    return supplied.stream().filter(c -> signer.getSID().match(holder(c))).findFirst();
  }

  /**
   * The certificate the signer's SMIMEEncryptionKeyPreference names (RFC 8551 section 2.5.3): its own,
   * or one the message carried. A malformed attribute, or one naming a certificate the message does
   * not carry, names nothing.
   */
  Optional<X509Certificate> preferredBy(SignerInformation signer, X509Certificate own) {
    Optional<X509CertificateHolderSelector> named = SignedAttributes.encryptionKeyPreference(signer);
    if (named.isEmpty()) {
      return Optional.empty();
    }
    if (named.get().match(holder(own))) {
      return Optional.of(own);
    }
    @SuppressWarnings("unchecked")
    Collection<X509CertificateHolder> matches = store.getMatches(named.get());
    return matches.stream().findFirst().map(CarriedCertificates::convert);
  }

  private static List<X509Certificate> certificates(Store<X509CertificateHolder> store, int max) {
    Collection<X509CertificateHolder> all = store.getMatches(null);
    if (all.size() > max) {
      throw new MalformedInputException("more than " + max + " certificates in a signature");
    }
    List<X509Certificate> out = new ArrayList<>();
    all.forEach(h -> out.add(convert(h)));
    return out;
  }

  private static X509CertificateHolder holder(X509Certificate cert) {
    try {
      return new X509CertificateHolder(cert.getEncoded());
    } catch (CertificateEncodingException | IOException e) {
      throw new IllegalStateException("a certificate given to the reader cannot be encoded", e);
    }
  }

  private static X509Certificate convert(X509CertificateHolder holder) {
    try {
      return new JcaX509CertificateConverter().getCertificate(holder);
    } catch (CertificateException e) {
      throw new MalformedInputException("unreadable certificate in the message: " + ErrorText.of(e), e);
    }
  }
}
