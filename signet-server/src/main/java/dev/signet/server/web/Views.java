package dev.signet.server.web;

import dev.signet.core.DateField;
import dev.signet.core.Layer;
import dev.signet.core.Problem;
import dev.signet.core.ProblemCode;
import dev.signet.core.SecurityLabel;
import dev.signet.core.SecurityPolicies;
import dev.signet.core.SecurityReport;
import dev.signet.core.Severity;
import dev.signet.core.SignerReport;
import dev.signet.core.Verdict;
import dev.signet.mail.RecipientLookup;
import dev.signet.mail.SwitchLock;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The pages' models and their rendering with the precompiled jte templates (HTML auto-escaped). */
final class Views {
  private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(null, ContentType.Html, null,
      "dev.signet.server.web");

  private Views() {}

  /** What every page shows around its content: who is signed in and the token its forms carry. */
  record Page(String title, Optional<Accounts.Person> person, String csrf, String notice, String error) {
    Page withNotice(String text) {
      return new Page(title, person, csrf, text, error);
    }

    Page withError(String text) {
      return new Page(title, person, csrf, notice, text);
    }
  }

  /**
   * Whether a message read with {@code report} waits for the person's keys: encrypted while their
   * digital IDs are locked ({@code idsLocked}), so no key was tried, a neutral state and no problem.
   */
  static boolean waiting(SecurityReport report, boolean idsLocked) {
    return idsLocked && report.has(ProblemCode.NO_DECRYPTION_KEY);
  }

  /** One line of a folder: its link, lock, seal, warning, unread and flag marks; {@code waiting} as {@link #waiting}. */
  record InboxRow(String id, String href, String from, String subject, String date, boolean locked, boolean sealed,
      boolean warning, boolean waiting, boolean unread, boolean flagged) {

    /** The line of message {@code m} of {@code folder} as {@code r} read it, the person's IDs locked or not. */
    static InboxRow of(String folder, Mailboxes.Message m, MailReader.Reading r, boolean idsLocked) {
      boolean waiting = Views.waiting(r.report(), idsLocked);
      boolean warning = !waiting && (r.report().verdict() == Verdict.ERROR
          || (r.report().signed() && r.report().verdict() == Verdict.WARNING));
      return new InboxRow(m.id(), FolderPages.messageHref(folder, m.id()), r.headers().from(), r.headers().subject(),
          dateOrArrival(r, m), r.report().arrivedEncrypted(), r.report().signed(), warning, waiting, !m.seen(),
          m.flagged());
    }

    /** The message's Date, or when it arrived for a message without one (as mail programs show it). */
    private static String dateOrArrival(MailReader.Reading r, Mailboxes.Message m) {
      return r.headers().date().isEmpty() ? shown(m.received()) : shown(r.headers().date());
    }
  }

  /** A moment as the pages show it: as a message's Date field reads (RFC 5322), in UTC. */
  static String shown(Instant at) {
    return DateTimeFormatter.RFC_1123_DATE_TIME.format(at.atOffset(ZoneOffset.UTC));
  }

  /**
   * A Date field written as the pages write moments, so a folder's dates read alike, at its writer's offset
   * (the day a search finds it by); as it came when it is not a date.
   */
  static String shown(String dateField) {
    return DateField.read(dateField).map(DateTimeFormatter.RFC_1123_DATE_TIME::format).orElse(dateField);
  }

  /** Where an inbox page stands: page {@code number} of {@code count}, newest first, {@code messages} in all. */
  record InboxPages(int number, int count, int messages) {}

