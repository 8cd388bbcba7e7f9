package dev.signet.server.web;

import dev.signet.core.ComposeRequest;
import dev.signet.core.FailureKind;
import dev.signet.core.PolicySetting;
import dev.signet.core.PolicyViolationException;
import dev.signet.core.ProblemCode;
import dev.signet.core.ReceiptRequest;
import dev.signet.core.SecurityLabel;
import dev.signet.core.SecurityPolicies;
import dev.signet.core.SignedReceiptRequest;
import dev.signet.mail.Copies;
import dev.signet.mail.Correspondent;
import dev.signet.mail.IdStore;
import dev.signet.mail.Outgoing;
import dev.signet.mail.Profile;
import dev.signet.mail.RecipientLookup;
import dev.signet.mail.Reply;
import dev.signet.mail.SendChoices;
import dev.signet.mail.Sender;
import dev.signet.mail.StoreException;
import dev.signet.mail.StoredId;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
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

/**
 * Writing mail: compose (new, from a kept draft, or answering a message as signet-mail answers it), its
 * buttons (send, save, check recipients, autosave), the sealed drafts, and the confirmation of what was sent.
 */
final class ComposePages {
  private final Mailboxes mailboxes;
  private final Function<Sessions.Session, Mailboxes.Owner> owners;
  private final MailReader reader;
  private final KeyRing keys;
  private final Clock clock;
  private final SecureRandom random;
  private final Drafts drafts;
  private final SentMessages sentMessages;
  private final Correspondents correspondents;
  private final MessagePages messages;
  private final LabelPicker picker = new LabelPicker(SecurityPolicies.installed());

  ComposePages(Mailboxes mailboxes, Function<Sessions.Session, Mailboxes.Owner> owners, MailReader reader, KeyRing keys,
      WebDatabase db, Clock clock, SecureRandom random, Correspondents correspondents, MessagePages messages) {
    this.mailboxes = mailboxes;
    this.owners = owners;
    this.reader = reader;
    this.keys = keys;
    this.clock = clock;
    this.random = random;
    this.drafts = new Drafts(db, clock, random);
    this.sentMessages = new SentMessages(db, clock);
    this.correspondents = correspondents;
    this.messages = messages;
  }

  void routes(JavalinConfig config) {
    config.routes.get("/web/mail/{id}/reply", ctx -> answer(ctx, Reply.Kind.REPLY));
    config.routes.get("/web/mail/{id}/reply-all", ctx -> answer(ctx, Reply.Kind.REPLY_ALL));
    config.routes.get("/web/mail/{id}/forward", ctx -> answer(ctx, Reply.Kind.FORWARD));
    config.routes.get("/web/compose", this::composePage);
    config.routes.post("/web/compose", this::post);
    config.routes.get("/web/drafts", this::draftsPage);
    config.routes.post("/web/drafts/{id}/delete", this::deleteDraft);
    sentMessages.routes(config);
  }

  /**
   * Compose filled in to answer a message, as signet-mail answers it (recipients, subject, thread, quote,
   * signed and encrypted as the original was); the policy's locks show and apply as for any message.
   */
  private void answer(Context ctx, Reply.Kind kind) throws IOException {
    Sessions.Session s = WebUi.session(ctx);
    byte[] raw = messages.stored(ctx, MessagePages.folder(ctx), ctx.pathParam("id")).raw();
    MailReader.Reading r = reader.read(raw, keys.of(s).values());
    if (!messages.release(ctx, r).shown() && !r.report().has(ProblemCode.NO_DECRYPTION_KEY)) {
      r = new MailReader.Reading(r.headers(), r.report(), Optional.empty()); // not quoted before it is opened
    }
    Reply reply = correspondents.of(s).reply(kind, MailReader.original(raw, r), r.report(),
        List.of(s.person().email()));
    Draft.LabelChoice label = profileLabel(s).orElse(Draft.LabelChoice.none());
    Draft d = new Draft(s.person().email(), String.join(", ", reply.to()), String.join(", ", reply.cc()), "",
        reply.subject(), reply.body(), new Draft.Choices(reply.sign(), reply.encrypt(), true, false, "", label), false,
        List.of(), new Draft.Conversation(reply.inReplyTo(), reply.references()));
    compose(ctx, form(ctx, d, "", List.of(), false, kind == Reply.Kind.FORWARD
        ? MessagePages.folder(ctx) + "/" + ctx.pathParam("id") : ""), "");
  }

  /**
   * The person's kept drafts, what each holds shown only while their keys are unlocked; and how many
   * drafts their mail programs keep in the mailbox's Drafts folder, which is one click away.
   */
  private void draftsPage(Context ctx) throws IOException {
    Sessions.Session s = WebUi.session(ctx);
    List<Views.DraftRow> rows = new ArrayList<>();
    for (Drafts.Kept k : drafts.list(s.person().email(), keys.of(s).values())) {
      rows.add(new Views.DraftRow(k.id(), Views.shown(k.saved()), k.draft().isPresent(),
          k.draft().map(Draft::to).orElse(""), k.draft().map(Draft::subject).orElse(""),
          k.draft().map(d -> d.attachments().size()).orElse(0)));
    }
    String notice = ctx.queryParam("saved") != null ? "Draft saved, sealed to your own certificate." : "";
    int inFolder = mailboxes.folders(owners.apply(s)).stream()
        .filter(f -> f.name().equals(Mailboxes.Standard.DRAFTS.folder())).mapToInt(Mailboxes.Folder::total).sum();
    Views.render(ctx, "drafts.jte", Map.of("page", WebUi.page(ctx, "Drafts").withNotice(notice), "rows", rows,
        "unlocked", !keys.of(s).isEmpty(), "inFolder", inFolder));
  }

  private void deleteDraft(Context ctx) {
    drafts.delete(WebUi.session(ctx).person().email(), ctx.pathParam("id"));
    ctx.redirect("/web/drafts", HttpStatus.SEE_OTHER);
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
    Correspondent person = correspondents.of(s);
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
    byte[] message = reader.forwardable(messages.stored(ctx, folder, forward.substring(slash + 1)).raw(),
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
    Correspondent person = correspondents.of(s);
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
      Optional<Sender> unlocked = correspondents.sender(s, c.profile());
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
    // Bcc recipients get copies of their own, as signet-mail writes them; Sent keeps the first (encrypted
    // to the sender too), whose receipt request is the one kept
    Copies written = person.writeCopies(message, plan, d.blind(), sender, false);
    Mailboxes.Owner owner = owners.apply(s);
    mailboxes.keepSent(owner, written.first().message());
    for (Copies.Copy copy : written.copies()) {
      mailboxes.deliver(owner, copy.recipients(), copy.message());
    }
    sent(ctx, s, d, draftId, written.receipt(), plan.plan().decisions().stream().map(Object::toString)
        .collect(Collectors.joining("; ")), SentMessages.protection(plan.plan(), written.copies().size()));
  }

  /** Records what was sent, removes the draft it was written from, and shows the confirmation. */
  private void sent(Context ctx, Sessions.Session s, Draft d, String draftId, Optional<SignedReceiptRequest> receipt,
      String decisions, String protection) {
    if (!draftId.isEmpty()) {
      drafts.delete(s.person().email(), draftId);
    }
    SentMessages.confirm(ctx, sentMessages.record(s.person().email(), d, receipt, decisions, protection));
  }
}
