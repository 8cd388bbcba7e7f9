package dev.signet.server.web;

import dev.signet.core.ComposePlan;
import dev.signet.core.ComposePolicy;
import dev.signet.core.ComposeRequest;
import dev.signet.core.DigitalId;
import dev.signet.core.Policy;
import dev.signet.core.PolicySetting;
import dev.signet.core.PolicyViolationException;
import dev.signet.core.Problem;
import dev.signet.core.ProblemCode;
import dev.signet.core.ReceiptRequest;
import dev.signet.core.SenderSettings;
import dev.signet.core.SecurityLabel;
import dev.signet.core.SecurityReport;
import dev.signet.core.SignedReceiptRequest;
import dev.signet.core.Smime;
import dev.signet.core.Verdict;
import dev.signet.mail.IdStore;
import dev.signet.mail.Profile;
import dev.signet.mail.StoredId;
import dev.signet.pki.CertificateAuthority;
import dev.signet.pki.IssuedCertificate;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** A person's mail: the inbox with its marks, a message with its banner, compose, and what they sent. */
final class MailPages {
  private final Mailboxes mailboxes;
  private final MailReader reader;
  private final KeyRing keys;
  private final CertificateAuthority ca;
  private final WebDatabase db;
  private final Clock clock;
  private final SecureRandom random;
  private final Receipts receipts;

  MailPages(Mailboxes mailboxes, MailReader reader, KeyRing keys, CertificateAuthority ca, WebDatabase db, Clock clock,
      SecureRandom random) {
    this.mailboxes = mailboxes;
    this.reader = reader;
    this.keys = keys;
    this.ca = ca;
    this.db = db;
    this.clock = clock;
    this.random = random;
    this.receipts = new Receipts(db, mailboxes, reader, clock, random);
  }

  void routes(JavalinConfig config) {
    config.routes.get("/web/inbox", this::inbox);
    config.routes.get("/web/mail/{id}", this::message);
    config.routes.get("/web/mail/{id}/html", this::html);
    config.routes.post("/web/mail/{id}/receipt", this::sendReceipt);
    config.routes.post("/web/mail/{id}/quiet", this::quietAndOpen);
    config.routes.get("/web/compose", ctx -> compose(ctx, emptyForm(ctx), ""));
    config.routes.post("/web/compose", this::send);
    config.routes.get("/web/sent", this::sent);
  }

  private void inbox(Context ctx) throws IOException {
    Sessions.Session s = WebUi.session(ctx);
    List<Views.InboxRow> rows = new ArrayList<>();
    for (Mailboxes.Message m : mailboxes.list(s.person().email())) {
      MailReader.Reading r = reader.read(m.raw(), keys.of(s).values());
      boolean warning = r.report().verdict() == Verdict.ERROR
          || (r.report().signed() && r.report().verdict() == Verdict.WARNING);
      boolean locked = r.report().encrypted() || r.report().has(ProblemCode.NO_DECRYPTION_KEY);
      rows.add(new Views.InboxRow(m.id(), r.headers().from(), r.headers().subject(), r.headers().date(), locked,
          r.report().signed(), warning));
    }
    Views.render(ctx, "inbox.jte", Map.of("page", WebUi.page(ctx, "Inbox"), "rows", rows, "unlocked",
        !keys.of(s).isEmpty()));
  }

  private MailReader.Reading reading(Context ctx) throws IOException {
    Sessions.Session s = WebUi.session(ctx);
    Mailboxes.Message m = mailboxes.fetch(s.person().email(), ctx.pathParam("id"))
        .orElseThrow(() -> new WebRefusal(404, "There is no such message in your mailbox."));
    return reader.read(m.raw(), keys.of(s).values());
  }

  /** The message, or first the problem page (WarnAboutInvalid, Options), or NeedEncryptionString when no key opens it. */
  private void message(Context ctx) throws IOException {
    MailReader.Reading r = reading(ctx);
    Policy policy = reader.policy();
    Optional<String> needKey = r.report().has(ProblemCode.NO_DECRYPTION_KEY)
        ? Optional.of(policy.string(PolicySetting.NEED_ENCRYPTION_STRING)
            .orElse("You have no digital ID that opens this message (unlock yours on Digital IDs)."))
        : Optional.empty();
    Views.Banner banner = Views.Banner.of(r.report());
    Views.MessagePage m = new Views.MessagePage(ctx.pathParam("id"), r.headers(), banner, r.content(), needKey,
        receiptState(ctx, r, policy));
    Views.Page page = WebUi.page(ctx, r.headers().subject().isEmpty() ? "(no subject)" : r.headers().subject());
    int warnAbout = policy.effective(PolicySetting.WARN_ABOUT_INVALID);
    List<String> errors = errorCodes(r.report());
    boolean warn = banner.isError() && r.report().signed() && warnAbout != 2 && policy.effective(PolicySetting.OPTIONS) != 1
        && !(warnAbout == 0 && quiet(WebUi.session(ctx)).containsAll(errors));
    if (warn && ctx.queryParam("show") == null) {
      Views.render(ctx, "problem.jte", Map.of("page", page, "m", m, "mayOpen", r.content().isPresent(),
          "mayQuiet", warnAbout == 0 && r.content().isPresent()));
      return;
    }
    Views.render(ctx, "message.jte", Map.of("page", page, "m", m));
  }

