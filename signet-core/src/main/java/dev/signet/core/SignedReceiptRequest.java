package dev.signet.core;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A receipt request as one signer signed it, with what binds a receipt to that signature (RFC 2634
 * section 2.8): the sender keeps this to validate receipts, a recipient uses it to make one.
 *
 * @param contentType the signed content's type (an OID); a receipt's own is never answered
 * @param signatureValue the signer's signature value: a receipt's originatorSignatureValue
 * @param msgSigDigest the digest of the signer's DER-encoded signed attributes, with the signer's digest algorithm
 */
public record SignedReceiptRequest(ReceiptRequest request, String contentType, byte[] signatureValue,
    byte[] msgSigDigest) {
  /** id-ct-receipt: the content type of a signed receipt. */
  public static final String RECEIPT_CONTENT_TYPE = "1.2.840.113549.1.9.16.1.1";

  public SignedReceiptRequest {
    Objects.requireNonNull(request, "request");
    SecurityLabel.requireOid(contentType, "content type");
    signatureValue = signatureValue.clone();
    msgSigDigest = msgSigDigest.clone();
  }

  /**
   * {@code request} bound to the signature that carries it (RFC 2634 section 2.8): msgSigDigest is the
   * {@code digest} of the DER of the signer's {@code signedAttributes}.
   */
  public static SignedReceiptRequest bound(ReceiptRequest request, String contentType, byte[] signatureValue,
      byte[] signedAttributes, DigestAlgorithm digest) throws NoSuchAlgorithmException {
    return new SignedReceiptRequest(request, contentType, signatureValue,
        MessageDigest.getInstance(digest.jcaName()).digest(signedAttributes));
  }

  /** Whether the request sits on a receipt, which is never answered (RFC 2634 section 2.2: no loops). */
  public boolean onReceipt() {
    return contentType.equals(RECEIPT_CONTENT_TYPE);
  }

  /** The receipt content that answers this request. */
  public Receipt receipt() {
    return new Receipt(contentType, request.contentIdentifier(), signatureValue);
  }

  @Override
  public byte[] signatureValue() {
    return signatureValue.clone();
  }

  @Override
  public byte[] msgSigDigest() {
    return msgSigDigest.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SignedReceiptRequest s && s.request.equals(request) && s.contentType.equals(contentType)
        && Arrays.equals(s.signatureValue, signatureValue) && Arrays.equals(s.msgSigDigest, msgSigDigest);
  }

  @Override
  public int hashCode() {
    return Objects.hash(request, contentType, Arrays.hashCode(signatureValue), Arrays.hashCode(msgSigDigest));
  }

  @Override
  public String toString() {
    return "SignedReceiptRequest[" + request + ", msgSigDigest " + HexFormat.of().formatHex(msgSigDigest) + "]";
  }
}
