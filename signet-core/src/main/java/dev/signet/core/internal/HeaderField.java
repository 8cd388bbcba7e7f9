package dev.signet.core.internal;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One header field as it arrived: its name and its raw bytes, folding and line breaks included.
 */
public record HeaderField(String name, byte[] raw) {
  private static final java.util.regex.Pattern FOLD = java.util.regex.Pattern.compile("\r?\n[ \t]");
  private static final java.util.regex.Pattern TRAILING_BREAK = java.util.regex.Pattern.compile("[\r\n]+$");

  /** The unfolded value, without the name and colon, trimmed. */
  public String value() {
    String text = new String(raw, StandardCharsets.ISO_8859_1);
    int colon = text.indexOf(':');
    String unfolded = FOLD.matcher(text.substring(colon + 1)).replaceAll(" ");
    return TRAILING_BREAK.matcher(unfolded).replaceAll("").trim();
  }

  public boolean is(String other) {
    return name.equalsIgnoreCase(other);
  }

  /** Content-* fields belong to a MIME entity; the rest belong to the message around it. */
  public boolean isContentField() {
    return name.toLowerCase(Locale.ROOT).startsWith("content-");
  }

  /** This field with {@code ; name="value"} added on a folded line of its own, CRLF-terminated. */
  public HeaderField withParameter(String parameter, String value) {
    String text = TRAILING_BREAK.matcher(new String(raw, StandardCharsets.ISO_8859_1)).replaceAll("");
    return new HeaderField(name, (text + ";\r\n " + parameter + "=\"" + value + "\"\r\n")
        .getBytes(StandardCharsets.ISO_8859_1));
  }

  /** This field as the value of another, {@code HP-Outer: Subject: [...]}, folding kept. */
  public HeaderField wrappedIn(String outerName) {
    byte[] prefix = (outerName + ": ").getBytes(StandardCharsets.US_ASCII);
    byte[] all = java.util.Arrays.copyOf(prefix, prefix.length + raw.length);
    System.arraycopy(raw, 0, all, prefix.length, raw.length);
    return new HeaderField(outerName, all);
  }

  /** A field built by Signet, CRLF-terminated. */
  public static HeaderField of(String name, String value) {
    return new HeaderField(name, (name + ": " + value + "\r\n").getBytes(StandardCharsets.US_ASCII));
  }
}
