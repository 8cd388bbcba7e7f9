package dev.signet.server.web;

import dev.signet.core.ContentCipher;
import dev.signet.core.DigestAlgorithm;
import dev.signet.core.DigitalId;
import dev.signet.core.EnrollmentUrl;
import dev.signet.core.FailureKind;
import dev.signet.core.PolicySetting;
import dev.signet.core.SmimeException;
import dev.signet.mail.IdStore;
import dev.signet.mail.Profile;
import dev.signet.mail.StoreException;
import dev.signet.mail.StoredId;
import dev.signet.pki.CertificateAuthority;
import dev.signet.pki.Enrollment;
import dev.signet.pki.Issuer;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A person's digital IDs: list, unlock for the session, lock, get one with an enrollment token or, when
 * the organisation allows it, by auto-enrollment, import and export PKCS#12, and security-settings profiles.
 */
final class IdPages {
  private static final long MAX_PKCS12_BYTES = 64 * 1024;
  private final KeyRing keys;
  private final CertificateAuthority ca;
  private final Issuer issuer;
  private final OrgPolicy policy;
  private final AutoEnrollment autoEnrollment;
  private final KeyExportDefault keyExport;
  private final LoginLimiter limiter;
  private final LoginLimiter issuances;
  private final SecureRandom random;

  /**
   * {@code limiter} counts wrong tokens, as sign-in counts wrong passwords; {@code issuances} counts the
   * IDs auto-enrollment issues, on its own so that they never hold back anyone's sign-in.
   */
  IdPages(KeyRing keys, CertificateAuthority ca, Issuer issuer, OrgPolicy policy, AutoEnrollment autoEnrollment,
      KeyExportDefault keyExport, LoginLimiter limiter, LoginLimiter issuances, SecureRandom random) {
    this.keys = keys;
    this.ca = ca;
    this.issuer = issuer;
    this.policy = policy;
    this.autoEnrollment = autoEnrollment;
    this.keyExport = keyExport;
    this.limiter = limiter;
    this.issuances = issuances;
    this.random = random;
  }

  void routes(JavalinConfig config) {
    config.routes.get("/web/ids", ctx -> page(ctx, "", ""));
    config.routes.post("/web/ids/unlock", this::unlock);
    config.routes.post("/web/ids/lock", ctx -> {
      keys.lock(WebUi.session(ctx));
      ctx.redirect("/web/ids", HttpStatus.SEE_OTHER);
    });
    config.routes.post("/web/ids/enroll", this::enroll);
    config.routes.post("/web/ids/auto-enroll", this::autoEnroll);
    config.routes.post("/web/ids/import", this::importId);
    config.routes.post("/web/ids/export", this::exportId);
    config.routes.post("/web/ids/profiles", this::addProfile);
  }

  private void page(Context ctx, String notice, String error) throws IOException {
    Sessions.Session s = WebUi.session(ctx);
    IdStore store = keys.store(s.person().email());
    List<Views.IdRow> rows = new ArrayList<>();
    for (StoredId id : store.list()) {
      rows.add(new Views.IdRow(id.name(), id.email(), id.purpose().label(),
          id.issuer(), Views.shown(id.expiry()), id.exportable()));
    }
    String defaultProfile = store.defaultProfile().map(Profile::name).orElse("");
    List<Views.ProfileRow> profiles = store.profiles().stream().map(p -> new Views.ProfileRow(p.name(), p.signingId(),
        p.receivingId(), p.hash().name(), p.cipher().displayName(), p.name().equals(defaultProfile),
        p.nonExportable())).toList();
    String enrollPage = policy.current().string(PolicySetting.ENROLL_PAGE_URL).map(url -> EnrollmentUrl.expand(url,
        s.person().name(), s.person().email(), ctx.req().getLocale())).orElse("");
    Views.render(ctx, "ids.jte", Map.of("page", WebUi.page(ctx, "Digital IDs").withNotice(notice).withError(error),
        "ids", rows, "unlocked", !keys.of(s).isEmpty(), "profiles", profiles, "enrollPage", enrollPage,
        "autoEnroll", autoEnrollment.allowed(), "sealedByDefault", sealedByDefault(store)));
  }

