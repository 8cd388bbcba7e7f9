package dev.signet.core;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The content of a signed receipt (RFC 2634 section 2.7): which signed message it answers.
 *
 * @param contentType the original message's encapsulated content type (an OID)
 * @param contentIdentifier the original receipt request's signedContentIdentifier, in lower-case hex
 * @param originatorSignatureValue the signature value of the original message's signer
 */
public record Receipt(String contentType, String contentIdentifier, byte[] originatorSignatureValue) {
  public Receipt {
    SecurityLabel.requireOid(contentType, "content type");
    contentIdentifier = HexFormat.of().formatHex(HexFormat.of().parseHex(contentIdentifier));
    originatorSignatureValue = originatorSignatureValue.clone();
  }

  @Override
  public byte[] originatorSignatureValue() {
    return originatorSignatureValue.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Receipt r && r.contentType.equals(contentType) && r.contentIdentifier.equals(contentIdentifier)
        && Arrays.equals(r.originatorSignatureValue, originatorSignatureValue);
  }

  @Override
  public int hashCode() {
    return Objects.hash(contentType, contentIdentifier, Arrays.hashCode(originatorSignatureValue));
  }

  @Override
  public String toString() {
    return "Receipt[" + contentType + ", " + contentIdentifier + "]";
  }
}
