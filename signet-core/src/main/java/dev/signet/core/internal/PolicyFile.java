package dev.signet.core.internal;

import dev.signet.core.ContentCipher;
import dev.signet.core.MalformedInputException;
import dev.signet.core.PolicySetting;
import dev.signet.core.SecurityLabel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two policy file formats of POLICY.md: {@code Name=Value} lines and Windows {@code .reg}
 * exports (REGEDIT4 or version 5.00, UTF-8 or UTF-16 with its byte-order mark). Every line is
 * checked; an unknown name, a bad value or a setting given twice is an error naming the line (both
 * lines, for a setting given twice). In a {@code .reg} export, values count only under Outlook's
 * security policy key, {@code HKEY_CURRENT_USER} or {@code HKEY_LOCAL_MACHINE}
 * {@code \Software\Policies\Microsoft\Office\<version>\Outlook\Security}: a value under any other
 * key is refused, naming the key, rather than read as if it were policy, and so is a key deletion.
 */
public final class PolicyFile {
  private static final Pattern SECURITY_KEY = Pattern.compile("(?i)(HKEY_CURRENT_USER|HKEY_LOCAL_MACHINE|HKCU|HKLM)"
      + "\\\\Software\\\\Policies\\\\Microsoft\\\\Office\\\\[0-9]+\\.[0-9]+\\\\Outlook\\\\Security");
  private static final String SECURITY_KEY_TEXT =
      "HKEY_CURRENT_USER (or HKEY_LOCAL_MACHINE)\\Software\\Policies\\Microsoft\\Office\\<version>\\Outlook\\Security";
  private static final Pattern REG_VALUE = Pattern.compile("^\"((?:[^\"\\\\]|\\\\.)+)\"\\s*=\\s*(.*)$");
  private static final Pattern NAME_VALUE = Pattern.compile("^([A-Za-z][A-Za-z0-9]*)\\s*=\\s?(.*)$");

  private final String source;
  private final Map<PolicySetting, String> values = new EnumMap<>(PolicySetting.class);
  private final Map<PolicySetting, Integer> givenOn = new EnumMap<>(PolicySetting.class);
  /** The {@code .reg} key the values below belong to; empty before the first key. */
  private String key = "";

  private PolicyFile(String source) {
    this.source = source;
  }

  /**
   * The settings of a policy file, each checked.
   *
   * @throws MalformedInputException naming the line (and source) of the first thing wrong
   */
  public static Map<PolicySetting, String> parse(byte[] bytes, String source) {
    return new PolicyFile(source).read(bytes);
  }

  /**
   * What is wrong with {@code value} as {@code setting}'s value as a {@link dev.signet.core.Policy}
   * holds it (a DWORD in decimal, a binary value as hex digits), if anything.
   */
  public static Optional<String> problem(PolicySetting setting, String value) {
    try {
      switch (setting.kind()) {
        case DWORD -> {
          if (!value.matches("-?[0-9]{1,10}")) {
            throw new Problem(setting.registryName() + ": not a number: \"" + shorten(value) + "\"");
          }
          dword(setting, Long.parseLong(value));
        }
        case STRING -> string(setting, value);
        case BINARY -> binary(setting, value);
      }
      return Optional.empty();
    } catch (Problem p) {
      return Optional.of(p.getMessage());
    }
  }

