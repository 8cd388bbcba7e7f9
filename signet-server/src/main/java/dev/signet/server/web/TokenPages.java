package dev.signet.server.web;

import dev.signet.core.FailureKind;
import dev.signet.pki.CaException;
import dev.signet.pki.CertificateAuthority;
import dev.signet.pki.EnrollmentToken;
import dev.signet.pki.IssuedToken;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Enrollment tokens on the administrator's console: listed with address, expiry and state, revoked
 * after a confirmation; a new token is shown once, on a page reached by redirect, so a reload posts nothing.
 */
final class TokenPages {
  private static final String PATH = "/web/admin/tokens";
  /** What the session keeps of a new token until its page shows it: the secret, address and expiry. */
  private static final String NEW_TOKEN = "new-token";

  private final CertificateAuthority ca;
  private final Sessions sessions;
  private final Clock clock;

  TokenPages(CertificateAuthority ca, Sessions sessions, Clock clock) {
    this.ca = ca;
    this.sessions = sessions;
    this.clock = clock;
  }

  /** A token as listed: the CA's record and where it stands now. */
  record Row(IssuedToken token, String state, boolean revocable) {}

  /** A token just made, as its one showing presents it. */
  record Made(String secret, String email, String expires) {}

  void routes(JavalinConfig config) {
    config.routes.get(PATH, ctx -> list(ctx, ""));
    config.routes.post(PATH, this::make);
    config.routes.get(PATH + "/new", this::showNew);
    config.routes.get(PATH + "/{id}/revoke", this::confirmRevoke);
    config.routes.post(PATH + "/{id}/revoke", this::revoke);
  }

  private void list(Context ctx, String error) {
    String notice = "1".equals(ctx.queryParam("revoked")) ? "Token revoked: it enrolls nothing more." : "";
    List<Row> rows = ca.tokens().stream().map(t -> new Row(t, t.state(clock.instant()).name().toLowerCase(),
        t.revocable(clock.instant()))).toList();
    Views.render(ctx, "admin_tokens.jte", Map.of("page", WebUi.page(ctx, "Enrollment tokens").withNotice(notice)
        .withError(error), "rows", rows));
  }

  private void make(Context ctx) {
    String email = Optional.ofNullable(ctx.formParam("email")).orElse("");
    EnrollmentToken t;
    try {
      int days = Integer.parseInt(Optional.ofNullable(ctx.formParam("days")).orElse("7"));
      t = ca.token(email, Optional.empty(), Duration.ofDays(days), WebUi.session(ctx).person().email());
    } catch (NumberFormatException | CaException e) {
      ctx.status(400);
      list(ctx, e instanceof CaException ? e.getMessage() : "Days is a whole number.");
      return;
    }
    char[] kept = (t.secret() + " " + t.email() + " " + Views.shown(t.expires())).toCharArray();
    try {
      sessions.keep(WebUi.session(ctx), NEW_TOKEN, kept);
    } finally {
      Arrays.fill(kept, '\0');
    }
    ctx.redirect(PATH + "/new", HttpStatus.SEE_OTHER);
  }

  /** The new token, once: the session forgets it as it is shown. */
  private void showNew(Context ctx) {
    Sessions.Session s = WebUi.session(ctx);
    Optional<char[]> kept = sessions.kept(s, NEW_TOKEN);
    sessions.forget(s, NEW_TOKEN);
    if (kept.isEmpty()) {
      ctx.redirect(PATH, HttpStatus.SEE_OTHER);
      return;
    }
    String[] parts = new String(kept.get()).split(" ", 3);
    Arrays.fill(kept.get(), '\0');
    Views.render(ctx, "admin_token_new.jte", Map.of("page", WebUi.page(ctx, "New enrollment token"),
        "made", new Made(parts[0], parts[1], parts[2])));
  }

  private void confirmRevoke(Context ctx) {
    IssuedToken t = revocable(ctx.pathParam("id"));
    Views.render(ctx, "admin_token_revoke.jte", Map.of("page", WebUi.page(ctx, "Revoke an enrollment token"),
        "token", t));
  }

  private void revoke(Context ctx) {
    IssuedToken t = revocable(ctx.pathParam("id"));
    try {
      ca.revokeToken(t.id(), WebUi.session(ctx).person().email());
    } catch (CaException e) {
      throw new WebRefusal(FailureKind.CONFLICT, "This token can no longer be revoked: " + e.getMessage(), e);
    }
    ctx.redirect(PATH + "?revoked=1", HttpStatus.SEE_OTHER);
  }

  private IssuedToken revocable(String id) {
    return ca.tokens().stream().filter(t -> t.id().equals(id) && t.revocable(clock.instant())).findFirst()
        .orElseThrow(() -> new WebRefusal(FailureKind.NOT_FOUND, "No open enrollment token by that name."));
  }
}
