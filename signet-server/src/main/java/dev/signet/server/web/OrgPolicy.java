package dev.signet.server.web;

import dev.signet.core.Policy;
import dev.signet.core.PolicySetting;
import dev.signet.core.SmimeException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

  /** What saving settings came to: how many changed, or each refused value with the reason, nothing saved. */
  record Change(int changed, Map<PolicySetting, String> refused) {
    Change {
      refused = Map.copyOf(refused);
    }

    boolean saved() {
      return refused.isEmpty();
    }
  }

  /**
   * Sets each setting of {@code values} to its value, or (with an empty value) removes it, in one
   * transaction and only if every value is one its setting takes; each change goes to the audit log.
   */
  Change change(Map<PolicySetting, String> values, String actor, Instant now) {
    Map<PolicySetting, String> current = current().values();
    Map<PolicySetting, String> refused = new EnumMap<>(PolicySetting.class);
    Map<PolicySetting, String> changed = new EnumMap<>(PolicySetting.class);
    values.forEach((setting, value) -> {
      String v = value.strip();
      Optional<String> problem = problem(setting, v);
      if (problem.isPresent()) {
        refused.put(setting, problem.get());
      } else if (!v.equals(current.getOrDefault(setting, ""))) {
        changed.put(setting, v);
      }
    });
    if (!refused.isEmpty()) {
      return new Change(0, refused);
    }
    db.inTransaction(c -> {
      for (Map.Entry<PolicySetting, String> e : changed.entrySet()) {
        store(c, e.getKey(), e.getValue(), actor, now);
      }
      return null;
    });
    return new Change(changed.size(), Map.of());
  }

  /** Why {@code value} is not one {@code setting} takes, checked by the same parser as policy files. */
  private static Optional<String> problem(PolicySetting setting, String value) {
    if (value.contains("\n") || value.contains("\r")) {
      return Optional.of("a setting's value is one line");
    }
    try {
      if (!value.isEmpty()) {
        parse(List.of(setting.registryName() + "=" + value));
      }
      return Optional.empty();
    } catch (SmimeException | IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
  }

  private static void store(Connection c, PolicySetting setting, String value, String actor, Instant now)
      throws SQLException {
    WebDatabase.update(c, "DELETE FROM web_policy WHERE name = ?", setting.registryName());
    if (!value.isEmpty()) {
      WebDatabase.update(c, "INSERT INTO web_policy (name, setting_value) VALUES (?, ?)", setting.registryName(), value);
    }
    // The CA's audit log is the organisation's one log of administrators' actions.
    WebDatabase.update(c, "INSERT INTO audit_event (at, actor, action, detail) VALUES (?, ?, ?, ?)", now, actor,
        "policy", value.isEmpty() ? setting.registryName() + " removed" : setting.registryName() + "=" + value);
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