  private static List<String> errorCodes(SecurityReport report) {
    return report.problems().stream().filter(Problem::isError).map(p -> p.code().name()).distinct().toList();
  }

  private List<String> quiet(Sessions.Session s) {
    return db.query("SELECT code FROM web_quiet_problem WHERE email = ?", r -> r.getString(1), s.person().email());
  }

  /** WarnAboutInvalid = 0: "don't ask again for this kind of problem", then the message. */
  private void quietAndOpen(Context ctx) throws IOException {
    if (reader.policy().effective(PolicySetting.WARN_ABOUT_INVALID) != 0) {
      throw new WebRefusal(403, "Your organisation's policy always shows this warning.");
    }
    MailReader.Reading r = reading(ctx);
    List<String> known = quiet(WebUi.session(ctx));
    db.inTransaction(c -> {
      for (String code : errorCodes(r.report())) {
        if (!known.contains(code)) {
          WebDatabase.update(c, "INSERT INTO web_quiet_problem (email, code) VALUES (?, ?)", WebUi.session(ctx).person().email(), code);
        }
      }
      return null;
    });
    ctx.redirect("/web/mail/" + ctx.pathParam("id") + "?show=1", HttpStatus.SEE_OTHER);
  }

  /**
   * What the page says about a receipt the sender asked of this person, per RespondToReceiptRequest:
   * 2 never; 3 sent on opening (the person cannot decline); 0 and 1 a button (the unlocked ID signs).
   */
  private String receiptState(Context ctx, MailReader.Reading r, Policy policy) throws IOException {
    Sessions.Session s = WebUi.session(ctx);
    String id = ctx.pathParam("id");
    Optional<SignedReceiptRequest> asked = Receipts.askedOf(r.report(), s.person().email());
    int respond = policy.effective(PolicySetting.RESPOND_TO_RECEIPT_REQUEST);
    if (asked.isEmpty()) {
      return "";
    }
    if (receipts.sent(s.person().email(), id)) {
      return "sent";
    }
    if (respond == 2) {
      return "never";
    }
    Optional<DigitalId> signer = sender(s, "").map(Sender::id);
    if (signer.isEmpty()) {
      return "locked";
    }
    if (respond == 3) {
      receipts.send(s.person().email(), id, asked.get(), signer.get());
      return "sent";
    }
    return "offer";
  }

  private void sendReceipt(Context ctx) throws IOException {
    Sessions.Session s = WebUi.session(ctx);
    MailReader.Reading r = reading(ctx);
    SignedReceiptRequest asked = Receipts.askedOf(r.report(), s.person().email())
        .orElseThrow(() -> new WebRefusal(400, "This message asks you for no receipt."));
    if (reader.policy().effective(PolicySetting.RESPOND_TO_RECEIPT_REQUEST) == 2) {
      throw new WebRefusal(403, "Your organisation does not send signed receipts.");
    }
    DigitalId signer = sender(s, "").map(Sender::id)
        .orElseThrow(() -> new WebRefusal(400, "Unlock your digital IDs to sign the receipt."));
    receipts.send(s.person().email(), ctx.pathParam("id"), asked, signer);
    ctx.redirect("/web/mail/" + ctx.pathParam("id"), HttpStatus.SEE_OTHER);
  }

