package dev.signet.server.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * The administrator's console: the people who sign in. Its other pages are {@link PolicyPage},
 * {@link TokenPages}, {@link CertificatePages} and {@link AuditPage}.
 */
final class AdminPages {
  private final Accounts accounts;
  AdminPages(Accounts accounts) {
    this.accounts = accounts;
  }

  void routes(JavalinConfig config) {
    config.routes.get("/web/admin/people", ctx -> people(ctx, ""));
    config.routes.post("/web/admin/people", this::addPerson);
  }

  private void people(Context ctx, String error) {
    Views.render(ctx, "admin_people.jte", Map.of("page", WebUi.page(ctx, "People").withError(error), "people",
        accounts.list()));
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
      people(ctx, e.getMessage());
    } finally {
      Arrays.fill(password, '\0');
    }
  }
}
