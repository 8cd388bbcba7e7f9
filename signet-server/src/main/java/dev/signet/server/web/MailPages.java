package dev.signet.server.web;

import dev.signet.core.ComposeRequest;
import dev.signet.core.DigitalId;
import dev.signet.core.FailureKind;
import dev.signet.core.Policy;
import dev.signet.core.PolicySetting;
import dev.signet.core.PolicyViolationException;
import dev.signet.core.ProblemCode;
import dev.signet.core.ReadOptions;
import dev.signet.core.ReceiptRequest;
import dev.signet.core.SecurityLabel;
import dev.signet.core.SecurityPolicies;
import dev.signet.core.SignedReceiptRequest;
import dev.signet.core.Smime;
import dev.signet.core.Limits;
import dev.signet.core.MessageHead;
import dev.signet.mail.ContentRelease;
import dev.signet.mail.Correspondent;
import dev.signet.mail.Outgoing;
import dev.signet.mail.ReceiptAnswer;
import dev.signet.mail.Reply;
import dev.signet.mail.RecipientLookup;
import dev.signet.mail.SendChoices;
import dev.signet.mail.Sender;
import dev.signet.mail.StoreException;
import dev.signet.mail.Unlocking;
import java.util.Set;
import dev.signet.mail.IdStore;
import dev.signet.mail.Profile;
import dev.signet.mail.StoredId;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A person's mail: the inbox with its marks, a message with its banner, compose, and what they sent. */
final class MailPages {
  static final int INBOX_PAGE = 50;
  private final Mailboxes mailboxes;
  private final Function<Sessions.Session, Mailboxes.Owner> owners;
  private final MailReader reader;
  private final KeyRing keys;
  private final Recipients recipients;
  private final WebDatabase db;
  private final Clock clock;
  private final SecureRandom random;
  private final Receipts receipts;
  private final Drafts drafts;
  private final SentMessages sentMessages;
  private final LabelPicker picker = new LabelPicker(SecurityPolicies.installed());

  MailPages(Mailboxes mailboxes, Function<Sessions.Session, Mailboxes.Owner> owners, MailReader reader, KeyRing keys,
      Recipients recipients, WebDatabase db, Clock clock, SecureRandom random) {
    this.mailboxes = mailboxes;
    this.owners = owners;
    this.reader = reader;
    this.keys = keys;
    this.recipients = recipients;
    this.db = db;
    this.clock = clock;
    this.random = random;
    this.receipts = new Receipts(db, mailboxes, reader, clock, random);
    this.drafts = new Drafts(db, clock, random);
    this.sentMessages = new SentMessages(db, clock);
  }

  void routes(JavalinConfig config) {
    config.routes.get("/web/mail/{id}", this::message);
    config.routes.get("/web/mail/{id}/html", this::html);
    config.routes.post("/web/mail/{id}/receipt", this::sendReceipt);
    config.routes.post("/web/mail/{id}/quiet", this::quietAndOpen);
    config.routes.get("/web/mail/{id}/attachment/{n}", this::attachment);
    config.routes.get("/web/mail/{id}/reply", ctx -> answer(ctx, Reply.Kind.REPLY));
    config.routes.get("/web/mail/{id}/reply-all", ctx -> answer(ctx, Reply.Kind.REPLY_ALL));
    config.routes.get("/web/mail/{id}/forward", ctx -> answer(ctx, Reply.Kind.FORWARD));
    config.routes.get("/web/compose", this::composePage);
    config.routes.post("/web/compose", this::post);
    config.routes.get("/web/drafts", this::draftsPage);
    config.routes.post("/web/drafts/{id}/delete", this::deleteDraft);
    config.routes.get("/web/sent", this::sent);
    sentMessages.routes(config);
  }

  /** The inbox page asked for, counted from 1; anything that is not a small number is the first. */
  static int page(String asked) {
    return asked != null && asked.matches("[1-9][0-9]{0,5}") ? Integer.parseInt(asked) : 1;
  }

