package dev.signet.server.web;

import dev.signet.core.FailureKind;
import dev.signet.core.Policy;
import dev.signet.core.PolicySetting;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The administrator's policy page: one control per setting (a checkbox for an on/off DWORD, a select
 * of the values the others take, a text field for strings), saved together through the policy
 * engine's checks, then shown again by redirect with what changed; auto-enrollment and key export.
 */
final class PolicyPage {
  static final String PATH = "/web/admin/policy";

  private final OrgPolicy policy;
  private final AutoEnrollment autoEnrollment;
  private final KeyExportDefault keyExport;
  private final Clock clock;

  PolicyPage(OrgPolicy policy, AutoEnrollment autoEnrollment, KeyExportDefault keyExport, Clock clock) {
    this.policy = policy;
    this.autoEnrollment = autoEnrollment;
    this.keyExport = keyExport;
    this.clock = clock;
  }

  /** How a setting is edited. */
  enum Control {
    CHECKBOX,
    SELECT,
    TEXT;

    /** A checkbox where 0 and 1 are all a setting takes and its absence means 0; a select for other DWORDs. */
    static Control of(PolicySetting s) {
      if (s.kind() != PolicySetting.Kind.DWORD) {
        return TEXT;
      }
      return s.allowed().equals(List.of(0, 1)) && s.absence().isEmpty() ? CHECKBOX : SELECT;
    }
  }

  /**
   * One setting as shown: its control and the value in it, whether it is set (else at its default,
   * {@code standing} says which), and why the value last submitted was refused, if it was.
   */
  record Row(PolicySetting setting, Control control, String value, boolean set, String standing, String error) {
    String name() {
      return setting.registryName();
    }

    List<String> options() {
      return setting.allowed().stream().map(String::valueOf).toList();
    }
  }

  void routes(JavalinConfig config) {
    config.routes.get(PATH, ctx -> page(ctx, rows(policy.current(), Map.of(), Map.of()), ""));
    config.routes.post(PATH + "/settings", this::saveAll);
    config.routes.post(PATH, this::saveOne);
    config.routes.post("/web/admin/auto-enrollment", ctx -> {
      autoEnrollment.set("1".equals(ctx.formParam("allowed")), WebUi.session(ctx).person().email(), clock.instant());
      ctx.redirect(PATH, HttpStatus.SEE_OTHER);
    });
    config.routes.post("/web/admin/key-export", ctx -> {
      keyExport.set("1".equals(ctx.formParam("nonexportable")), WebUi.session(ctx).person().email(), clock.instant());
      ctx.redirect(PATH, HttpStatus.SEE_OTHER);
    });
  }

  private void page(Context ctx, List<Row> rows, String error) {
    String notice = Optional.ofNullable(ctx.queryParam("saved")).filter(n -> n.matches("\\d{1,3}"))
        .map(n -> "Policy saved: " + n + (n.equals("1") ? " setting" : " settings") + " changed").orElse("");
    Views.render(ctx, "admin_policy.jte", Map.of("page", WebUi.page(ctx, "Policy").withNotice(notice).withError(error),
        "rows", rows, "autoEnrollment", autoEnrollment.allowed(), "keyExportSealed", keyExport.nonExportable()));
  }

  /** The whole form: each setting as its control says, all saved or, if one is refused, none. */
  private void saveAll(Context ctx) {
    Policy current = policy.current();
    Map<PolicySetting, String> submitted = new LinkedHashMap<>();
    for (PolicySetting s : PolicySetting.values()) {
      submitted.put(s, submitted(ctx, s, current));
    }
    save(ctx, submitted, current);
  }

  /** One setting by its name and value as a policy file writes it: the secondary way, for scripts and imports. */
  private void saveOne(Context ctx) {
    PolicySetting setting = PolicySetting.byName(Optional.ofNullable(ctx.formParam("name")).orElse(""))
        .orElseThrow(() -> new WebRefusal(FailureKind.MALFORMED_INPUT, "No such setting."));
    save(ctx, Map.of(setting, Optional.ofNullable(ctx.formParam("value")).orElse("")), policy.current());
  }

  private void save(Context ctx, Map<PolicySetting, String> values, Policy current) {
    OrgPolicy.Change change = policy.change(values, WebUi.session(ctx).person().email(), clock.instant());
    if (change.saved()) {
      ctx.redirect(PATH + "?saved=" + change.changed(), HttpStatus.SEE_OTHER);
      return;
    }
    ctx.status(400);
    page(ctx, rows(current, values, change.refused()), "Nothing saved: " + String.join("; ", change.refused().entrySet()
        .stream().map(e -> e.getKey().registryName() + ": " + e.getValue()).toList()));
  }

  /**
   * The value a setting's control submitted ("" to remove it). An unticked checkbox sends nothing, so
   * a checkbox says 0 or 1; left at the default it leaves the setting absent, and "use the default" removes it.
   */
  private static String submitted(Context ctx, PolicySetting s, Policy current) {
    String given = Optional.ofNullable(ctx.formParam("v-" + s.registryName())).orElse("").strip();
    if (Control.of(s) != Control.CHECKBOX) { // a field the form did not send leaves its setting as it is
      return ctx.formParam("v-" + s.registryName()) == null ? current.values().getOrDefault(s, "") : given;
    }
    String ticked = "1".equals(given) ? "1" : "0";
    boolean atDefault = !current.isSet(s) && ticked.equals(String.valueOf(s.absentValue()));
    return atDefault || ctx.formParam("reset-" + s.registryName()) != null ? "" : ticked;
  }

  /** The rows of {@code current}, showing {@code submitted} values and the {@code refused} ones' reasons over it. */
  private static List<Row> rows(Policy current, Map<PolicySetting, String> submitted, Map<PolicySetting, String> refused) {
    return Arrays.stream(PolicySetting.values()).map(s -> {
      String value = submitted.getOrDefault(s, current.isSet(s) ? current.values().get(s) : "");
      boolean set = current.isSet(s);
      String shown = Control.of(s) == Control.CHECKBOX && value.isEmpty() ? String.valueOf(s.absentValue()) : value;
      return new Row(s, Control.of(s), shown, set, set ? "set" : "default: " + absent(s), refused.getOrDefault(s, ""));
    }).toList();
  }

  /** What the setting's absence means. */
  static String absent(PolicySetting s) {
    return s.absence().orElse(s.kind() == PolicySetting.Kind.DWORD ? s.absentValue() + " (absent)" : "(absent)");
  }
}
