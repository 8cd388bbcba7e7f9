package dev.signet.core;

import dev.signet.core.internal.EssEncoding;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * An ESS security label (RFC 2634 section 3, RFC 5035): the policy it is defined under, a
 * classification, a privacy mark and security categories; it travels as a signed attribute.
 *
 * @param policy the security policy identifier (an OID)
 * @param classification 0 to 256; RFC 2634 names 0 to 5 (unmarked ... top-secret)
 * @param privacyMark at most 128 characters
 */
public record SecurityLabel(String policy, OptionalInt classification, Optional<String> privacyMark,
    List<Category> categories) {
  /** RFC 2634's upper bounds: ub-integer-options, ub-privacy-mark-length, ub-security-categories. */
  public static final int MAX_CLASSIFICATION = 256;
  public static final int MAX_PRIVACY_MARK = 128;
  public static final int MAX_CATEGORIES = 64;
  private static final List<String> RFC_CLASSIFICATIONS =
      List.of("unmarked", "unclassified", "restricted", "confidential", "secret", "top-secret");

  public SecurityLabel {
    requireOid(policy, "policy");
    Objects.requireNonNull(classification, "classification");
    if (classification.isPresent() && (classification.getAsInt() < 0 || classification.getAsInt() > MAX_CLASSIFICATION)) {
      throw new IllegalArgumentException("classification " + classification.getAsInt() + " is not in 0.."
          + MAX_CLASSIFICATION);
    }
    Objects.requireNonNull(privacyMark, "privacyMark");
    if (privacyMark.isPresent() && (privacyMark.get().isEmpty() || privacyMark.get().length() > MAX_PRIVACY_MARK)) {
      throw new IllegalArgumentException("a privacy mark has 1 to " + MAX_PRIVACY_MARK + " characters");
    }
    categories = List.copyOf(categories);
    if (categories.size() > MAX_CATEGORIES) {
      throw new IllegalArgumentException("at most " + MAX_CATEGORIES + " security categories");
    }
  }

  /**
   * Reads a DER-encoded ESSSecurityLabel.
   *
   * @throws MalformedInputException if {@code der} is not one, exactly
   */
  public static SecurityLabel fromDer(byte[] der) {
    return EssEncoding.securityLabel(der);
  }

  /** Whether {@code der} is a DER-encoded ESSSecurityLabel. */
  public static boolean isWellFormed(byte[] der) {
    try {
      fromDer(der);
      return true;
    } catch (MalformedInputException e) {
      return false;
    }
  }

  public byte[] toDer() {
    return EssEncoding.der(this);
  }

  /** The marking a person is shown, in RFC 2634's words: "CONFIDENTIAL; ACME ONLY; 1.2.3=red". */
  public String display() {
    StringBuilder s = new StringBuilder(classification.isPresent() ? classificationName(classification.getAsInt())
        : "(no classification)");
    privacyMark.ifPresent(p -> s.append("; ").append(p));
    if (!categories.isEmpty()) {
      s.append("; ").append(categories.stream().map(Category::display).collect(Collectors.joining(", ")));
    }
    return s.toString();
  }

  private static String classificationName(int n) {
    return n < RFC_CLASSIFICATIONS.size() ? RFC_CLASSIFICATIONS.get(n).toUpperCase(Locale.ROOT) : "CLASSIFICATION " + n;
  }

  static void requireOid(String oid, String what) {
    if (oid == null || !oid.matches("[0-2](\\.(0|[1-9][0-9]*))+")) {
      throw new IllegalArgumentException(what + " is not an OID: " + oid);
    }
  }

  /**
   * One security category: a type OID and its value, kept as the DER of the value (ANY DEFINED BY type).
   */
  public record Category(String type, byte[] value) {
    public Category {
      requireOid(type, "category type");
      value = value.clone();
    }

    /** A category whose value is the text {@code text}, as a UTF8String. */
    public static Category text(String type, String text) {
      return new Category(type, EssEncoding.utf8String(text));
    }

    @Override
    public byte[] value() {
      return value.clone();
    }

    /** The value's text, when it is a string. */
    public Optional<String> text() {
      return EssEncoding.text(value);
    }

    /** "type=value": the value's text when it is a string or an integer, else its DER in hex. */
    public String display() {
      return type + "=" + EssEncoding.displayValue(value);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Category c && c.type.equals(type) && Arrays.equals(c.value, value);
    }

    @Override
    public int hashCode() {
      return type.hashCode() * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
      return display();
    }
  }
}
