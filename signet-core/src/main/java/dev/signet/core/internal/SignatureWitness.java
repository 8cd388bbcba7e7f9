package dev.signet.core.internal;

import dev.signet.core.DigestAlgorithm;
import dev.signet.core.ReceiptRequest;
import dev.signet.core.SignedReceiptRequest;
import dev.signet.core.UnsupportedAlgorithmException;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.ContentSigner;

/**
 * Sees what the signer signs (the DER signed attributes) and the signature it makes: the two things
 * a receipt is bound to (RFC 2634 section 2.8), known here without reading the message back.
 */
final class SignatureWitness {
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
      return SignedReceiptRequest.bound(request, CMSObjectIdentifiers.data.getId(), signature,
          signedAttributes.toByteArray(), digest);
    } catch (GeneralSecurityException e) {
      throw new UnsupportedAlgorithmException("cannot digest the signed attributes: " + e.getMessage(), e);
    }
  }
}
