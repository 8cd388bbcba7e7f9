package dev.signet.core.internal;

import dev.signet.core.MalformedInputException;
import dev.signet.core.PolicySetting;
import dev.signet.core.SecurityLabel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two policy file formats of POLICY.md: {@code Name=Value} lines and Windows {@code .reg}
 * exports (REGEDIT4 or version 5.00, UTF-8 or UTF-16 with its byte-order mark). Every line is
 * checked; an unknown name or a bad value is an error naming the line.
 */
public final class PolicyFile {
  private static final Pattern REG_VALUE = Pattern.compile("^\"((?:[^\"\\\\]|\\\\.)+)\"\\s*=\\s*(.*)$");
  private static final Pattern NAME_VALUE = Pattern.compile("^([A-Za-z][A-Za-z0-9]*)\\s*=\\s?(.*)$");

  private PolicyFile() {}

  public static Map<PolicySetting, String> parse(byte[] bytes, String source) {
    String text = decode(bytes);
    String[] lines = text.split("\r?\n", -1);
    String first = firstContentLine(lines);
    boolean reg = first.equals("REGEDIT4") || first.startsWith("Windows Registry Editor Version");
    Map<PolicySetting, String> values = new EnumMap<>(PolicySetting.class);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      int number = i + 1;
      if (reg) {
        while (line.endsWith("\\") && i + 1 < lines.length) {
          line = line.substring(0, line.length() - 1) + lines[++i].strip();
        }
        parseRegLine(line, number, source, values);
      } else {
        parseNameValueLine(line, number, source, values);
      }
    }
    return values;
  }

  private static String decode(byte[] b) {
    if (b.length >= 2 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE) {
      return new String(b, 2, b.length - 2, StandardCharsets.UTF_16LE);
    }
    if (b.length >= 2 && (b[0] & 0xff) == 0xFE && (b[1] & 0xff) == 0xFF) {
      return new String(b, 2, b.length - 2, StandardCharsets.UTF_16BE);
    }
    int skip = b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF ? 3 : 0;
    return new String(b, skip, b.length - skip, Charset.forName("UTF-8"));
  }

  private static String firstContentLine(String[] lines) {
    for (String l : lines) {
      if (!l.isBlank()) {
        return l.strip();
      }
    }
    return "";
  }

  private static void parseNameValueLine(String line, int number, String source, Map<PolicySetting, String> values) {
    if (line.isEmpty() || line.startsWith("#")) {
      return;
    }
    Matcher m = NAME_VALUE.matcher(line);
    if (!m.matches()) {
      throw error(source, number, "expected Name=Value, found \"" + shorten(line) + "\"");
    }
    PolicySetting setting = known(m.group(1), source, number);
    String raw = m.group(2).strip();
    String value = switch (setting.kind()) {
      case DWORD -> dword(setting, parseDecimalOrHex(raw, setting, source, number), source, number);
      case STRING -> m.group(2);
      case BINARY -> binary(setting, raw.replaceAll("[\\s,:]", ""), source, number);
    };
    values.put(setting, value);
  }

  private static void parseRegLine(String line, int number, String source, Map<PolicySetting, String> values) {
    if (line.isEmpty() || line.startsWith(";") || line.startsWith("[") || line.equals("REGEDIT4")
        || line.startsWith("Windows Registry Editor Version")) {
      return;
    }
    Matcher m = REG_VALUE.matcher(line);
    if (!m.matches()) {
      throw error(source, number, "expected \"Name\"=value, found \"" + shorten(line) + "\"");
    }
    PolicySetting setting = known(m.group(1), source, number);
    String raw = m.group(2).strip();
    String lower = raw.toLowerCase(Locale.ROOT);
    String value;
    if (lower.startsWith("dword:")) {
      expect(setting, PolicySetting.Kind.DWORD, source, number);
      value = dword(setting, parseHex(raw.substring(6), setting, source, number), source, number);
    } else if (raw.startsWith("\"") && raw.endsWith("\"") && raw.length() >= 2) {
      expect(setting, PolicySetting.Kind.STRING, source, number);
      value = raw.substring(1, raw.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
    } else if (lower.startsWith("hex:")) {
      expect(setting, PolicySetting.Kind.BINARY, source, number);
      value = binary(setting, raw.substring(4).replaceAll("[\\s,]", ""), source, number);
    } else {
      throw error(source, number, setting.registryName() + ": unsupported value \"" + shorten(raw) + "\"");
    }
    values.put(setting, value);
  }

  private static PolicySetting known(String name, String source, int number) {
    return PolicySetting.byName(name).orElseThrow(() -> error(source, number, "unknown setting \"" + name + "\""));
  }

  private static void expect(PolicySetting setting, PolicySetting.Kind kind, String source, int number) {
    if (setting.kind() != kind) {
      throw error(source, number, setting.registryName() + " takes a " + setting.kind() + " value, not a " + kind);
    }
  }

  private static long parseDecimalOrHex(String raw, PolicySetting setting, String source, int number) {
    String r = raw.toLowerCase(Locale.ROOT);
    if (r.startsWith("dword:")) {
      return parseHex(r.substring(6), setting, source, number);
    }
    if (r.startsWith("0x")) {
      return parseHex(r.substring(2), setting, source, number);
    }
    try {
      return Long.parseLong(r);
    } catch (NumberFormatException e) {
      throw error(source, number, setting.registryName() + ": not a number: \"" + shorten(raw) + "\"");
    }
  }

  private static long parseHex(String raw, PolicySetting setting, String source, int number) {
    try {
      return Long.parseLong(raw.strip(), 16);
    } catch (NumberFormatException e) {
      throw error(source, number, setting.registryName() + ": not a hexadecimal DWORD: \"" + shorten(raw) + "\"");
    }
  }

  private static String dword(PolicySetting setting, long value, String source, int number) {
    if (!setting.allowed().contains((int) value) || value != (int) value) {
      throw error(source, number, setting.registryName() + " must be one of " + setting.allowed() + ", not " + value);
    }
    return Long.toString(value);
  }

  private static String binary(PolicySetting setting, String hex, String source, int number) {
    byte[] der;
    try {
      der = HexFormat.of().parseHex(hex);
    } catch (IllegalArgumentException e) {
      throw error(source, number, setting.registryName() + ": not hexadecimal bytes");
    }
    if (setting == PolicySetting.FORCE_SECURITY_LABEL_X) {
      checkSecurityLabel(der, source, number);
    }
    return HexFormat.of().formatHex(der);
  }

  private static void checkSecurityLabel(byte[] der, String source, int number) {
    try {
      SecurityLabel.fromDer(der);
    } catch (MalformedInputException e) {
      throw error(source, number, "ForceSecurityLabelX: " + e.getMessage());
    }
  }

  private static MalformedInputException error(String source, int number, String message) {
    return new MalformedInputException("policy " + source + " line " + number + ": " + message);
  }

  private static String shorten(String s) {
    return s.length() > 60 ? s.substring(0, 60) + "..." : s;
  }
}
