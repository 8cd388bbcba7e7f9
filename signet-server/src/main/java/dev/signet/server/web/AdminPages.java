package dev.signet.server.web;

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
  private final CertificateAuthority ca;
  private final Clock clock;

  AdminPages(Accounts accounts, CertificateAuthority ca, Clock clock) {
    this.accounts = accounts;
    this.ca = ca;
    this.clock = clock;
  }

  void routes(JavalinConfig config) {
    config.routes.get("/web/admin/people", ctx -> people(ctx, "", ""));
    config.routes.post("/web/admin/tokens", this::token);
    config.routes.post("/web/admin/people", this::addPerson);
    config.routes.get("/web/admin/certificates", ctx -> Views.render(ctx, "admin_certificates.jte",
        Map.of("page", WebUi.page(ctx, "Certificates"), "certificates", ca.list())));
    config.routes.post("/web/admin/certificates/{serial}/revoke", this::revoke);
    config.routes.get("/web/admin/audit", ctx -> Views.render(ctx, "admin_audit.jte",
        Map.of("page", WebUi.page(ctx, "Audit log"), "events", ca.auditLog())));
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
