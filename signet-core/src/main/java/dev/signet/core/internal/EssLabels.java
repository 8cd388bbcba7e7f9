package dev.signet.core.internal;

import java.util.Arrays;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Set;

/** The shape of an ESS SecurityLabel (RFC 2634): a SET holding exactly one policy identifier. */
public final class EssLabels {
  private EssLabels() {}

  public static boolean isWellFormed(byte[] der) {
    try {
      ASN1Set set = ASN1Set.getInstance(ASN1Primitive.fromByteArray(der));
      return Arrays.stream(set.toArray()).filter(e -> e instanceof ASN1ObjectIdentifier).count() == 1;
    } catch (java.io.IOException | RuntimeException e) {
      return false;
    }
  }
}