  private Map<PolicySetting, String> read(byte[] bytes) {
    String[] lines = decode(bytes).split("\r?\n", -1);
    String first = firstContentLine(lines);
    boolean reg = first.equals("REGEDIT4") || first.startsWith("Windows Registry Editor Version");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      int number = i + 1;
      try {
        if (reg) {
          while (line.endsWith("\\") && i + 1 < lines.length) {
            line = line.substring(0, line.length() - 1) + lines[++i].strip();
          }
          parseRegLine(line, number);
        } else {
          parseNameValueLine(line, number);
        }
      } catch (Problem p) {
        throw new MalformedInputException("policy " + source + " line " + number + ": " + p.getMessage());
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

  private void parseNameValueLine(String line, int number) {
    if (line.isEmpty() || line.startsWith("#")) {
      return;
    }
    Matcher m = NAME_VALUE.matcher(line);
    if (!m.matches()) {
      throw new Problem("expected Name=Value, found \"" + shorten(line) + "\"");
    }
    PolicySetting setting = known(m.group(1));
    String raw = m.group(2).strip();
    String value = switch (setting.kind()) {
      case DWORD -> dword(setting, parseDecimalOrHex(raw, setting));
      case STRING -> string(setting, m.group(2));
      case BINARY -> binary(setting, raw.replaceAll("[\\s,:]", ""));
    };
    put(setting, value, number);
  }

  private void parseRegLine(String line, int number) {
    if (line.isEmpty() || line.startsWith(";") || line.equals("REGEDIT4")
        || line.startsWith("Windows Registry Editor Version")) {
      return;
    }
    if (line.startsWith("[")) {
      if (!line.endsWith("]")) {
        throw new Problem("a key without its closing bracket: \"" + shorten(line) + "\"");
      }
      key = line.substring(1, line.length() - 1).strip();
      if (key.startsWith("-")) {
        throw new Problem("[" + shorten(key, 300) + "] deletes a key; a policy file only sets values");
      }
      return;
    }
    Matcher m = REG_VALUE.matcher(line);
    if (!m.matches()) {
      throw new Problem("expected \"Name\"=value, found \"" + shorten(line) + "\"");
    }
    if (key.isEmpty()) {
      throw new Problem("\"" + shorten(m.group(1)) + "\" comes before any key; policy values belong under "
          + SECURITY_KEY_TEXT);
    }
    if (!SECURITY_KEY.matcher(key).matches()) {
      throw new Problem("\"" + shorten(m.group(1)) + "\" is under [" + shorten(key, 300) + "], which is not Outlook's"
          + " security policy key; policy values belong under " + SECURITY_KEY_TEXT);
    }
    PolicySetting setting = known(m.group(1));
    String raw = m.group(2).strip();
    String lower = raw.toLowerCase(Locale.ROOT);
    String value;
    if (lower.startsWith("dword:")) {
      expect(setting, PolicySetting.Kind.DWORD);
      value = dword(setting, parseHex(raw.substring(6), setting));
    } else if (raw.startsWith("\"") && raw.endsWith("\"") && raw.length() >= 2) {
      expect(setting, PolicySetting.Kind.STRING);
      value = string(setting, raw.substring(1, raw.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\"));
    } else if (lower.startsWith("hex:")) {
      expect(setting, PolicySetting.Kind.BINARY);
      value = binary(setting, raw.substring(4).replaceAll("[\\s,]", ""));
    } else {
      throw new Problem(setting.registryName() + ": unsupported value \"" + shorten(raw) + "\"");
    }
    put(setting, value, number);
  }

  /** A setting given twice is an error: which of two values an administrator meant is not ours to guess. */
  private void put(PolicySetting setting, String value, int number) {
    Integer before = givenOn.putIfAbsent(setting, number);
    if (before != null) {
      throw new Problem(setting.registryName() + " is given twice, on line " + before + " and on line " + number);
    }
    values.put(setting, value);
  }

  private static PolicySetting known(String name) {
    return PolicySetting.byName(name).orElseThrow(() -> new Problem("unknown setting \"" + shorten(name) + "\""));
  }

  private static void expect(PolicySetting setting, PolicySetting.Kind kind) {
    if (setting.kind() != kind) {
      throw new Problem(setting.registryName() + " takes a " + setting.kind() + " value, not a " + kind);
    }
  }

  private static long parseDecimalOrHex(String raw, PolicySetting setting) {
    String r = raw.toLowerCase(Locale.ROOT);
    if (r.startsWith("dword:")) {
      return parseHex(r.substring(6), setting);
    }
    if (r.startsWith("0x")) {
      return parseHex(r.substring(2), setting);
    }
    try {
      return Long.parseLong(r);
    } catch (NumberFormatException e) {
      throw new Problem(setting.registryName() + ": not a number: \"" + shorten(raw) + "\"");
    }
  }

  private static long parseHex(String raw, PolicySetting setting) {
    try {
      return Long.parseLong(raw.strip(), 16);
    } catch (NumberFormatException e) {
      throw new Problem(setting.registryName() + ": not a hexadecimal DWORD: \"" + shorten(raw) + "\"");
    }
  }

  private static String dword(PolicySetting setting, long value) {
    if (value != (int) value || !setting.allowed().contains((int) value)) {
      throw new Problem(setting.registryName() + " must be one of " + setting.allowed() + ", not " + value);
    }
    return Long.toString(value);
  }

  /**
   * requiredCA must be a distinguished name and DefaultEncryptionCipher a cipher Signet encrypts with,
   * checked here so that a typo stops the load, not a send.
   */
  private static String string(PolicySetting setting, String value) {
    if (setting == PolicySetting.DEFAULT_ENCRYPTION_CIPHER && ContentCipher.forEncryption(value).isEmpty()) {
      throw new Problem(setting.registryName() + " must be one of AES-128-GCM, AES-256-GCM, AES-128-CBC or"
          + " AES-256-CBC, not \"" + shorten(value) + "\"");
    }
    if (setting == PolicySetting.REQUIRED_CA) {
      try {
        DistinguishedName.parse(value);
      } catch (MalformedInputException e) {
        throw new Problem(setting.registryName() + ": " + e.getMessage());
      }
    }
    return value;
  }

  private static String binary(PolicySetting setting, String hex) {
    byte[] der;
    try {
      der = HexFormat.of().parseHex(hex);
    } catch (IllegalArgumentException e) {
      throw new Problem(setting.registryName() + ": not hexadecimal bytes");
    }
    if (setting == PolicySetting.FORCE_SECURITY_LABEL_X) {
      try {
        SecurityLabel.fromDer(der);
      } catch (MalformedInputException e) {
        throw new Problem("ForceSecurityLabelX: " + e.getMessage());
      }
    }
    return HexFormat.of().formatHex(der);
  }

  private static String shorten(String s) {
    return shorten(s, 60);
  }

  private static String shorten(String s, int max) {
    return s.length() > max ? s.substring(0, max) + "..." : s;
  }

  /** What is wrong with one line; the reader adds where it is. */
  private static final class Problem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Problem(String message) {
      super(message, null, false, false);
    }
  }
}