  /** Adds a PKCS#12 file's ID, rewritten under the person's digital-ID password. */
  private void importId(Context ctx) throws IOException {
    UploadedFile file = ctx.uploadedFile("file");
    char[] filePassword = field(ctx, "filepassword").toCharArray();
    char[] password = field(ctx, "password").toCharArray();
    try {
      if (file == null || file.size() > MAX_PKCS12_BYTES) {
        throw new WebRefusal(FailureKind.MALFORMED_INPUT, "Choose a PKCS#12 file (.p12 or .pfx) of at most 64 KiB.");
      }
      DigitalId id;
      try (InputStream in = file.content()) {
        id = DigitalId.readPkcs12(in, filePassword);
      } catch (SmimeException e) {
        ctx.status(400);
        page(ctx, "", "That file cannot be opened with that password, or holds no digital ID.");
        return;
      }
      if (!keys.unlocks(WebUi.session(ctx), password)) {
        ctx.status(400);
        page(ctx, "", "Give the password of your digital IDs: the imported one is kept under it too.");
        return;
      }
      StoredId added = keys.store(WebUi.session(ctx).person().email()).add("id-" + id.certificate().getSerialNumber()
          .toString(16), id, password, exportable(ctx, keys.store(WebUi.session(ctx).person().email())));
      page(ctx, "Imported " + added.name() + " (" + added.email() + ").", "");
    } catch (StoreException e) {
      ctx.status(400);
      page(ctx, "", e.getMessage());
    } finally {
      Arrays.fill(filePassword, '\0');
      Arrays.fill(password, '\0');
    }
  }

  /** Sends the ID as a PKCS#12 file under the digital-ID password; refused for a non-exportable ID. */
  private void exportId(Context ctx) throws IOException {
    IdStore store = keys.store(WebUi.session(ctx).person().email());
    String name = field(ctx, "name");
    char[] password = field(ctx, "password").toCharArray();
    Path staged = Files.createTempFile("signet-export-", ".p12");
    try {
      if (store.find(name).isEmpty()) {
        throw new WebRefusal(FailureKind.NOT_FOUND, "You have no digital ID of that name.");
      }
      store.exportPkcs12(name, staged, password, "1".equals(ctx.formParam("delete")));
      ctx.header("Content-Disposition", "attachment; filename=\"" + name + ".p12\"");
      ctx.contentType("application/x-pkcs12").result(Files.readAllBytes(staged));
    } catch (StoreException | SmimeException e) {
      ctx.status(400);
      page(ctx, "", e.getMessage());
    } finally {
      Arrays.fill(password, '\0');
      Files.deleteIfExists(staged);
    }
  }

  private void addProfile(Context ctx) throws IOException {
    IdStore store = keys.store(WebUi.session(ctx).person().email());
    try {
      DigestAlgorithm hash = DigestAlgorithm.valueOf(field(ctx, "hash"));
      ContentCipher cipher = ContentCipher.valueOf(field(ctx, "cipher"));
      store.addProfile(new Profile(field(ctx, "name").strip(), field(ctx, "signing"), Optional.empty(), hash, cipher,
          true, Optional.empty(), "1".equals(ctx.formParam("nonexportable"))));
      if ("1".equals(ctx.formParam("default"))) {
        store.setDefaultProfile(field(ctx, "name").strip());
      }
      ctx.redirect("/web/ids", HttpStatus.SEE_OTHER);
    } catch (StoreException | IllegalArgumentException e) {
      ctx.status(400);
      page(ctx, "", e.getMessage());
    }
  }

  /** New IDs are non-exportable unless told otherwise when the organisation or the person's default profile says so. */
  private boolean sealedByDefault(IdStore store) throws IOException {
    return keyExport.nonExportable() || store.newIdsNonExportable();
  }

  /**
   * The form's choice: its "Do not allow export" box sends 0, which wins over the 1 sent beside it; a
   * post with neither (not from the form) gets the default.
   */
  private boolean exportable(Context ctx, IdStore store) throws IOException {
    List<String> said = ctx.formParams("exportable");
    if (said.contains("0")) {
      return false;
    }
    return said.contains("1") || !sealedByDefault(store);
  }

