package dev.signet.core.internal;

import dev.signet.core.Problem;
import dev.signet.core.ProblemCode;
import java.io.IOException;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignerDigestMismatchException;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.operator.OperatorCreationException;

/** Whether a signature value holds over the content's digest and the signed attributes: the maths alone. */
final class SignatureCheck {
  private SignatureCheck() {}

  /** Whether the signature holds under {@code key}; when not, the reason is added to {@code problems}. */
  static boolean holds(SignerInformation signer, PublicKey key, List<Problem> problems) {
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
        return Arrays.equals(asSent, signer.getEncodedSignedAttributes())
            ? Optional.empty() : Optional.of(new AsEncoded(signer, asSent));
      } catch (IOException e) {
        return Optional.empty();
      }
    }

    @Override
    public byte[] getEncodedSignedAttributes() {
      return encoded.clone();
    }
  }
}
