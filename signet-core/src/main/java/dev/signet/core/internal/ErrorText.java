package dev.signet.core.internal;

import dev.signet.core.ErrorLine;
import java.io.EOFException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.cms.CMSException;

/**
 * Why a parser refused untrusted input, in words for a person: never a Java class name. Bouncy Castle and the JDK
 * say "class org.bouncycastle.asn1.DLTaggedObjectParser cannot be cast to class ...ASN1SetParser" or quote a nested
 * "java.io.IOException: ..."; this names the ASN.1 element instead ("a tagged element where a SET was expected").
 */
public final class ErrorText {
  /** "class a.b.C cannot be cast to class d.e.F (...)", as the JDK words a ClassCastException. */
  private static final Pattern CAST =
      Pattern.compile("(?:class )?([\\w$.]+) cannot be cast to (?:class )?([\\w$.]+)");

  private ErrorText() {}

  /** The reason {@code e} (or the first of its causes that says anything) gives, without Java class names. */
  public static String of(Throwable e) {
    // A CMSException only wraps what Bouncy Castle's parsers said.
    Throwable t = ErrorLine.firstSaying(e, CMSException.class::isInstance);
    if (t instanceof ClassCastException && t.getMessage() != null) {
      Matcher cast = CAST.matcher(t.getMessage());
      if (cast.find()) {
        return element(simpleName(cast.group(1))) + " where " + element(simpleName(cast.group(2))) + " was expected";
      }
      return "an element of an unexpected type";
    }
    if (t.getMessage() == null || t.getMessage().isBlank()) {
      return t instanceof EOFException ? "the input ends too early (truncated?)" : "an unreadable structure";
    }
    String text = clean(t.getMessage());
    return text.isBlank() ? "an unreadable structure" : text;
  }

  /** {@code text} with quoted exception names and method names dropped and class names told as ASN.1 elements. */
  public static String clean(String text) {
    List<String> out = new ArrayList<>();
    String[] words = text.split(" ", -1);
    for (int i = 0; i < words.length; i++) {
      String word = words[i];
      String bare = stripped(word);
      boolean parserMethod = word.endsWith(",") && isMethod(bare); // the JDK's "DerValue.getOID, not an OID"
      if (isQuotedException(word, bare) || parserMethod) {
        continue;
      }
      if (word.equals("class") && i + 1 < words.length && isQualified(stripped(words[i + 1]), 2)) {
        continue;
      }
      if (isQualified(bare, 2)) {
        out.add(word.replace(bare, element(simpleName(bare))));
      } else if (isExceptionName(bare)) {
        out.add(word.replace(bare, "error"));
      } else {
        out.add(word);
      }
    }
    return String.join(" ", out).trim();
  }

  /** The word without the punctuation a sentence puts around it. */
  private static String stripped(String word) {
    int start = 0;
    int end = word.length();
    while (start < end && "([{'\"".indexOf(word.charAt(start)) >= 0) {
      start++;
    }
    while (end > start && ")]}'\":,;.".indexOf(word.charAt(end - 1)) >= 0) {
      end--;
    }
    return word.substring(start, end);
  }

  /** Whether {@code word} quotes a nested exception, as in "java.io.IOException: ...". */
  private static boolean isQuotedException(String word, String bare) {
    return word.endsWith(":") && isQualified(bare, 1) && isExceptionName(simpleName(bare));
  }

  /** Whether {@code word} reads as a Java class name with at least {@code packages} package parts before it. */
  static boolean isQualified(String word, int packages) {
    String[] parts = word.split("\\.", -1);
    if (parts.length < packages + 1) {
      return false;
    }
    for (int i = 0; i < parts.length - 1; i++) {
      if (!isIdentifier(parts[i]) || !(Character.isLowerCase(parts[i].charAt(0)) || parts[i].charAt(0) == '_')) {
        return false;
      }
    }
    String last = parts[parts.length - 1];
    return isIdentifier(last) && Character.isUpperCase(last.charAt(0));
  }

  /** "DerValue.getOID": a class and one of its methods. */
  private static boolean isMethod(String word) {
    String[] parts = word.split("\\.", -1);
    return parts.length == 2 && isIdentifier(parts[0]) && Character.isUpperCase(parts[0].charAt(0))
        && isIdentifier(parts[1]) && Character.isLowerCase(parts[1].charAt(0));
  }

  private static boolean isExceptionName(String word) {
    return isIdentifier(word) && Character.isUpperCase(word.charAt(0)) && word.length() > "Error".length()
        && (word.endsWith("Exception") || word.endsWith("Error"));
  }

  private static boolean isIdentifier(String part) {
    if (part.isEmpty()) {
      return false;
    }
    for (int i = 0; i < part.length(); i++) {
      char c = part.charAt(i);
      if (!(c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '$')) || i == 0 && Character.isDigit(c)) {
        return false;
      }
    }
    return true;
  }

  private static String simpleName(String qualified) {
    return qualified.substring(qualified.lastIndexOf('.') + 1);
  }

  /** What a Bouncy Castle ASN.1 class stands for, with its article. */
  static String element(String simpleName) {
    String n = simpleName.toLowerCase(Locale.ROOT);
    if (n.contains("tagged")) {
      return "a tagged element";
    } else if (n.contains("sequence")) {
      return "a SEQUENCE";
    } else if (n.contains("set")) {
      return "a SET";
    } else if (n.contains("objectidentifier")) {
      return "an OBJECT IDENTIFIER";
    } else if (n.contains("integer") || n.contains("enumerated")) {
      return "an INTEGER";
    } else if (n.contains("octetstring")) {
      return "an OCTET STRING";
    } else if (n.contains("bitstring")) {
      return "a BIT STRING";
    } else if (n.contains("boolean")) {
      return "a BOOLEAN";
    } else if (n.contains("null")) {
      return "a NULL";
    } else if (n.contains("time")) {
      return "a time";
    } else if (n.endsWith("string")) {
      return "a string";
    }
    return "another ASN.1 element";
  }

  /**
   * {@code text} as a person may read it: quoted exceptions ("java.io.IOException: ") dropped and, if a Java class
   * name is still there, the text cut before the clause that holds it; {@code fallback} when nothing is left.
   */
  public static String withoutClassNames(String text, String fallback) {
    if (text == null || text.isBlank()) {
      return fallback;
    }
    StringBuilder kept = new StringBuilder();
    for (String word : text.split(" ", -1)) {
      String bare = stripped(word);
      if (isQuotedException(word, bare)) {
        continue;
      }
      if (isQualified(bare, 2) || isExceptionName(bare)) {
        int cut = kept.lastIndexOf(": ");
        String before = cut > 0 ? kept.substring(0, cut) : "";
        return before.isBlank() ? fallback : before.strip();
      }
      kept.append(kept.length() == 0 ? "" : " ").append(word);
    }
    String t = kept.toString().strip();
    return t.isBlank() ? fallback : t;
  }
}
