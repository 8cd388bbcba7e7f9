package dev.signet.pki.internal;

import dev.signet.core.EmailAddress;
import dev.signet.pki.CaException;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/** A mailbox address as the CA records it: the domain in lower case, the local part as given. */
public final class Mailbox {
  private static final Pattern SHAPE = Pattern.compile("[^@\\s<>\"(),;:]+@[A-Za-z0-9.-]+\\.[A-Za-z0-9-]+");

  private Mailbox() {}

  public static String normalize(String address) {
    String a = address.strip();
    if (!SHAPE.matcher(a).matches() || a.length() > 254) {
      throw new CaException(CaException.Reason.BAD_REQUEST, "not an email address: " + address);
    }
    return EmailAddress.parse(a).orElseThrow().normalized();
  }

  /**
   * The text of a name attribute (a CN or emailAddress) as it is, not as RFC 4514 writes it in a
   * DN string: {@code alice+news@example.org}, not {@code alice\+news@example.org}.
   */
  public static String attributeText(ASN1Encodable value) {
    return value instanceof ASN1String s ? s.getString() : IETFUtils.valueToString(value);
  }
}
