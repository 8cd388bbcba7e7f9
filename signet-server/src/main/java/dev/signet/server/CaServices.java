package dev.signet.server;

import dev.signet.pki.CaException;
import dev.signet.pki.CertificateAuthority;
import dev.signet.pki.Enrollment;
import dev.signet.pki.Issuer;
import dev.signet.pki.CertificateProfile;
import dev.signet.server.part.ServiceContext;
import dev.signet.server.part.ServicePart;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Optional;

/**
 * The CA's services: EST (RFC 7030) over HTTPS; the CRLs, the CA certificates and the OCSP
 * responder (RFC 6960) over HTTP, where the issued certificates point. Every EST answer carries a
 * status message S/MIME-signed by the CA in the {@code Signet-Status} header.
 */
final class CaServices implements ServicePart {
  static final String EST = "/.well-known/est";
  static final String STATUS_HEADER = "Signet-Status";
  static final String REASON_HEADER = "Signet-Reason";
  private static final String CERTS_ONLY = "application/pkcs7-mime; smime-type=certs-only";

  @Override
  public void configure(JavalinConfig config, ServiceContext context) {
    Issuer issuer = context.issuer();
    CertificateAuthority ca = context.authority();
    config.routes.get(EST + "/cacerts", ctx -> base64(ctx, CERTS_ONLY, ca.caCertificatesCms()));
    config.routes.get(EST + "/{label}/cacerts", ctx -> base64(ctx, CERTS_ONLY, ca.caCertificatesCms()));
    config.routes.post(EST + "/simpleenroll", ctx -> enroll(ctx, issuer, Optional.of(CertificateProfile.DUAL_USE)));
    config.routes.post(EST + "/{label}/simpleenroll", ctx -> enroll(ctx, issuer, label(ctx)));
    config.routes.post(EST + "/{label}/serverkeygen", ctx -> serverKeyGen(ctx, issuer));
    config.routes.post(EST + "/simplereenroll", ctx -> reenroll(ctx, issuer));
    config.routes.post(EST + "/{label}/simplereenroll", ctx -> reenroll(ctx, issuer));
    config.routes.get("/crl/issuing.crl", ctx -> binary(ctx, "application/pkix-crl", issuer.currentCrl()));
    config.routes.get("/crl/root.crl", ctx -> binary(ctx, "application/pkix-crl", issuer.rootCrl()));
    config.routes.get("/ca/issuing.cer", ctx -> binary(ctx, "application/pkix-cert", encoded(ca.caCertificates().get(0))));
    config.routes.get("/ca/root.cer", ctx -> binary(ctx, "application/pkix-cert", encoded(ca.caCertificates().get(1))));
    config.routes.post("/ocsp", ctx -> binary(ctx, "application/ocsp-response", issuer.ocsp(ctx.bodyAsBytes())));
    config.routes.get("/ocsp/{request}", ctx -> binary(ctx, "application/ocsp-response",
        issuer.ocsp(base64Path(ctx.pathParam("request")))));
  }

  /** Whether these services answer {@code path} over plain HTTP themselves (EST does, to refuse it). */
  static boolean answersPlainHttp(String path) {
    return path.startsWith(EST + "/") || path.startsWith("/crl/") || path.startsWith("/ca/") || path.equals("/ocsp")
        || path.startsWith("/ocsp/");
  }

  private static Optional<CertificateProfile> label(Context ctx) {
    return CertificateProfile.fromCliName(ctx.pathParam("label"));
  }

  private static void enroll(Context ctx, Issuer issuer, Optional<CertificateProfile> profile) {
    if (profile.isEmpty()) {
      answer(ctx, issuer, 404, new Enrollment.Rejected(CaException.Reason.BAD_REQUEST,
          "unknown EST label (signing, encryption, dual-use)"));
      return;
    }
    credentials(ctx, issuer).ifPresent(c -> {
      Enrollment result = issuer.enroll(c[0], c[1], ctx.bodyAsBytes(), profile.get());
      answer(ctx, issuer, status(result), result);
    });
  }

  /** RFC 7030 4.4: the server makes the key; only encryption keys, which it may archive. */
  private static void serverKeyGen(Context ctx, Issuer issuer) {
    if (!label(ctx).equals(Optional.of(CertificateProfile.ENCRYPTION))) {
      answer(ctx, issuer, 404, new Enrollment.Rejected(CaException.Reason.BAD_REQUEST,
          "the server makes encryption keys only (/.well-known/est/encryption/serverkeygen)"));
      return;
    }
    credentials(ctx, issuer).ifPresent(c -> {
      Enrollment result = issuer.enrollServerKey(c[0], c[1], ctx.bodyAsBytes());
      answer(ctx, issuer, status(result), result);
    });
  }

