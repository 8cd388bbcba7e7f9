package dev.signet.core.internal;

import dev.signet.core.ContentCipher;
import dev.signet.core.DigestAlgorithm;
import dev.signet.core.MalformedInputException;
import dev.signet.core.Problem;
import dev.signet.core.ProblemCode;
import dev.signet.core.ReceiptRequest;
import dev.signet.core.SignedReceiptRequest;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.BERTags;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.cms.RecipientKeyIdentifier;
import org.bouncycastle.asn1.smime.SMIMEAttributes;
import org.bouncycastle.asn1.smime.SMIMECapability;
import org.bouncycastle.cert.selector.X509CertificateHolderSelector;
import org.bouncycastle.cms.SignerInformation;

/** What a signer's S/MIME and ESS signed attributes say: its capabilities, preferences and requests. */
final class SignedAttributes {
  private SignedAttributes() {}

  /** The ciphers of the signed SMIMECapabilities attribute that we know, in the signer's order (RFC 8551 2.5.2). */
  static List<ContentCipher> capabilities(SignerInformation signer) {
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
  static <T> Optional<T> ess(SignerInformation signer, ASN1ObjectIdentifier type,
      Function<byte[], T> decoder, List<Problem> problems) {
    AttributeTable attrs = signer.getSignedAttributes();
    ASN1EncodableVector found = attrs == null ? new ASN1EncodableVector() : attrs.getAll(type);
    if (found.size() == 0) {
      return Optional.empty();
    }
    try {
      Attribute attr = (Attribute) found.get(0);
      if (found.size() != 1 || attr.getAttrValues().size() != 1) {
        throw new MalformedInputException("more than one " + type.getId() + " attribute value");
      }
      return Optional.of(decoder.apply(EssEncoding.encode(attr.getAttrValues().getObjectAt(0))));
    } catch (MalformedInputException e) {
      problems.add(Problem.of(ProblemCode.MALFORMED, "a signed attribute: " + e.getMessage()));
      return Optional.empty();
    }
  }

  /**
   * The request with what binds a receipt to this signer's signature (RFC 2634 section 2.8); none
   * under a digest we do not know, as no receipt could be checked against it.
   */
  static Optional<SignedReceiptRequest> boundToSigner(ReceiptRequest request, SignerInformation signer) {
    Optional<DigestAlgorithm> digest = DigestAlgorithm.fromOid(signer.getDigestAlgOID());
    if (digest.isEmpty() || signer.getContentType() == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(SignedReceiptRequest.bound(request, signer.getContentType().getId(), signer.getSignature(),
          signer.getEncodedSignedAttributes(), digest.get()));
    } catch (GeneralSecurityException | IOException e) {
      return Optional.empty();
    }
  }

  /** The signed SMIMEEncryptionKeyPreference attribute as a certificate selector; empty when absent or malformed. */
  static Optional<X509CertificateHolderSelector> encryptionKeyPreference(SignerInformation signer) {
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
}
