package dev.signet.core;

import dev.signet.core.internal.PolicyFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An organisation's policy: the settings an administrator has set, each checked when it was
 * read. A setting that is present is enforced whatever its value; an absent one means the secure
 * behaviour ({@link PolicySetting#absentValue()}), or leaves the person's choice in force
 * ({@link PolicySetting#absence()}).
 *
 * @param values each setting's value: a DWORD in decimal, a string as set, a binary value as hex digits
 * @param source where the settings came from, for reports ("policy file org.reg", "built-in defaults")
 */
public record Policy(Map<PolicySetting, String> values, String source) {
  /** @throws MalformedInputException for a value its setting does not take (such as a requiredCA that is no name) */
  public Policy {
    values = Collections.unmodifiableMap(new EnumMap<>(values.isEmpty() ? new EnumMap<>(PolicySetting.class) : values));
    Objects.requireNonNull(source, "source");
    values.forEach((setting, value) -> PolicyFile.problem(setting, value).ifPresent(p -> {
      throw new MalformedInputException("policy " + source + ": " + p);
    }));
  }

  /** No setting present: every decision falls to the secure defaults. */
  public static Policy defaults() {
    return new Policy(Map.of(), "built-in defaults");
  }

  /**
   * Reads a policy file: {@code Name=Value} lines or a Windows {@code .reg} export, detected.
   *
   * @throws MalformedInputException naming the line of an unknown setting or a bad value
   */
  public static Policy read(InputStream in, String sourceName) throws IOException {
    return new Policy(PolicyFile.parse(in.readAllBytes(), sourceName), "policy file " + sourceName);
  }

  /**
   * This policy beneath an organisation's: every setting the organisation set holds as it set it, and
   * this one adds only what the organisation left absent.
   */
  public Policy beneath(Policy organisation) {
    Map<PolicySetting, String> merged = new EnumMap<>(PolicySetting.class);
    merged.putAll(values);
    merged.putAll(organisation.values);
    return new Policy(merged, organisation.source + ", then " + source);
  }

  public boolean isSet(PolicySetting setting) {
    return values.containsKey(setting);
  }

  /** A DWORD setting's value as set, if it is. */
  public OptionalInt dword(PolicySetting setting) {
    String v = values.get(setting);
    return v == null || setting.kind() != PolicySetting.Kind.DWORD ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(v));
  }

  /** A DWORD setting's value, or what its absence means. */
  public int effective(PolicySetting setting) {
    return dword(setting).orElse(setting.absentValue());
  }

  public Optional<String> string(PolicySetting setting) {
    return setting.kind() == PolicySetting.Kind.STRING ? Optional.ofNullable(values.get(setting)) : Optional.empty();
  }

  public Optional<byte[]> binary(PolicySetting setting) {
    String v = values.get(setting);
    return v == null || setting.kind() != PolicySetting.Kind.BINARY ? Optional.empty() : Optional.of(HexFormat.of().parseHex(v));
  }
}