  /**
   * The security banner of a message, as mail clients show it: who signed (the Signed-by line, not
   * From), whether the signature holds and is trusted, the encryption, the label; and the report's details.
   */
  record Banner(String tone, List<String> lines, Optional<String> nameNote, Optional<String> label, List<Layer> layers,
      List<SignerReport> signers, List<Problem> problems, String verdict) {

    /** The problems that are faults (warnings and errors), for the Problems table. */
    List<Problem> faults() {
      return problems.stream().filter(p -> p.severity() != Severity.INFO).toList();
    }

    /** What the report notes without finding fault (how revocation was checked, say). */
    List<Problem> notes() {
      return problems.stream().filter(p -> p.severity() == Severity.INFO).toList();
    }

    /** The banner of {@code report}; {@code idsLocked}: the person's digital IDs are locked, so no key was tried. */
    static Banner of(SecurityReport report, boolean idsLocked) {
      boolean waiting = waiting(report, idsLocked);
      List<String> lines = new ArrayList<>();
      List<SignerReport> content = report.signers().stream().filter(s -> s.role() == SignerReport.Role.CONTENT).toList();
      for (SignerReport s : content) {
        lines.add("Signed by: " + CertificateNames.signer(s) + ", issued by " + CertificateNames.issuer(s.issuer()) + ": "
            + status(s));
      }
      if (content.isEmpty()) {
        lines.add("Not signed");
      }
      if (report.problems().stream().anyMatch(p -> p.code() == ProblemCode.FROM_MISMATCH
          && p.severity() != Severity.INFO)) {
        lines.add("Signed by a different address than From");
      }
      // At info level FROM_MISMATCH is only a display name the certificate does not carry: a note, not a fault.
      Optional<String> nameNote = report.problems().stream().anyMatch(p -> p.code() == ProblemCode.FROM_MISMATCH
          && p.severity() == Severity.INFO) ? Optional.of("The name shown beside the sender's address is their own wording: the certificate vouches"
              + " for the address, not for the name.") : Optional.empty();
      Optional<Layer.Encrypted> enc = report.layers().stream().filter(l -> l instanceof Layer.Encrypted)
          .map(l -> (Layer.Encrypted) l).findFirst();
      lines.add(enc.map(e -> "Encrypted with " + e.cipher().displayName() + (e.authenticated() ? " (authenticated)" : ""))
          .orElse(waiting ? "Encrypted: locked, unlock your digital IDs to read"
              : report.has(ProblemCode.NO_DECRYPTION_KEY) ? "Encrypted: cannot decrypt, no matching digital ID"
              : "Not encrypted"));
      if (waiting) {
        return new Banner("locked", lines, nameNote, Optional.empty(), report.layers(), report.signers(), report.problems().stream()
            .filter(p -> p.code() != ProblemCode.NO_DECRYPTION_KEY).toList(), "locked");
      }
      String tone = switch (report.verdict()) {
        case VALID -> "valid";
        case WARNING -> "warning";
        case ERROR -> "error";
      };
      return new Banner(tone, lines, nameNote, report.securityLabel().map(Banner::marking), report.layers(), report.signers(),
          report.problems(), report.verdict().id());
    }

    /** The label's marking in its policy module's words, flagged when no module knows it or it is not valid. */
    private static String marking(SecurityLabel label) {
      SecurityPolicies.LabelJudgement judged = SecurityPolicies.installed().judge(label);
      return judged.display() + judged.problem().map(p -> " (" + p + ")").orElse("");
    }

    private static String status(SignerReport s) {
      if (!s.signatureValid()) {
        return "altered after signing (the signature does not verify)";
      }
      if (s.revocation() == SignerReport.Revocation.REVOKED) {
        return "certificate revoked";
      }
      return s.trust() == SignerReport.Trust.TRUSTED ? "valid signature, trusted" : "valid signature, not trusted";
    }

    boolean isError() {
      return verdict.equals(Verdict.ERROR.id());
    }
  }

    /**
   * A message's page: its headers, banner, content when it is shown, and the receipt asked of the
   * reader: "" none, "offer", "sent", "never" (policy), "locked" (the digital ID is needed); for a signed
   * receipt, which sent message it confirms.
   */
  record MessagePage(String id, MailReader.Headers headers, Banner banner, Optional<MailReader.Content> content,
      Optional<String> needKey, String receipt, Optional<Receipts.Confirmation> confirms, Filed filed) {
    List<AttachmentRow> attachments() {
      return content.map(c -> AttachmentRow.of(c.attachments())).orElse(List.of());
    }

    /** The link to this message's {@code suffix} ("/reply"), carrying its folder. */
    String href(String suffix) {
      return FolderPages.messageHref(filed.folder(), id, suffix, "");
    }

    /** As {@link #href(String)}, shown despite its problem when {@code show}. */
    String href(String suffix, boolean show) {
      return FolderPages.messageHref(filed.folder(), id, suffix, show ? "show=1" : "");
    }
  }