  /** HTML mail alone, for a sandboxed frame: no scripts, nothing fetched from elsewhere. */
  private void html(Context ctx) throws IOException {
    MailReader.Reading r = reading(ctx);
    if (r.report().verdict() == Verdict.ERROR && ctx.queryParam("show") == null) {
      throw new WebRefusal(403, "Open the message first.");
    }
    String html = r.content().flatMap(MailReader.Content::html)
        .orElseThrow(() -> new WebRefusal(404, "This message has no HTML part."));
    ctx.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
        + "frame-ancestors 'self'; sandbox");
    ctx.header("X-Frame-Options", "SAMEORIGIN");
    ctx.contentType("text/html; charset=utf-8").result(html);
  }

  private Views.ComposeForm emptyForm(Context ctx) throws IOException {
    return form(ctx, "", "", "", "", false, false, true, false, "", List.of(), false);
  }

  private Views.ComposeForm form(Context ctx, String to, String cc, String subject, String body, boolean sign,
      boolean encrypt, boolean clear, boolean receipt, String profile, List<String> missing, boolean mayContinue)
      throws IOException {
    Sessions.Session s = WebUi.session(ctx);
    Policy p = reader.policy();
    List<String> profiles = keys.store(s.person().email()).profiles().stream().map(Profile::name).toList();
    return new Views.ComposeForm(to, cc, subject, body, choice(p, PolicySetting.ALWAYS_SIGN, sign, true),
        choice(p, PolicySetting.ALWAYS_ENCRYPT, encrypt, true), choice(p, PolicySetting.CLEAR_SIGN, clear, false),
        choice(p, PolicySetting.REQUEST_SECURE_RECEIPT, receipt, true), profiles, profile, missing, mayContinue,
        !keys.of(s).isEmpty());
  }

  /** A switch is locked when its setting is present: forcing it on, or (ClearSign) fixing it either way. */
  private static Views.Choice choice(Policy p, PolicySetting setting, boolean asked, boolean onlyWhenOn) {
    if (!p.isSet(setting) || (onlyWhenOn && p.effective(setting) != 1)) {
      return new Views.Choice(asked, Optional.empty());
    }
    return new Views.Choice(p.effective(setting) == 1, Optional.of(setting.registryName() + " = " + p.effective(setting)));
  }

  private void compose(Context ctx, Views.ComposeForm form, String error) {
    Views.render(ctx, "compose.jte", Map.of("page", WebUi.page(ctx, "New message").withError(error), "f", form));
  }

  private void send(Context ctx) throws IOException {
    Sessions.Session s = WebUi.session(ctx);
    Draft d = Draft.of(ctx, s.person());
    Views.ComposeForm again = form(ctx, d.to(), d.cc(), d.subject(), d.body(), d.sign(), d.encrypt(), d.clear(),
        d.receipt(), d.profile(), List.of(), false);
    if (d.problem().isPresent()) {
      ctx.status(400);
      compose(ctx, again, d.problem().get());
      return;
    }
    Policy policy = reader.policy();
    Optional<Sender> sender = sender(s, d.profile());
    boolean protect = d.sign() || d.encrypt() || d.receipt() || policy.effective(PolicySetting.ALWAYS_SIGN) == 1
        || policy.effective(PolicySetting.ALWAYS_ENCRYPT) == 1 || policy.effective(PolicySetting.FORCE_SECURITY_LABEL) == 1
        || policy.isSet(PolicySetting.FORCE_SECURITY_LABEL_X);
    byte[] message = d.message(clock.instant(), random);
    if (!protect) {
      deliver(ctx, s, d, message, Optional.empty(), "plain: not signed, not encrypted (the person's choice)");
      return;
    }
    if (sender.isEmpty()) {
      ctx.status(400);
      compose(ctx, again, "Signing or encrypting needs your digital ID: unlock it on Digital IDs first.");
      return;
    }
    Instant now = clock.instant();
    List<ComposeRequest.Recipient> recipients = d.recipients().stream()
        .map(a -> new ComposeRequest.Recipient(a, certificateFor(a, now), Set.of())).toList();
    ComposeRequest.Ess ess = new ComposeRequest.Ess(d.receipt(), Optional.of(ReceiptRequest.fresh(
        ReceiptRequest.From.all(), List.of(s.person().email()), now, random)), sender.get().label());
    ComposePlan plan;
    try {
      plan = ComposePolicy.plan(new ComposeRequest(d.sign(), d.encrypt(), !d.clear(), d.continueEncryption(),
          sender.get().id(), sender.get().settings(), recipients, now).withEss(ess), policy);
    } catch (PolicyViolationException e) {
      boolean dce = e.setting() == PolicySetting.DISABLE_CONTINUE_ENCRYPTION;
      ctx.status(409);
      compose(ctx, form(ctx, d.to(), d.cc(), d.subject(), d.body(), d.sign(), d.encrypt(), d.clear(), d.receipt(),
          d.profile(), dce ? e.refused() : List.of(), dce && policy.effective(PolicySetting.DISABLE_CONTINUE_ENCRYPTION) != 1
              && e.refused().size() < recipients.size()), e.getMessage());
      return;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Optional<SignedReceiptRequest> receipt = Smime.withDefaults().withClock(clock).withRandom(random)
        .compose(new ByteArrayInputStream(message), plan, sender.get().id(), out);
    deliver(ctx, s, d, out.toByteArray(), receipt,
        plan.decisions().stream().map(Object::toString).collect(Collectors.joining("; ")));
  }

  private void deliver(Context ctx, Sessions.Session s, Draft d, byte[] message, Optional<SignedReceiptRequest> receipt,
      String decisions) {
    mailboxes.deliver(s.person().email(), d.recipients(), message);
    db.update("INSERT INTO web_sent (sender, sent_at, recipients, subject, receipt_content_id, receipt_content_type,"
        + " receipt_signature, receipt_msg_sig_digest, decisions) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        s.person().email(), clock.instant(), String.join(", ", d.recipients()), d.subject(),
        receipt.map(r -> r.request().contentIdentifier()).orElse(null), receipt.map(SignedReceiptRequest::contentType)
            .orElse(null), receipt.map(SignedReceiptRequest::signatureValue).orElse(null),
        receipt.map(SignedReceiptRequest::msgSigDigest).orElse(null), truncate(decisions, 8000));
    ctx.redirect("/web/sent", HttpStatus.SEE_OTHER);
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }

  /** The organisation's newest valid, unrevoked encryption certificate for the address, if it issued one. */
  private Optional<X509Certificate> certificateFor(String address, Instant now) {
    return ca.certificatesFor(address).stream()
        .filter(c -> !c.isRevoked() && c.profile().encrypts() && now.isBefore(c.notAfter()) && !now.isBefore(c.notBefore()))
        .max(Comparator.comparing(IssuedCertificate::notAfter)).map(IssuedCertificate::certificate);
  }

  /** The unlocked ID that signs, with the chosen (or default) profile's settings and default label. */
  private record Sender(DigitalId id, SenderSettings settings, Optional<SecurityLabel> label) {}

  private Optional<Sender> sender(Sessions.Session s, String profileName) throws IOException {
    Map<String, DigitalId> open = keys.of(s);
    if (open.isEmpty()) {
      return Optional.empty();
    }
    IdStore store = keys.store(s.person().email());
    Optional<Profile> profile = profileName.isEmpty() ? store.defaultProfile() : store.profile(profileName);
    if (profile.isPresent() && open.containsKey(profile.get().signingId())) {
      Profile p = profile.get();
      DigitalId id = open.get(p.signingId());
      X509Certificate receiving = Optional.ofNullable(open.get(p.receivingId())).map(DigitalId::certificate)
          .orElse(id.certificate());
      return Optional.of(new Sender(id, new SenderSettings(p.hash(), p.cipher(), p.sendCertificates(), receiving),
          p.label().map(SecurityLabel::fromDer)));
    }
    Optional<StoredId> signing = store.signingIdFor(s.person().email());
    return signing.map(st -> open.get(st.name())).map(id -> new Sender(id, SenderSettings.of(id), Optional.empty()));
  }

  /** A sent message as stored, with the request receipts are checked against. */
  private record SentRecord(String at, String recipients, String subject, Optional<SignedReceiptRequest> request,
      String decisions) {}

  private void sent(Context ctx) throws IOException {
    String me = WebUi.session(ctx).person().email();
    List<SentRecord> records = db.query("SELECT sent_at, recipients, subject, receipt_content_id, receipt_content_type,"
        + " receipt_signature, receipt_msg_sig_digest, decisions FROM web_sent WHERE sender = ? ORDER BY id DESC",
        r -> new SentRecord(WebDatabase.instant(r, 1).toString(), r.getString(2), r.getString(3),
            r.getString(4) == null ? Optional.empty() : Optional.of(Receipts.stored(me, r.getString(4), r.getString(5),
                r.getBytes(6), r.getBytes(7))), r.getString(8)), me);
    List<Views.SentRow> rows = new ArrayList<>();
    for (SentRecord r : records) {
      List<String> returned = r.request().isPresent() ? receipts.returned(me, r.request().get()) : List.of();
      rows.add(new Views.SentRow(r.at(), r.recipients(), r.subject(), r.request().isPresent(), returned, r.decisions()));
    }
    Views.render(ctx, "sent.jte", Map.of("page", WebUi.page(ctx, "Sent"), "rows", rows));
  }
}
