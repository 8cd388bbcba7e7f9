package dev.signet.server.web;

import dev.signet.core.FailureKind;
import dev.signet.pki.AuditQuery;
import dev.signet.pki.CertificateAuthority;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/** The audit log on the administrator's console: newest first, filtered by text and a date range (UTC days), paged. */
final class AuditPage {
  static final int PAGE_SIZE = 50;

  private final CertificateAuthority ca;

  AuditPage(CertificateAuthority ca) {
    this.ca = ca;
  }

  /** The filter as typed (to show it again) and where the page stands. */
  record Filter(String text, String from, String until, int page, int pages, int total) {
    /** The query string of page {@code n} under this filter. */
    String link(int n) {
      return "?q=" + enc(text) + "&from=" + enc(from) + "&until=" + enc(until) + "&page=" + n;
    }

    private static String enc(String s) {
      return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
  }

  void routes(JavalinConfig config) {
    config.routes.get("/web/admin/audit", this::page);
  }

  private void page(Context ctx) {
    String text = param(ctx, "q");
    String from = param(ctx, "from");
    String until = param(ctx, "until");
    int page = Optional.ofNullable(ctx.queryParam("page")).filter(p -> p.matches("\\d{1,6}")).map(Integer::parseInt)
        .filter(p -> p > 0).orElse(1);
    Optional<Instant> start;
    Optional<Instant> end;
    try {
      start = day(from, 0);
      end = day(until, 1); // the whole of the last day
    } catch (DateTimeParseException e) {
      throw new WebRefusal(FailureKind.MALFORMED_INPUT, "Dates are written as YYYY-MM-DD.", e);
    }
    AuditQuery.Page found = ca.auditLog(new AuditQuery(text, start, end, (page - 1) * PAGE_SIZE, PAGE_SIZE));
    int pages = Math.max(1, (found.total() + PAGE_SIZE - 1) / PAGE_SIZE);
    Views.render(ctx, "admin_audit.jte", Map.of("page", WebUi.page(ctx, "Audit log"), "events", found.events(),
        "filter", new Filter(text, from, until, page, pages, found.total())));
  }

  private static String param(Context ctx, String name) {
    String v = Optional.ofNullable(ctx.queryParam(name)).orElse("").strip();
    return v.length() > 200 ? v.substring(0, 200) : v;
  }

  private static Optional<Instant> day(String date, int plusDays) {
    return date.isEmpty() ? Optional.empty()
        : Optional.of(LocalDate.parse(date).plusDays(plusDays).atStartOfDay(ZoneOffset.UTC).toInstant());
  }
}