  /** Where a message is filed: its folder, whether it is flagged, and the person's folders to move it to. */
  record Filed(String folder, boolean flagged, List<FolderPages.Listed> folders) {
    String act() {
      return FolderPages.actHref(folder);
    }

    boolean inTrash() {
      return folder.equals(Mailboxes.Standard.TRASH.folder());
    }
  }

  /** {@code text} as one part of a link's path or query. */
  static String url(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** An attachment as listed: its place in the message (for the download link), name, type and size. */
  record AttachmentRow(int index, String name, String type, String size) {
    static List<AttachmentRow> of(List<Attachment> attachments) {
      List<AttachmentRow> rows = new ArrayList<>();
      for (int i = 0; i < attachments.size(); i++) {
        Attachment a = attachments.get(i);
        rows.add(new AttachmentRow(i, a.name(), a.type(), size(a.size())));
      }
      return rows;
    }

    private static String size(long bytes) {
      return bytes < 1024 ? bytes + " bytes" : bytes < (1 << 20) ? (bytes + 1023) / 1024 + " KB"
          : String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0);
    }
  }

  /** A compose-page switch: its state, and the setting that locks it, if one does. */
  /** A compose switch as shown: on or off, and the policy's lock on it, if any. */
  record Choice(boolean on, Optional<SwitchLock> lock) {
    static Choice of(boolean asked, Optional<SwitchLock> lock) {
      return new Choice(lock.map(SwitchLock::on).orElse(asked), lock);
    }

    boolean locked() {
      return lock.isPresent();
    }

    /** "AlwaysEncrypt = 1". */
    Optional<String> lockedBy() {
      return lock.map(l -> l.setting().registryName() + " = " + l.value());
    }
  }

  /**
   * A recipient with the certificate mark signet-mail gave it: {@code tone} names the mark for the
   * stylesheet ("usable", "none-found"), {@code words} says it, {@code source} where it was found or why not.
   */
  record RecipientMark(String address, String tone, String words, String source) {
    static RecipientMark of(RecipientLookup.Found f) {
      return new RecipientMark(f.recipient().address(), f.mark().name().toLowerCase(Locale.ROOT).replace('_', '-'),
          f.mark().words(), f.source());
    }
  }

  /** The compose form as shown: what was typed, the choices with their locks, and any recipient who lacks a certificate. */
  record ComposeForm(String to, String cc, String bcc, String subject, String body, Choice sign, Choice encrypt,
      Choice clearSign, Choice receipt, List<String> profiles, String profile, LabelPicker.Shown label, String draft,
      List<AttachmentRow> kept, List<String> missing, boolean mayContinue, boolean unlocked,
      Draft.Conversation conversation, String forward, List<RecipientMark> marks) {}

  /** One kept draft as listed; what it holds is shown only when the person's keys open it. */
  record DraftRow(String id, String saved, boolean opened, String to, String subject, int attachments) {}

  /** The digital-ID page: the person's IDs and whether they are unlocked for this session. */
  record IdRow(String name, String email, String usage, String issuer, String expires, boolean exportable) {}

  /** A security-settings profile as listed. */
  record ProfileRow(String name, String signingId, String receivingId, String hash, String cipher, boolean isDefault,
      boolean sealsNewIds) {}

  /** One message the person sent, with how policy and their choices decided it. */
  record SentRow(String at, String recipients, String subject, boolean receipt, List<String> receiptsFrom,
      String decisions) {}

  static void render(Context ctx, String template, Map<String, Object> params) {
    StringOutput out = new StringOutput();
    ENGINE.render(template, params, out);
    ctx.html(out.toString());
  }
}
