package dev.signet.core;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * EnrollPageURL expanded for one person: {@code %1} their display name, {@code %2} their email
 * address, {@code %3} the Windows ANSI code page of their language (1252 for English and the other
 * Western European languages, 1250 Central European, 1251 Cyrillic, 932 Japanese, ...; 1252 when
 * the language has none listed), each URL-encoded.
 */
public final class EnrollmentUrl {
  private static final Map<String, Integer> CODE_PAGES = Map.ofEntries(
      Map.entry("cs", 1250), Map.entry("pl", 1250), Map.entry("hu", 1250), Map.entry("sk", 1250),
      Map.entry("sl", 1250), Map.entry("hr", 1250), Map.entry("ro", 1250), Map.entry("ru", 1251),
      Map.entry("uk", 1251), Map.entry("bg", 1251), Map.entry("sr", 1251), Map.entry("el", 1253),
      Map.entry("tr", 1254), Map.entry("he", 1255), Map.entry("ar", 1256), Map.entry("fa", 1256),
      Map.entry("lt", 1257), Map.entry("lv", 1257), Map.entry("et", 1257), Map.entry("vi", 1258),
      Map.entry("th", 874), Map.entry("ja", 932), Map.entry("ko", 949));

  private EnrollmentUrl() {}

  public static String expand(String template, String name, String email, Locale language) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      char next = i + 1 < template.length() ? template.charAt(i + 1) : 0;
      String value = c != '%' ? null : switch (next) {
        case '1' -> name;
        case '2' -> email;
        case '3' -> Integer.toString(codePage(language));
        default -> null;
      };
      if (value == null) {
        out.append(c);
      } else {
        out.append(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
        i++;
      }
    }
    return out.toString();
  }

  /** Chinese is 936 (simplified) or 950 (traditional, Taiwan and Hong Kong). */
  public static int codePage(Locale language) {
    if (language.getLanguage().equals("zh")) {
      return Locale.TAIWAN.getCountry().equals(language.getCountry()) || "HK".equals(language.getCountry()) ? 950 : 936;
    }
    return CODE_PAGES.getOrDefault(language.getLanguage(), 1252);
  }
}
