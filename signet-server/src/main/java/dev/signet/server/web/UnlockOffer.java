package dev.signet.server.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * Right after sign-in, a person whose digital IDs are locked is offered to unlock them at once (the
 * password, or "Not now"); either way they go on to where they work.
 */
final class UnlockOffer {
  static final String PATH = "/web/unlock";

  private final KeyRing keys;

  UnlockOffer(KeyRing keys) {
    this.keys = keys;
  }

  void routes(JavalinConfig config) {
    config.routes.get(PATH, ctx -> page(ctx, ""));
    config.routes.post(PATH, this::unlock);
  }

  /** Where a person goes after signing in: the offer when they have digital IDs, all locked; else where they work. */
  String afterSignIn(Sessions.Session session) throws IOException {
    boolean locked = !keys.store(session.person().email()).list().isEmpty() && keys.of(session).isEmpty();
    return locked ? PATH : landing(session.person());
  }

  /** An administrator's console, a person's inbox. */
  static String landing(Accounts.Person person) {
    return person.isAdmin() ? PolicyPage.PATH : "/web/inbox";
  }

  private void page(Context ctx, String error) {
    Views.render(ctx, "unlock.jte", Map.of("page", WebUi.page(ctx, "Unlock your digital IDs").withError(error),
        "next", landing(WebUi.session(ctx).person())));
  }

  private void unlock(Context ctx) throws IOException {
    char[] password = Optional.ofNullable(ctx.formParam("password")).orElse("").toCharArray();
    try {
      if (keys.unlock(WebUi.session(ctx), password)) {
        ctx.redirect(landing(WebUi.session(ctx).person()), HttpStatus.SEE_OTHER);
        return;
      }
    } finally {
      Arrays.fill(password, '\0');
    }
    ctx.status(401);
    page(ctx, "That password does not open your digital IDs.");
  }
}