  /** The address and token of HTTP Basic over HTTPS; otherwise the request is answered here. */
  private static Optional<String[]> credentials(Context ctx, Issuer issuer) {
    if (!secure(ctx, issuer)) {
      return Optional.empty();
    }
    Optional<String[]> credentials = basic(ctx.header("Authorization"));
    if (credentials.isEmpty()) {
      ctx.header("WWW-Authenticate", "Basic realm=\"signet-est\", charset=\"UTF-8\"");
      answer(ctx, issuer, 401, new Enrollment.Rejected(CaException.Reason.NOT_AUTHORIZED,
          "enrollment needs your address and token (HTTP Basic)"));
    }
    return credentials;
  }

  private static void reenroll(Context ctx, Issuer issuer) {
    if (!secure(ctx, issuer)) {
      return;
    }
    Object certs = ctx.req().getAttribute("jakarta.servlet.request.X509Certificate");
    if (!(certs instanceof X509Certificate[] chain) || chain.length == 0) {
      answer(ctx, issuer, 401, new Enrollment.Rejected(CaException.Reason.NOT_AUTHORIZED,
          "re-enrollment needs your current certificate from this CA, shown over TLS"));
      return;
    }
    Enrollment result = issuer.reenroll(chain[0], ctx.bodyAsBytes());
    answer(ctx, issuer, status(result), result);
  }

  private static boolean secure(Context ctx, Issuer issuer) {
    if (ctx.req().isSecure()) {
      return true;
    }
    answer(ctx, issuer, 403, new Enrollment.Rejected(CaException.Reason.NOT_AUTHORIZED, "EST is served over HTTPS only"));
    return false;
  }

  private static int status(Enrollment e) {
    if (e instanceof Enrollment.Rejected r) {
      return switch (r.reason()) {
        case TOKEN_UNKNOWN, TOKEN_USED, TOKEN_EXPIRED, NOT_AUTHORIZED -> 401;
        default -> 400;
      };
    }
    return 200;
  }

  /** The EST answer: the certificate (certs-only, base64) or the reason as text, with the signed status. */
  private static void answer(Context ctx, Issuer issuer, int status, Enrollment result) {
    byte[] signed = issuer.statusMessage("Signet enrollment: " + (status == 200 ? "accepted" : "rejected"),
        result.statusText());
    ctx.header(STATUS_HEADER, Base64.getEncoder().encodeToString(signed));
    ctx.status(status);
    if (result instanceof Enrollment.Issued issued) {
      base64(ctx, CERTS_ONLY, issued.issued().certsOnly());
    } else if (result instanceof Enrollment.KeyMade made) {
      keyAndCertificate(ctx, made);
    } else if (result instanceof Enrollment.Rejected rejected) {
      ctx.header(REASON_HEADER, rejected.reason().name());
      ctx.contentType("text/plain; charset=utf-8").result(result.statusText() + "\n");
    }
  }

  /** The RFC 7030 4.4.2 answer: the private key (PKCS#8) and the certificate, over the TLS connection. */
  private static void keyAndCertificate(Context ctx, Enrollment.KeyMade made) {
    String boundary = "est-" + made.issued().serial();
    var mime = Base64.getMimeEncoder(64, new byte[] {'\r', '\n'});
    String body = "--" + boundary + "\r\nContent-Type: application/pkcs8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        + mime.encodeToString(made.key().getEncoded()) + "\r\n--" + boundary + "\r\nContent-Type: " + CERTS_ONLY
        + "\r\nContent-Transfer-Encoding: base64\r\n\r\n" + mime.encodeToString(made.issued().certsOnly())
        + "\r\n--" + boundary + "--\r\n";
    ctx.header("Cache-Control", "no-store");
    ctx.contentType("multipart/mixed; boundary=" + boundary).result(body.getBytes(StandardCharsets.US_ASCII));
  }

  private static void base64(Context ctx, String type, byte[] der) {
    ctx.header("Content-Transfer-Encoding", "base64");
    ctx.contentType(type).result(Base64.getMimeEncoder(64, new byte[] {'\r', '\n'}).encode(der));
  }

  private static void binary(Context ctx, String type, byte[] body) {
    ctx.contentType(type).result(body);
  }

  private static byte[] encoded(X509Certificate cert) throws CertificateEncodingException {
    return cert.getEncoded();
  }

  private static byte[] base64Path(String text) {
    try {
      return Base64.getDecoder().decode(java.net.URLDecoder.decode(text, StandardCharsets.US_ASCII));
    } catch (IllegalArgumentException e) {
      return new byte[0];
    }
  }

  /** HTTP Basic credentials: the address and the token. */
  static Optional<String[]> basic(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.empty();
    }
    try {
      String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon <= 0 ? Optional.empty()
          : Optional.of(new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
