package dev.signet.server.web;

import dev.signet.core.Policy;
import dev.signet.core.PolicySetting;
import dev.signet.core.SmimeException;
import dev.signet.pki.CaException;
import dev.signet.pki.CertificateAuthority;
import dev.signet.pki.EnrollmentToken;
import dev.signet.pki.RevocationReason;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The administrator's console: every policy setting, people and their enrollment tokens, certificates, the audit log. */
final class AdminPages {
  private final Accounts accounts;
  private final OrgPolicy policy;
  private final AutoEnrollment autoEnrollment;
  private final KeyExportDefault keyExport;
  private final CertificateAuthority ca;
  private final Clock clock;

  AdminPages(Accounts accounts, OrgPolicy policy, AutoEnrollment autoEnrollment, KeyExportDefault keyExport,
      CertificateAuthority ca, Clock clock) {
    this.accounts = accounts;
    this.policy = policy;
    this.autoEnrollment = autoEnrollment;
    this.keyExport = keyExport;
    this.ca = ca;
    this.clock = clock;
  }

  void routes(JavalinConfig config) {
    config.routes.get("/web/admin/policy", ctx -> policyPage(ctx, ""));
    config.routes.post("/web/admin/policy", this::setPolicy);
    config.routes.post("/web/admin/auto-enrollment", ctx -> {
      autoEnrollment.set("1".equals(ctx.formParam("allowed")), WebUi.session(ctx).person().email(), clock.instant());
      ctx.redirect("/web/admin/policy", HttpStatus.SEE_OTHER);
    });
    config.routes.post("/web/admin/key-export", ctx -> {
      keyExport.set("1".equals(ctx.formParam("nonexportable")), WebUi.session(ctx).person().email(), clock.instant());
      ctx.redirect("/web/admin/policy", HttpStatus.SEE_OTHER);
    });
    config.routes.get("/web/admin/people", ctx -> people(ctx, "", ""));
    config.routes.post("/web/admin/tokens", this::token);
    config.routes.post("/web/admin/people", this::addPerson);
    config.routes.get("/web/admin/certificates", ctx -> Views.render(ctx, "admin_certificates.jte",
        Map.of("page", WebUi.page(ctx, "Certificates"), "certificates", ca.list())));
    config.routes.post("/web/admin/certificates/{serial}/revoke", this::revoke);
    config.routes.get("/web/admin/audit", ctx -> Views.render(ctx, "admin_audit.jte",
        Map.of("page", WebUi.page(ctx, "Audit log"), "events", ca.auditLog())));
  }

  private void policyPage(Context ctx, String error) {
    Policy current = policy.current();
    List<Views.SettingRow> rows = Arrays.stream(PolicySetting.values())
        .map(s -> new Views.SettingRow(s, value(current, s), effective(current, s))).toList();
    Views.render(ctx, "admin_policy.jte", Map.of("page", WebUi.page(ctx, "Policy").withError(error), "rows", rows,
        "autoEnrollment", autoEnrollment.allowed(), "keyExportSealed", keyExport.nonExportable()));
  }

  private static String value(Policy p, PolicySetting s) {
    return p.isSet(s) ? p.values().get(s) : "";
  }

  private static String effective(Policy p, PolicySetting s) {
    if (p.isSet(s)) {
      return p.values().get(s);
    }
    return s.kind() == PolicySetting.Kind.DWORD ? s.absentValue() + " (absent)" : "(absent)";
  }

  private void setPolicy(Context ctx) {
    Optional<PolicySetting> setting = PolicySetting.byName(Optional.ofNullable(ctx.formParam("name")).orElse(""));
    if (setting.isEmpty()) {
      throw new WebRefusal(400, "No such setting.");
    }
    try {
      policy.set(setting.get(), Optional.ofNullable(ctx.formParam("value")).orElse(""),
          WebUi.session(ctx).person().email(), clock.instant());
    } catch (SmimeException | IllegalArgumentException e) {
      ctx.status(400);
      policyPage(ctx, setting.get().registryName() + ": " + e.getMessage());
      return;
    }
    ctx.redirect("/web/admin/policy", HttpStatus.SEE_OTHER);
  }

  private void people(Context ctx, String token, String error) {
    Views.render(ctx, "admin_people.jte", Map.of("page", WebUi.page(ctx, "People").withError(error), "people",
        accounts.list(), "token", token));
  }

  private void addPerson(Context ctx) {
    char[] password = Optional.ofNullable(ctx.formParam("password")).orElse("").toCharArray();
    try {
      Accounts.Role role = "admin".equals(ctx.formParam("role")) ? Accounts.Role.ADMIN : Accounts.Role.PERSON;
      accounts.create(Optional.ofNullable(ctx.formParam("email")).orElse(""),
          Optional.ofNullable(ctx.formParam("name")).orElse(""), role, password);
      ctx.redirect("/web/admin/people", HttpStatus.SEE_OTHER);
    } catch (IllegalArgumentException e) {
      ctx.status(400);
      people(ctx, "", e.getMessage());
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  private void token(Context ctx) {
    String email = Optional.ofNullable(ctx.formParam("email")).orElse("");
    int days;
    try {
      days = Integer.parseInt(Optional.ofNullable(ctx.formParam("days")).orElse("7"));
      EnrollmentToken t = ca.token(email, Optional.empty(), Duration.ofDays(days), WebUi.session(ctx).person().email());
      people(ctx, t.secret(), "");
    } catch (NumberFormatException | CaException e) {
      ctx.status(400);
      people(ctx, "", e instanceof CaException ? e.getMessage() : "Days is a whole number.");
    }
  }

  private void revoke(Context ctx) {
    try {
      ca.revoke(ctx.pathParam("serial"), RevocationReason.UNSPECIFIED, WebUi.session(ctx).person().email());
    } catch (CaException e) {
      throw new WebRefusal(400, e.getMessage());
    }
    ctx.redirect("/web/admin/certificates", HttpStatus.SEE_OTHER);
  }
}
