package dev.signet.core.internal;

import dev.signet.core.MalformedInputException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.util.encoders.Hex;

/**
 * A distinguished name an administrator wrote (requiredCA), compared with certificates' names as
 * RFC 5280 section 7.1 compares X.500 names: attribute by attribute, by type, with values compared
 * case-insensitively and with insignificant spaces ignored (RFC 4518: leading and trailing spaces
 * dropped, inner runs of spaces one; NFKC), and multi-valued RDNs as sets.
 *
 * <p>People copy names from tools, which print them in different orders: RFC 4514 (and Java's
 * {@code getName()}, {@code openssl x509 -nameopt RFC2253}) writes the most specific RDN first,
 * {@code CN=Audit Root CA,O=Example}; OpenSSL's default prints the encoding order,
 * {@code O = Example, CN = Audit Root CA}, or {@code /O=Example/CN=Audit Root CA} with
 * {@code -nameopt compat}, each perhaps after {@code subject=} or {@code issuer=}. A string says
 * nothing of which order it was written in, so a name matches in either: a CA named with the same
 * RDNs in reverse order would match too, which a real hierarchy does not produce by accident.
 */
public final class DistinguishedName {
  private static final int MAX_LENGTH = 4096;
  private static final Pattern PREFIX = Pattern.compile("^(?i)(subject|issuer)\\s*=\\s*");
  private static final Pattern COMPAT_SEPARATOR = Pattern.compile("/(?=\\s*[A-Za-z][A-Za-z0-9-]*\\s*=|\\s*[0-9][0-9.]*\\s*=)");
  private static final Pattern SPACES = Pattern.compile("\\s+");

  private final String written;
  private final List<Set<String>> rdns;

  private DistinguishedName(String written, List<Set<String>> rdns) {
    this.written = written;
    this.rdns = rdns;
  }

  /**
   * Reads a name as RFC 4514 writes it, or as OpenSSL prints it (either order, with or without
   * {@code subject=}/{@code issuer=}).
   *
   * @throws MalformedInputException saying why {@code text} is not a distinguished name
   */
  public static DistinguishedName parse(String text) {
    String name = PREFIX.matcher(text.strip()).replaceFirst("").strip();
    if (name.isEmpty()) {
      throw new MalformedInputException("an empty name is not a distinguished name");
    }
    if (name.length() > MAX_LENGTH) {
      throw new MalformedInputException("a distinguished name of more than " + MAX_LENGTH + " characters");
    }
    if (!name.contains("=")) {
      throw new MalformedInputException("\"" + shorten(name) + "\" is not a distinguished name: write it with its"
          + " attribute types, such as CN=Audit Root CA,O=Example, or as openssl x509 -noout -subject prints it");
    }
    String rfc4514 = name.startsWith("/") ? fromCompat(name) : name;
    X500Name parsed;
    try {
      parsed = new X500Name(BCStyle.INSTANCE, rfc4514);
    } catch (RuntimeException e) { // Bouncy Castle's string parser refuses with unchecked exceptions of several kinds
      throw new MalformedInputException("\"" + shorten(name) + "\" is not a distinguished name: "
          + reason(e), e);
    }
    if (parsed.getRDNs().length == 0) {
      throw new MalformedInputException("\"" + shorten(name) + "\" names no attribute");
    }
    for (RDN rdn : parsed.getRDNs()) {
      for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
        if (atv.getValue() == null) { // "CN=#" and the like: a hex value that decodes to nothing
          throw new MalformedInputException("\"" + shorten(name) + "\" is not a distinguished name: a value that is"
              + " not a DER encoding");
        }
      }
    }
    return new DistinguishedName(name, normalised(parsed));
  }

  /** Whether {@code principal} is this name, in either RDN order (see the class comment). */
  public boolean names(X500Principal principal) {
    List<Set<String>> other = normalised(X500Name.getInstance(principal.getEncoded()));
    if (other.equals(rdns)) {
      return true;
    }
    List<Set<String>> reversed = new ArrayList<>(other);
    Collections.reverse(reversed);
    return reversed.equals(rdns);
  }

  /** The name as the administrator wrote it, without a {@code subject=} or {@code issuer=} prefix. */
  @Override
  public String toString() {
    return written;
  }

  /** {@code /O=Example/CN=Audit Root CA} to {@code O=Example,CN=Audit Root CA}, commas in values escaped. */
  private static String fromCompat(String name) {
    return Arrays.stream(COMPAT_SEPARATOR.split(name.substring(1))).map(rdn -> rdn.replace(",", "\\,"))
        .collect(Collectors.joining(","));
  }

  private static List<Set<String>> normalised(X500Name name) {
    List<Set<String>> out = new ArrayList<>();
    for (RDN rdn : name.getRDNs()) {
      out.add(Arrays.stream(rdn.getTypesAndValues()).map(DistinguishedName::normalised).collect(Collectors.toSet()));
    }
    return out;
  }

  private static String normalised(AttributeTypeAndValue atv) {
    return atv.getType().getId() + "=" + value(atv.getValue());
  }

  /** A string compared as RFC 4518 prepares it (case folded, insignificant spaces gone); anything else by its DER. */
  private static String value(ASN1Encodable value) {
    if (value instanceof ASN1String s) {
      String prepared = Normalizer.normalize(s.getString(), Normalizer.Form.NFKC);
      return SPACES.matcher(prepared.strip()).replaceAll(" ").toLowerCase(Locale.ROOT);
    }
    try {
      return "#" + Hex.toHexString(value.toASN1Primitive().getEncoded(ASN1Encoding.DER));
    } catch (java.io.IOException e) {
      throw new MalformedInputException("an attribute value that does not encode", e);
    }
  }

  private static String reason(RuntimeException e) {
    String m = e.getMessage() == null ? "" : e.getMessage();
    if (m.startsWith("Unknown object id - ")) {
      String type = m.substring("Unknown object id - ".length()).replace(" - passed to distinguished name", "").strip();
      return type.isEmpty() ? "an attribute without its type" : "unknown attribute type \"" + shorten(type) + "\"";
    }
    return "badly formed (every attribute is TYPE=value, separated by commas)";
  }

  private static String shorten(String s) {
    return s.length() > 80 ? s.substring(0, 80) + "..." : s;
  }
}
