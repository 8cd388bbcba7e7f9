package dev.signet.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One mailbox of an address header field (RFC 5322 section 3.4): a display name and the address.
 * When angle brackets are present, the address is what they hold and everything before them is
 * the display name, however much that looks like an address itself.
 */
record HeaderMailbox(String displayName, Optional<String> address) {

  /** The mailboxes of a field value such as {@code "A" <a@x>, b@y}; a bare name has no address. */
  static List<HeaderMailbox> parseList(String value) {
    List<HeaderMailbox> out = new ArrayList<>();
    for (String item : splitTopLevel(withoutComments(value))) {
      String groupless = stripGroup(item).trim();
      if (!groupless.isEmpty()) {
        out.add(parse(groupless));
      }
    }
    return out;
  }

  static HeaderMailbox parse(String text) {
    int open = text.lastIndexOf('<');
    int close = text.lastIndexOf('>');
    if (open >= 0 && close > open) {
      String address = text.substring(open + 1, close).trim();
      return new HeaderMailbox(unquote(text.substring(0, open).trim()), looksLikeAddress(address)
          ? Optional.of(address) : Optional.empty());
    }
    String bare = text.trim();
    return looksLikeAddress(bare) ? new HeaderMailbox("", Optional.of(bare))
        : new HeaderMailbox(unquote(bare), Optional.empty());
  }

  /** Whether the display name itself reads as an address other than the mailbox's own. */
  boolean nameImpersonatesAnotherAddress() {
    return displayName.contains("@") && address.map(a -> !displayName.trim().equalsIgnoreCase(a)).orElse(true);
  }

  private static boolean looksLikeAddress(String s) {
    int at = s.lastIndexOf('@');
    return at > 0 && at < s.length() - 1 && s.chars().noneMatch(c -> c == ' ' || c == '\t' || c == '<' || c == '>');
  }

  private static String unquote(String s) {
    return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
  }

  /** A group's "name:" prefix and ";" suffix (RFC 5322 section 3.4) around its members. */
  private static String stripGroup(String item) {
    int colon = item.indexOf(':');
    int firstSpecial = item.length();
    for (char c : new char[] {'<', '"', '@'}) {
      int at = item.indexOf(c);
      firstSpecial = at >= 0 ? Math.min(firstSpecial, at) : firstSpecial;
    }
    String members = colon >= 0 && colon < firstSpecial ? item.substring(colon + 1) : item;
    return members.replace(";", "");
  }

  private static String withoutComments(String value) {
    StringBuilder out = new StringBuilder();
    int depth = 0;
    boolean quoted = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' && depth == 0) {
        quoted = !quoted;
      } else if (c == '(' && !quoted) {
        depth++;
        continue;
      } else if (c == ')' && !quoted && depth > 0) {
        depth--;
        continue;
      }
      if (depth == 0) {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Splits at commas outside quotes and angle brackets. */
  private static List<String> splitTopLevel(String value) {
    List<String> items = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    boolean angled = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\' && quoted && i + 1 < value.length()) {
        current.append(c).append(value.charAt(++i));
        continue;
      }
      quoted ^= c == '"' && !angled;
      angled = !quoted && (c == '<' || (angled && c != '>'));
      if (c == ',' && !quoted && !angled) {
        items.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    items.add(current.toString());
    return items;
  }
}
