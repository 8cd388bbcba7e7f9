package dev.signet.server.web;

import dev.signet.core.FailureKind;
import dev.signet.pki.CertificateAuthority;
import dev.signet.pki.IssuedCertificate;
import dev.signet.pki.RevocationReason;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Map;
import java.util.Optional;

/** The CA's certificates on the administrator's console; revoking one asks for the RFC 5280 reason and a confirmation. */
final class CertificatePages {
  private static final String PATH = "/web/admin/certificates";

  private final CertificateAuthority ca;

  CertificatePages(CertificateAuthority ca) {
    this.ca = ca;
  }

  void routes(JavalinConfig config) {
    config.routes.get(PATH, this::list);
    config.routes.get(PATH + "/{serial}/revoke", ctx -> Views.render(ctx, "admin_certificate_revoke.jte",
        Map.of("page", WebUi.page(ctx, "Revoke a certificate"), "c", unrevoked(ctx.pathParam("serial")),
            "reasons", RevocationReason.values())));
    config.routes.post(PATH + "/{serial}/revoke", this::revoke);
  }

  private void list(Context ctx) {
    String notice = Optional.ofNullable(ctx.queryParam("revoked")).filter(s -> s.matches("[0-9a-f]{1,40}"))
        .map(s -> "Certificate " + s + " revoked: the next CRL and every OCSP answer say so.").orElse("");
    Views.render(ctx, "admin_certificates.jte", Map.of("page", WebUi.page(ctx, "Certificates").withNotice(notice),
        "certificates", ca.list()));
  }

  private void revoke(Context ctx) {
    IssuedCertificate c = unrevoked(ctx.pathParam("serial"));
    RevocationReason reason = RevocationReason.fromCliName(Optional.ofNullable(ctx.formParam("reason")).orElse(""))
        .orElseThrow(() -> new WebRefusal(FailureKind.MALFORMED_INPUT, "Choose the reason for revoking."));
    ca.revoke(c.serial(), reason, WebUi.session(ctx).person().email());
    ctx.redirect(PATH + "?revoked=" + c.serial(), HttpStatus.SEE_OTHER);
  }

  private IssuedCertificate unrevoked(String serial) {
    Optional<IssuedCertificate> c = ca.find(serial);
    if (c.isEmpty()) {
      throw new WebRefusal(FailureKind.NOT_FOUND, "The CA issued no certificate with that serial.");
    }
    if (c.get().isRevoked()) {
      throw new WebRefusal(FailureKind.CONFLICT, "That certificate is already revoked.");
    }
    return c.get();
  }
}
