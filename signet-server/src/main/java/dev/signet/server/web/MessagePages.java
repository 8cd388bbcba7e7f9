package dev.signet.server.web;

import dev.signet.core.DigitalId;
import dev.signet.core.FailureKind;
import dev.signet.core.Policy;
import dev.signet.core.PolicySetting;
import dev.signet.core.ProblemCode;
import dev.signet.mail.ContentRelease;
import dev.signet.mail.ReceiptAnswer;
import dev.signet.mail.Sender;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A message of a person's folder: its page with the banner (or first the problem page), its HTML in a
 * sandboxed frame, its attachments, quieting a warning, and answering its receipt request.
 */
final class MessagePages {
  private final Mailboxes mailboxes;
  private final Function<Sessions.Session, Mailboxes.Owner> owners;
  private final MailReader reader;
  private final KeyRing keys;
  private final WebDatabase db;
  private final Receipts receipts;
  private final Correspondents correspondents;

  MessagePages(Mailboxes mailboxes, Function<Sessions.Session, Mailboxes.Owner> owners, MailReader reader, KeyRing keys,
      WebDatabase db, Receipts receipts, Correspondents correspondents) {
    this.mailboxes = mailboxes;
    this.owners = owners;
    this.reader = reader;
    this.keys = keys;
    this.db = db;
    this.receipts = receipts;
    this.correspondents = correspondents;
  }

  void routes(JavalinConfig config) {
    config.routes.get("/web/mail/{id}", this::message);
    config.routes.get("/web/mail/{id}/html", this::html);
    config.routes.post("/web/mail/{id}/receipt", this::sendReceipt);
    config.routes.post("/web/mail/{id}/quiet", this::quietAndOpen);
    config.routes.get("/web/mail/{id}/attachment/{n}", this::attachment);
  }

  private MailReader.Reading reading(Context ctx) throws IOException {
    return reader.read(stored(ctx, folder(ctx), ctx.pathParam("id")).raw(), keys.of(WebUi.session(ctx)).values());
  }

  /** The folder a message link names ({@code ?folder=}); the INBOX when it names none. */
  static String folder(Context ctx) {
    return Optional.ofNullable(ctx.queryParam("folder")).orElse(Mailboxes.Standard.INBOX.folder());
  }

  Mailboxes.Message stored(Context ctx, String folder, String id) {
    return mailboxes.fetch(owners.apply(WebUi.session(ctx)), folder, id)
        .orElseThrow(() -> new WebRefusal(FailureKind.NOT_FOUND, "There is no such message in your mailbox."));
  }

  /** The message, or first the problem page (as signet-mail decides), or NeedEncryptionString when no key opens it. */
  private void message(Context ctx) throws IOException {
    Mailboxes.Owner owner = owners.apply(WebUi.session(ctx));
    Mailboxes.Message stored = stored(ctx, folder(ctx), ctx.pathParam("id"));
    MailReader.Reading r = reader.read(stored.raw(), keys.of(WebUi.session(ctx)).values());
    if (!stored.seen()) {
      mailboxes.mark(owner, folder(ctx), List.of(stored.id()), Mailboxes.Flag.SEEN, true);
    }
    Policy policy = reader.policy();
    boolean idsLocked = keys.of(WebUi.session(ctx)).isEmpty();
    Optional<String> needKey = !r.report().has(ProblemCode.NO_DECRYPTION_KEY) ? Optional.empty()
        : idsLocked ? Optional.of("Locked: unlock your digital IDs on Digital IDs to read this message.")
        : Optional.of(policy.string(PolicySetting.NEED_ENCRYPTION_STRING)
            .orElse("You have no digital ID that opens this message."));
    Views.Banner banner = Views.Banner.of(r.report(), idsLocked);
    Views.MessagePage m = new Views.MessagePage(ctx.pathParam("id"), r.headers(), banner, r.content(), needKey,
        receiptState(ctx, r), receipts.confirms(WebUi.session(ctx).person().email(), stored.raw()),
        new Views.Filed(folder(ctx), stored.flagged(), FolderPages.listed(mailboxes.folders(owner), folder(ctx))));
    Views.Page page = WebUi.page(ctx, r.headers().subject().isEmpty() ? "(no subject)" : r.headers().subject());
    ContentRelease release = release(ctx, r);
    if (!release.shown() && needKey.isEmpty() && ctx.queryParam("show") == null) {
      boolean mayQuiet = !release.quietable().isEmpty() && r.content().isPresent();
      Views.render(ctx, "problem.jte", Map.of("page", page, "m", m, "mayOpen", r.content().isPresent(),
          "mayQuiet", mayQuiet));
      return;
    }
    Views.render(ctx, "message.jte", Map.of("page", page, "m", m));
  }

  /** Whether the content is shown at once, as signet-mail decides for the person (with what they quieted). */
  ContentRelease release(Context ctx, MailReader.Reading r) throws IOException {
    Set<ProblemCode> quieted = quiet(WebUi.session(ctx)).stream().flatMap(MessagePages::problemCode)
        .collect(Collectors.toSet());
    return correspondents.of(WebUi.session(ctx)).release(r.report(), quieted);
  }

  private static java.util.stream.Stream<ProblemCode> problemCode(String name) {
    try {
      return java.util.stream.Stream.of(ProblemCode.valueOf(name));
    } catch (IllegalArgumentException e) { // a code an earlier version knew
      return java.util.stream.Stream.empty();
    }
  }