  private MailReader.Reading reading(Context ctx) throws IOException {
    return reader.read(stored(ctx, folder(ctx), ctx.pathParam("id")).raw(), keys.of(WebUi.session(ctx)).values());
  }

  /** The folder a message link names ({@code ?folder=}); the INBOX when it names none. */
  private static String folder(Context ctx) {
    return Optional.ofNullable(ctx.queryParam("folder")).orElse(Mailboxes.Standard.INBOX.folder());
  }

  private Mailboxes.Message stored(Context ctx, String folder, String id) {
    return mailboxes.fetch(owners.apply(WebUi.session(ctx)), folder, id)
        .orElseThrow(() -> new WebRefusal(FailureKind.NOT_FOUND, "There is no such message in your mailbox."));
  }

  /**
   * Compose filled in to answer a message, as signet-mail answers it (recipients, subject, thread, quote,
   * signed and encrypted as the original was); the policy's locks show and apply as for any message.
   */
  private void answer(Context ctx, Reply.Kind kind) throws IOException {
    Sessions.Session s = WebUi.session(ctx);
    byte[] raw = stored(ctx, folder(ctx), ctx.pathParam("id")).raw();
    MailReader.Reading r = reader.read(raw, keys.of(s).values());
    if (!release(ctx, r).shown() && !r.report().has(ProblemCode.NO_DECRYPTION_KEY)) {
      r = new MailReader.Reading(r.headers(), r.report(), Optional.empty()); // not quoted before it is opened
    }
    Reply reply = person(s).reply(kind, MailReader.original(raw, r), r.report(), List.of(s.person().email()));
    Draft.LabelChoice label = profileLabel(s).orElse(Draft.LabelChoice.none());
    Draft d = new Draft(s.person().email(), String.join(", ", reply.to()), String.join(", ", reply.cc()), "",
        reply.subject(), reply.body(), new Draft.Choices(reply.sign(), reply.encrypt(), true, false, "", label), false,
        List.of(), new Draft.Conversation(reply.inReplyTo(), reply.references()));
    compose(ctx, form(ctx, d, "", List.of(), false, kind == Reply.Kind.FORWARD
        ? folder(ctx) + "/" + ctx.pathParam("id") : ""), "");
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
  private ContentRelease release(Context ctx, MailReader.Reading r) throws IOException {
    Set<ProblemCode> quieted = quiet(WebUi.session(ctx)).stream().flatMap(MailPages::problemCode)
        .collect(Collectors.toSet());
    return person(WebUi.session(ctx)).release(r.report(), quieted);
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
    ReceiptAnswer answer = person(s).receipt(r.report(), List.of(s.person().email()), false);
    if (answer.kind() == ReceiptAnswer.Kind.NONE) {
      return "";
    }
    if (receipts.sent(s.person().email(), id)) {
      return "sent";
    }
    if (answer.kind() == ReceiptAnswer.Kind.NEVER) {
      return "never";
    }
    Optional<Sender> signer = sender(s, "");
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
    ReceiptAnswer answer = person(s).receipt(r.report(), List.of(s.person().email()), false);
    if (answer.kind() == ReceiptAnswer.Kind.NONE) {
      throw new WebRefusal(FailureKind.MALFORMED_INPUT, "This message asks you for no receipt.");
    }
    if (!answer.sends()) {
      throw new WebRefusal(FailureKind.POLICY_VIOLATION, "Your organisation does not send signed receipts.");
    }
    DigitalId signer = sender(s, "").map(Sender::id)
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

  /** The person's kept drafts; what each holds is shown only while their keys are unlocked. */
  private void draftsPage(Context ctx) throws IOException {
    Sessions.Session s = WebUi.session(ctx);
    List<Views.DraftRow> rows = new ArrayList<>();
    for (Drafts.Kept k : drafts.list(s.person().email(), keys.of(s).values())) {
      rows.add(new Views.DraftRow(k.id(), k.saved().toString(), k.draft().isPresent(),
          k.draft().map(Draft::to).orElse(""), k.draft().map(Draft::subject).orElse(""),
          k.draft().map(d -> d.attachments().size()).orElse(0)));
    }
    String notice = ctx.queryParam("saved") != null ? "Draft saved, sealed to your own certificate." : "";
    Views.render(ctx, "drafts.jte", Map.of("page", WebUi.page(ctx, "Drafts").withNotice(notice), "rows", rows,
        "unlocked", !keys.of(s).isEmpty()));
  }

  private void deleteDraft(Context ctx) {
    drafts.delete(WebUi.session(ctx).person().email(), ctx.pathParam("id"));
    ctx.redirect("/web/drafts", HttpStatus.SEE_OTHER);
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

  /** A new message, or with {@code ?draft=ID} a kept draft opened with the person's unlocked keys. */
  private void composePage(Context ctx) throws IOException {
    Sessions.Session s = WebUi.session(ctx);
    String draftId = Optional.ofNullable(ctx.queryParam("draft")).orElse("");
    if (draftId.isEmpty()) {
      Draft.LabelChoice label = profileLabel(s).orElse(Draft.LabelChoice.none());
      compose(ctx, form(ctx, new Draft(s.person().email(), "", "", "", "", "", new Draft.Choices(false, false, true, false,
          "", label), false, List.of(), Draft.Conversation.none()), "", List.of(), false, ""), "");
      return;
    }
    Draft d = openDraft(s, draftId);
    compose(ctx, form(ctx, d, draftId, List.of(), false, ""), "");
  }

  /** The person's kept draft {@code id}, which only their unlocked keys open. */
  private Draft openDraft(Sessions.Session s, String id) throws IOException {
    if (keys.of(s).isEmpty()) {
      throw new WebRefusal(FailureKind.KEY_UNAVAILABLE,
          "A draft is sealed to your own certificate: unlock your digital IDs on Digital IDs to open it.");
    }
    return drafts.open(s.person().email(), id, keys.of(s).values())
        .orElseThrow(() -> new WebRefusal(FailureKind.KEY_UNAVAILABLE,
            "Your unlocked digital IDs do not open this draft."));
  }

  /** The default profile's label, as the picker starts with it. */
  private Optional<Draft.LabelChoice> profileLabel(Sessions.Session s) throws IOException {
    return keys.store(s.person().email()).defaultProfile().flatMap(Profile::label).map(SecurityLabel::fromDer)
        .map(picker::choiceOf);
  }

  /** The compose form for {@code d}; {@code forward}: the message attached to it when it is sent, if any. */
  private Views.ComposeForm form(Context ctx, Draft d, String draftId, List<String> missing, boolean mayContinue,
      String forward) throws IOException {
    Sessions.Session s = WebUi.session(ctx);
    Correspondent person = person(s);
    Draft.Choices c = d.choices();
    List<String> profiles = keys.store(s.person().email()).profiles().stream().map(Profile::name).toList();
    List<Views.RecipientMark> marks = person.check(d.addresses()).stream().map(Views.RecipientMark::of).toList();
    return new Views.ComposeForm(d.to(), d.cc(), d.bcc(), d.subject(), d.body(),
        Views.Choice.of(c.sign(), person.lock(PolicySetting.ALWAYS_SIGN)),
        Views.Choice.of(c.encrypt(), person.lock(PolicySetting.ALWAYS_ENCRYPT)),
        Views.Choice.of(c.clear(), person.lock(PolicySetting.CLEAR_SIGN)),
        Views.Choice.of(c.receipt(), person.lock(PolicySetting.REQUEST_SECURE_RECEIPT)), profiles, c.profile(),
        picker.shown(reader.policy(), c.label()), draftId, draftId.isEmpty() ? List.of()
            : Views.AttachmentRow.of(d.attachments()), missing, mayContinue, !keys.of(s).isEmpty(), d.conversation(),
        forward, marks);
  }

  private void compose(Context ctx, Views.ComposeForm form, String error) {
    Views.render(ctx, "compose.jte", Map.of("page", WebUi.page(ctx, "New message").withError(error), "f", form));
  }

  /**
   * The compose form's buttons: Send, Save draft, Check recipients and an attachment's Remove (both show
   * the form again), and the page's autosave. Attachments kept from a draft come back with it.
   */
  private void post(Context ctx) throws IOException {
    Sessions.Session s = WebUi.session(ctx);
    String draftId = Optional.ofNullable(ctx.formParam("draft")).orElse("");
    Draft d = Draft.of(ctx, s.person());
    String removed = Optional.ofNullable(ctx.formParam("remove")).orElse("");
    List<String> keep = ctx.formParams("keep").stream().filter(k -> !k.equals(removed)).toList();
    String forward = Optional.ofNullable(ctx.formParam("forward")).orElse("");
    if (!forward.isEmpty()) {
      d = d.withEarlier(List.of(forwarded(ctx, forward)));
    }
    if (!draftId.isEmpty() && !keep.isEmpty()) {
      List<Attachment> earlier = openDraft(s, draftId).attachments();
      d = d.withEarlier(keep.stream().filter(k -> k.matches("[0-9]{1,2}")).map(Integer::parseInt)
          .filter(i -> i < earlier.size()).distinct().sorted().map(earlier::get).toList());
    }
    String action = Optional.ofNullable(ctx.formParam("action")).orElse("");
    if (action.equals("autosave")) {
      autosave(ctx, s, d, draftId);
    } else if (action.equals("check") || !removed.isEmpty()) {
      again(ctx, s, d, draftId, 200, "", List.of(), false);
    } else if (action.equals("save")) {
      save(ctx, s, d, draftId);
    } else {
      send(ctx, s, d, draftId);
    }
  }

  private void save(Context ctx, Sessions.Session s, Draft d, String draftId) throws IOException {
    if (d.problem().isPresent()) {
      again(ctx, s, d, draftId, 400, d.problem().get(), List.of(), false);
      return;
    }
    Optional<X509Certificate> own = ownCertificate(s, d.choices().profile());
    if (own.isEmpty()) {
      again(ctx, s, d, draftId, 400, "A draft is kept sealed to your own encryption certificate, and you have none:"
          + " get a digital ID on Digital IDs first. Nothing was saved.", List.of(), false);
      return;
    }
    drafts.save(s.person().email(), Optional.of(draftId).filter(id -> !id.isEmpty()), d, own.get());
    ctx.redirect("/web/drafts?saved=1", HttpStatus.SEE_OTHER);
  }

  /** Saved as typed (the page's script asks every few seconds of quiet): the note that says when, and the draft's id. */
  private void autosave(Context ctx, Sessions.Session s, Draft d, String draftId) throws IOException {
    Optional<X509Certificate> own = d.problem().isEmpty() ? ownCertificate(s, d.choices().profile()) : Optional.empty();
    if (own.isEmpty()) {
      Views.render(ctx, "saved.jte", Map.of("note", d.problem().orElse("Not saved: a draft is kept sealed to your own"
          + " encryption certificate, and you have none."), "draft", draftId));
      return;
    }
    String id = drafts.save(s.person().email(), Optional.of(draftId).filter(k -> !k.isEmpty()), d, own.get());
    String at = java.time.format.DateTimeFormatter.ofPattern("HH:mm").format(clock.instant().atZone(clock.getZone()));
    Views.render(ctx, "saved.jte", Map.of("note", "Saved at " + at, "draft", id));
  }

  /**
   * The form again with what was typed and why it was not sent. A browser cannot fill a file field, so
   * attachments are kept as a sealed draft when the person has a certificate to seal them to.
   */
  private void again(Context ctx, Sessions.Session s, Draft d, String draftId, int status, String error,
      List<String> missing, boolean mayContinue) throws IOException {
    Draft shown = d;
    String bound = draftId;
    String said = error;
    if (!d.attachments().isEmpty()) {
      Optional<X509Certificate> own = d.problem().isEmpty() ? ownCertificate(s, d.choices().profile()) : Optional.empty();
      if (own.isPresent()) {
        bound = drafts.save(s.person().email(), Optional.of(draftId).filter(id -> !id.isEmpty()), d, own.get());
        said += " The message and its attachments are kept as a draft, sealed to your own certificate.";
      } else {
        said += " Attach the files again.";
        shown = d.withoutAttachments();
        bound = "";
      }
    }
    ctx.status(status);
    // a forward not kept in a draft is attached again when the form is sent again
    String forward = bound.isEmpty() ? Optional.ofNullable(ctx.formParam("forward")).orElse("") : "";
    compose(ctx, form(ctx, shown, bound, missing, mayContinue, forward), said);
  }

  /**
   * Message {@code forward} ("folder/id": a folder's name has no '/') of the person's mailbox as a forward
   * attaches it, readable by the forward's recipients.
   */
  private Attachment forwarded(Context ctx, String forward) throws IOException {
    int slash = forward.lastIndexOf('/');
    String folder = slash < 0 ? Mailboxes.Standard.INBOX.folder() : forward.substring(0, slash);
    byte[] message = reader.forwardable(stored(ctx, folder, forward.substring(slash + 1)).raw(),
        keys.of(WebUi.session(ctx)).values())
        .orElseThrow(() -> new WebRefusal(FailureKind.KEY_UNAVAILABLE,
            "Unlock your digital IDs on Digital IDs to forward an encrypted message."));
    return new Attachment("forwarded.eml", Attachment.MESSAGE, message);
  }

  /** What a draft is sealed to: the profile's receiving ID when it encrypts, else the newest ID that encrypts. */
  private Optional<X509Certificate> ownCertificate(Sessions.Session s, String profileName) throws IOException {
    String me = s.person().email();
    IdStore store = keys.store(me);
    Optional<Profile> profile = profileName.isEmpty() ? store.defaultProfile() : store.profile(profileName);
    if (profile.isPresent()) {
      Optional<StoredId> receiving = store.find(profile.get().receivingId());
      if (receiving.isPresent() && receiving.get().purpose().encrypts() && receiving.get().currentAt(clock.instant())) {
        return Optional.of(receiving.get().certificate());
      }
    }
    return store.encryptionIdFor(me).map(StoredId::certificate);
  }

  private void send(Context ctx, Sessions.Session s, Draft d, String draftId) throws IOException {
    if (d.sendingProblem().isPresent()) {
      again(ctx, s, d, draftId, 400, d.sendingProblem().get(), List.of(), false);
      return;
    }
    Optional<SecurityLabel> label;
    try {
      label = picker.label(d.choices().label());
    } catch (LabelPicker.Refused e) {
      again(ctx, s, d, draftId, 400, e.getMessage(), List.of(), false);
      return;
    }
    Draft.Choices c = d.choices();
    Instant now = clock.instant();
    ComposeRequest.Ess ess = new ComposeRequest.Ess(c.receipt(), Optional.of(ReceiptRequest.fresh(
        ReceiptRequest.From.all(), List.of(s.person().email()), now, random)), label);
    SendChoices choices = new SendChoices(c.sign(), c.encrypt(), !c.clear(), d.continueEncryption(), ess);
    Correspondent person = person(s);
    byte[] message = d.message(now, random);
    if (!person.protects(choices)) {
      mailboxes.deliver(owners.apply(s), d.recipients(), d.withoutBcc().message(now, random));
      mailboxes.keepSent(owners.apply(s), message); // the sender's copy names its Bcc recipients
      sent(ctx, s, d, draftId, Optional.empty(), "plain: not signed, not encrypted (the person's choice)",
          "not signed, not encrypted");
      return;
    }
    Sender sender;
    try {
      Optional<Sender> unlocked = sender(s, c.profile());
      if (unlocked.isEmpty()) {
        again(ctx, s, d, draftId, 400, "Signing or encrypting needs your digital ID: unlock it on Digital IDs first.",
            List.of(), false);
        return;
      }
      sender = unlocked.get();
    } catch (StoreException e) {
      again(ctx, s, d, draftId, 400, e.getMessage(), List.of(), false);
      return;
    }
    List<RecipientLookup.Found> recipients = person.recipients(message, List.of());
    Outgoing plan;
    try {
      plan = person.plan(recipients, choices, sender);
    } catch (PolicyViolationException e) {
      boolean dce = e.setting() == PolicySetting.DISABLE_CONTINUE_ENCRYPTION;
      again(ctx, s, d, draftId, 409, e.getMessage(), dce ? e.refused() : List.of(), e.continuable());
      return;
    }
    // Bcc recipients get copies of their own (signet-mail decides); the receipt request kept, and the copy
    // kept in Sent (encrypted to the sender too), are the first copy's
    List<Outgoing> copies = plan.copies(d.blind());
    Optional<SignedReceiptRequest> receipt = Optional.empty();
    for (Outgoing copy : copies) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Optional<SignedReceiptRequest> signed = person.write(MessageHead.read(new ByteArrayInputStream(message),
          Limits.DEFAULT), copy, sender, false, out);
      if (copy == copies.get(0)) {
        mailboxes.keepSent(owners.apply(s), out.toByteArray());
      }
      receipt = receipt.or(() -> signed);
      mailboxes.deliver(owners.apply(s), copy.addresses(), out.toByteArray());
    }
    sent(ctx, s, d, draftId, receipt, plan.plan().decisions().stream().map(Object::toString)
        .collect(Collectors.joining("; ")), SentMessages.protection(plan.plan(), copies.size()));
  }

  /** Records what was sent, removes the draft it was written from, and shows the confirmation. */
  private void sent(Context ctx, Sessions.Session s, Draft d, String draftId, Optional<SignedReceiptRequest> receipt,
      String decisions, String protection) {
    if (!draftId.isEmpty()) {
      drafts.delete(s.person().email(), draftId);
    }
    SentMessages.confirm(ctx, sentMessages.record(s.person().email(), d, receipt, decisions, protection));
  }

  /**
   * The person's side of Signet under the organisation's policy, with the organisation's places to look
   * recipients up.
   */
  Correspondent person(Sessions.Session s) {
    return Correspondent.of(keys.store(s.person().email()), reader.policy()).withClock(clock)
        .withEngine(Smime.withDefaults().withClock(clock).withRandom(random))
        .withRecipientLookup(recipients.lookup());
  }

  /**
   * The sender signet-mail chooses from the chosen (or default) profile, else the newest signing ID for the
   * person's address, among the IDs unlocked for the session; empty while they are locked.
   *
   * @throws StoreException when the chosen ID is not valid now, or the profile is gone
   */
  private Optional<Sender> sender(Sessions.Session s, String profileName) throws IOException {
    Map<String, DigitalId> open = keys.of(s);
    if (open.isEmpty()) {
      return Optional.empty();
    }
    Unlocking unlocked = stored -> Optional.ofNullable(open.get(stored.name()))
        .orElseThrow(() -> new StoreException(FailureKind.KEY_UNAVAILABLE, stored.name() + " is not unlocked"));
    return Optional.of(person(s).sender(Optional.of(profileName).filter(n -> !n.isEmpty()),
        Optional.of(s.person().email()), unlocked));
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
    List<Mailboxes.Message> inbox = records.stream().anyMatch(r -> r.request().isPresent())
        ? mailboxes.list(owners.apply(WebUi.session(ctx))) : List.of(); // read once: it may be a mail server's
    List<Views.SentRow> rows = new ArrayList<>();
    for (SentRecord r : records) {
      List<String> returned = r.request().isPresent() ? receipts.returned(inbox, r.request().get()) : List.of();
      rows.add(new Views.SentRow(r.at(), r.recipients(), r.subject(), r.request().isPresent(), returned, r.decisions()));
    }
    Views.render(ctx, "sent.jte", Map.of("page", WebUi.page(ctx, "Receipts"), "rows", rows));
  }
}
