package dev.signet.server.web;

import dev.signet.core.Policy;
import dev.signet.core.PolicySetting;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The organisation's policy as an administrator sets it in the web console, kept in the database
 * and read by compose and read. Values are checked by the same parser as policy files.
 */
final class OrgPolicy {
  static final String SOURCE = "organisation policy (web console)";

  private final WebDatabase db;

  OrgPolicy(WebDatabase db) {
    this.db = db;
  }

  Policy current() {
    Map<String, String> rows = db.query("SELECT name, setting_value FROM web_policy", r -> Map.entry(r.getString(1),
        r.getString(2))).stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    return parse(rows.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
  }

  /**
   * Sets or (with an empty value) removes a setting.
   *
   * @throws dev.signet.core.MalformedInputException for a value the setting does not take
   */
  void set(PolicySetting setting, String value, String actor, Instant now) {
    String v = value.strip();
    if (v.contains("\n") || v.contains("\r")) {
      throw new IllegalArgumentException("a setting's value is one line");
    }
    if (!v.isEmpty()) {
      parse(List.of(setting.registryName() + "=" + v));
    }
    db.inTransaction(c -> {
      WebDatabase.update(c, "DELETE FROM web_policy WHERE name = ?", setting.registryName());
      if (!v.isEmpty()) {
        WebDatabase.update(c, "INSERT INTO web_policy (name, setting_value) VALUES (?, ?)", setting.registryName(), v);
      }
      // The CA's audit log is the organisation's one log of administrators' actions.
      return WebDatabase.update(c, "INSERT INTO audit_event (at, actor, action, detail) VALUES (?, ?, ?, ?)", now, actor,
          "policy", v.isEmpty() ? setting.registryName() + " removed" : setting.registryName() + "=" + v);
    });
  }

  private static Policy parse(List<String> lines) {
    try {
      Policy parsed = Policy.read(new ByteArrayInputStream(String.join("\n", lines).getBytes(StandardCharsets.UTF_8)),
          "web console");
      return new Policy(parsed.values(), SOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