  private List<String> quiet(Sessions.Session s) {
    return db.query("SELECT code FROM web_quiet_problem WHERE email = ?", r -> r.getString(1), s.person().email());
  }

  /** WarnAboutInvalid = 0: "don't ask again for this kind of problem", then the message. */
  private void quietAndOpen(Context ctx) throws IOException {
    MailReader.Reading r = reading(ctx);
    Set<ProblemCode> quietable = release(ctx, r).quietable();
    if (quietable.isEmpty()) {
      throw new WebRefusal(FailureKind.POLICY_VIOLATION,
          "There is no warning here you may quiet: your organisation's policy decides.");
    }
    List<String> known = quiet(WebUi.session(ctx));
    db.inTransaction(c -> {
      for (ProblemCode code : quietable) {
        if (!known.contains(code.name())) {
          WebDatabase.update(c, "INSERT INTO web_quiet_problem (email, code) VALUES (?, ?)",
              WebUi.session(ctx).person().email(), code.name());
        }
      }
      return null;
    });
    ctx.redirect(FolderPages.messageHref(folder(ctx), ctx.pathParam("id"), "", "show=1"), HttpStatus.SEE_OTHER);
  }

  /**
   * What the page says about a receipt the sender asked of this person, as signet-mail answers it:
   * never (RespondToReceiptRequest=2); sent on opening (3, the person cannot decline); else a button.
   */
  private String receiptState(Context ctx, MailReader.Reading r) throws IOException {
    Sessions.Session s = WebUi.session(ctx);
    String id = ctx.pathParam("id");
    ReceiptAnswer answer = correspondents.of(s).receipt(r.report(), List.of(s.person().email()), false);
    if (answer.kind() == ReceiptAnswer.Kind.NONE) {
      return "";
    }
    if (receipts.sent(s.person().email(), id)) {
      return "sent";
    }
    if (answer.kind() == ReceiptAnswer.Kind.NEVER) {
      return "never";
    }
    Optional<Sender> signer = correspondents.sender(s, "");
    if (signer.isEmpty()) {
      return "locked";
    }
    if (answer.kind() == ReceiptAnswer.Kind.FORCED) {
      receipts.send(owners.apply(s), id, answer.response().request().orElseThrow(), signer.get().id());
      return "sent";
    }
    return "offer";
  }

  private void sendReceipt(Context ctx) throws IOException {
    Sessions.Session s = WebUi.session(ctx);
    MailReader.Reading r = reading(ctx);
    ReceiptAnswer answer = correspondents.of(s).receipt(r.report(), List.of(s.person().email()), false);
    if (answer.kind() == ReceiptAnswer.Kind.NONE) {
      throw new WebRefusal(FailureKind.MALFORMED_INPUT, "This message asks you for no receipt.");
    }
    if (!answer.sends()) {
      throw new WebRefusal(FailureKind.POLICY_VIOLATION, "Your organisation does not send signed receipts.");
    }
    DigitalId signer = correspondents.sender(s, "").map(Sender::id)
        .orElseThrow(() -> new WebRefusal(FailureKind.KEY_UNAVAILABLE,
            "Unlock your digital IDs to sign the receipt."));
    receipts.send(owners.apply(s), ctx.pathParam("id"), answer.response().request().orElseThrow(), signer);
    ctx.redirect(FolderPages.messageHref(folder(ctx), ctx.pathParam("id")), HttpStatus.SEE_OTHER);
  }

  /**
   * One attachment of a message, offered for saving only: its cleaned name, application/octet-stream,
   * nosniff (every web route) and a sandbox, so no browser renders it as a page of this site.
   */
  private void attachment(Context ctx) throws IOException {
    MailReader.Reading r = reading(ctx);
    if (!release(ctx, r).shown() && ctx.queryParam("show") == null) {
      throw new WebRefusal(FailureKind.NOT_AUTHORIZED, "Open the message first.");
    }
    String n = ctx.pathParam("n");
    List<Attachment> all = r.content().map(MailReader.Content::attachments).orElse(List.of());
    if (!n.matches("[0-9]{1,4}") || Integer.parseInt(n) >= all.size()) {
      throw new WebRefusal(FailureKind.NOT_FOUND, "This message has no such attachment.");
    }
    Attachment a = all.get(Integer.parseInt(n));
    ctx.header("Content-Disposition", a.disposition());
    ctx.header("Content-Security-Policy", "default-src 'none'; sandbox");
    ctx.contentType("application/octet-stream").result(a.content());
  }

  /** HTML mail alone, for a sandboxed frame: no scripts, nothing fetched from elsewhere. */
  private void html(Context ctx) throws IOException {
    MailReader.Reading r = reading(ctx);
    if (!release(ctx, r).shown() && ctx.queryParam("show") == null) {
      throw new WebRefusal(FailureKind.NOT_AUTHORIZED, "Open the message first.");
    }
    String html = r.content().flatMap(MailReader.Content::html)
        .orElseThrow(() -> new WebRefusal(FailureKind.NOT_FOUND, "This message has no HTML part."));
    ctx.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
        + "frame-ancestors 'self'; sandbox");
    ctx.header("X-Frame-Options", "SAMEORIGIN");
    ctx.contentType("text/html; charset=utf-8").result(html);
  }
}