  private static String field(Context ctx, String name) {
    return Optional.ofNullable(ctx.formParam(name)).orElse("");
  }

  private void unlock(Context ctx) throws IOException {
    char[] password = Optional.ofNullable(ctx.formParam("password")).orElse("").toCharArray();
    try {
      if (keys.unlock(WebUi.session(ctx), password)) {
        ctx.redirect("/web/inbox", HttpStatus.SEE_OTHER);
        return;
      }
    } finally {
      Arrays.fill(password, '\0');
    }
    ctx.status(401);
    page(ctx, "", "That password does not open your digital IDs.");
  }

  /** Makes a key pair here, enrolls it with the person's token, and keeps it under their new digital-ID password. */
  private void enroll(Context ctx) throws IOException {
    String email = WebUi.session(ctx).person().email();
    String token = field(ctx, "token").strip();
    obtain(ctx, limiter, "token:" + email, "Too many wrong tokens",
        request -> issuer.enroll(email, token, request.der(), dev.signet.pki.CertificateProfile.DUAL_USE));
  }

  /**
   * Auto-enrollment: as {@link #enroll}, without a token, when the organisation allows it. The request
   * names the signed-in person's own address; nothing from the form chooses it.
   */
  private void autoEnroll(Context ctx) throws IOException {
    if (!autoEnrollment.allowed()) {
      throw new WebRefusal(FailureKind.POLICY_VIOLATION,
          "Your organisation does not issue digital IDs without an enrollment token; "
          + "ask your administrator for one.");
    }
    if (ca.recoveryAgent().isPresent()) {
      throw new WebRefusal(FailureKind.CONFLICT,
          "Key archival is on, so encryption keys are made and archived by the CA: "
          + "ask your administrator for an enrollment token.");
    }
    String email = WebUi.session(ctx).person().email();
    String counted = "auto:" + email;
    obtain(ctx, issuances, counted, "Too many digital IDs issued to you", request -> {
      issuances.failed(ctx.ip(), counted); // every ID issued counts against the limit, not only refusals
      return new Enrollment.Issued(issuer.issue(request.der(), dev.signet.pki.CertificateProfile.DUAL_USE,
          Issuer.SUBSCRIBER_VALIDITY, email), issuer.caChain());
    });
  }

  /**
   * What both ways of getting an ID share: the password rule, the rate limit, a key pair made here
   * with its request for the person's own address, the CA's answer, and the ID kept under the
   * person's new digital-ID password. A refusal counts against {@code limit} under {@code limitKey}.
   */
  private void obtain(Context ctx, LoginLimiter limit, String limitKey, String tooMany,
      Function<CertificateRequests, Enrollment> answer) throws IOException {
    Sessions.Session s = WebUi.session(ctx);
    char[] password = field(ctx, "password").toCharArray();
    try {
      if (password.length < 8) {
        ctx.status(400);
        page(ctx, "", "A digital-ID password has at least 8 characters.");
        return;
      }
      if (!limit.allows(ctx.ip(), limitKey)) {
        ctx.status(429);
        page(ctx, "", tooMany + "; try again in " + LoginLimiter.WINDOW.toMinutes() + " minutes.");
        return;
      }
      CertificateRequests request = CertificateRequests.forMailbox(s.person().email(), random);
      Enrollment result = answer.apply(request);
      if (result instanceof Enrollment.Rejected r) {
        limit.failed(ctx.ip(), limitKey);
        ctx.status(400);
        page(ctx, "", r.statusText());
        return;
      }
      Enrollment.Issued issued = (Enrollment.Issued) result;
      List<X509Certificate> chain = new ArrayList<>(List.of(issued.issued().certificate()));
      chain.addAll(issued.caChain());
      IdStore store = keys.store(s.person().email());
      store.add("id-" + issued.issued().serial(), DigitalId.of(request.keys().getPrivate(), chain), password,
          exportable(ctx, store));
      page(ctx, result.statusText(), "");
    } finally {
      Arrays.fill(password, '\0');
    }
  }
}
