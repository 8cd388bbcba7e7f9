package dev.signet.server.web;

import dev.signet.core.FailureKind;
import dev.signet.mail.Correspondent;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What compose's script asks for as the person writes: recipients completed as they type, each with
 * the certificate mark signet-mail gives it, and a suggestion picked into its field. The script is
 * htmx, served from here (the page's Content-Security-Policy allows scripts of this site only); without
 * it the form's Check recipients button shows the same marks.
 */
final class ComposeAssist {
  /** htmx, as its WebJar holds it; the version is in the path, so browsers may keep it for a year. */
  static final String HTMX = "/web/assets/htmx-2.0.4.min.js";
  private static final String HTMX_RESOURCE = "/META-INF/resources/webjars/htmx.org/2.0.4/dist/htmx.min.js";
  private static final Set<String> FIELDS = Set.of("to", "cc", "bcc");
  private static final int SUGGESTIONS = 8;

  /** One suggestion as listed: the address with its mark, and the request that picks it into the field. */
  record Suggestion(Views.RecipientMark mark, String pick) {}

  private final Function<Sessions.Session, Correspondent> people;

  ComposeAssist(Function<Sessions.Session, Correspondent> people) {
    this.people = people;
  }

  void routes(JavalinConfig config) {
    // a versioned file: it never changes under its name
    config.routes.get(HTMX, ctx -> WebUi.resource(ctx, HTMX_RESOURCE, "text/javascript; charset=utf-8",
        "public, max-age=31536000, immutable"));
    config.routes.get("/web/compose/suggest", this::suggest);
    config.routes.get("/web/compose/pick", ComposeAssist::pick);
  }

  /** The suggestions for the address being typed: the last of the field's comma-separated list. */
  private void suggest(Context ctx) {
    String field = field(ctx);
    String typed = typing(Optional.ofNullable(ctx.queryParam(field)).orElse(""));
    List<Suggestion> found = typed.isEmpty() ? List.of() : people.apply(WebUi.session(ctx))
        .suggestions(typed, SUGGESTIONS).stream().map(Views.RecipientMark::of)
        .map(m -> new Suggestion(m, "/web/compose/pick?field=" + field + "&pick="
            + URLEncoder.encode(m.address(), StandardCharsets.UTF_8)))
        .toList();
    Views.render(ctx, "suggestions.jte", Map.of("field", field, "found", found));
  }

  /** The field with the suggestion picked in place of what was being typed, ready for the next address. */
  private static void pick(Context ctx) {
    String field = field(ctx);
    String value = Optional.ofNullable(ctx.queryParam(field)).orElse("");
    String picked = Optional.ofNullable(ctx.queryParam("pick")).orElse("").strip();
    int comma = value.lastIndexOf(',');
    String before = comma < 0 ? "" : value.substring(0, comma + 1) + " ";
    Views.render(ctx, "recipient_picked.jte", Map.of("field", field, "value", before.stripLeading() + picked + ", "));
  }

  private static String field(Context ctx) {
    String field = Optional.ofNullable(ctx.queryParam("field")).orElse("");
    if (!FIELDS.contains(field)) {
      throw new WebRefusal(FailureKind.MALFORMED_INPUT, "To, Cc or Bcc.");
    }
    return field;
  }

  /** The address being typed: what follows the list's last comma. */
  static String typing(String list) {
    return list.substring(list.lastIndexOf(',') + 1).strip();
  }
}
