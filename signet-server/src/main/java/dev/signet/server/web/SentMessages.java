package dev.signet.server.web;

import dev.signet.core.ComposePlan;
import dev.signet.core.FailureKind;
import dev.signet.core.Layer;
import dev.signet.core.SignedReceiptRequest;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a person sent, as it is recorded, and the page they see once a message has gone (Post/Redirect/Get:
 * reloading it shows the page again and sends nothing): to whom it went and how it was protected.
 */
final class SentMessages {
  /** One message as the confirmation shows it. */
  record Confirmation(String id, String at, String recipients, String subject, String protection) {}

  private final WebDatabase db;
  private final Clock clock;

  SentMessages(WebDatabase db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  void routes(JavalinConfig config) {
    config.routes.get("/web/sent/{id}", this::confirmation);
  }

  /** How {@code plan} protected a message sent as {@code copies} copies, in plain words. */
  static String protection(ComposePlan plan, int copies) {
    String signed = !plan.sign() ? "not signed"
        : plan.format() == Layer.SignedFormat.CLEAR ? "signed (clear-signed)" : "signed (opaque)";
    String encrypted = plan.encrypt() ? "encrypted with " + plan.cipher().name().replace('_', '-') : "not encrypted";
    String blind = copies > 1 ? "; each Bcc recipient got a copy of their own, encrypted to them alone" : "";
    return signed + ", " + encrypted + blind;
  }

  /** Records a message the sender sent; its id, for the confirmation. */
  String record(String sender, Draft d, Optional<SignedReceiptRequest> receipt, String decisions, String protection) {
    return db.inTransaction(c -> {
      WebDatabase.update(c, "INSERT INTO web_sent (sender, sent_at, recipients, subject, receipt_content_id,"
          + " receipt_content_type, receipt_signature, receipt_msg_sig_digest, decisions, protection)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", sender, clock.instant(), String.join(", ", d.recipients()),
          d.subject(), receipt.map(r -> r.request().contentIdentifier()).orElse(null),
          receipt.map(SignedReceiptRequest::contentType).orElse(null),
          receipt.map(SignedReceiptRequest::signatureValue).orElse(null),
          receipt.map(SignedReceiptRequest::msgSigDigest).orElse(null), truncate(decisions, 8000), protection);
      try (var s = c.prepareStatement("SELECT MAX(id) FROM web_sent WHERE sender = ?")) {
        s.setString(1, sender);
        try (var r = s.executeQuery()) {
          r.next();
          return Long.toString(r.getLong(1));
        }
      }
    });
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }

  /** The confirmation of one of the person's own sent messages; anyone else's is not found. */
  private void confirmation(Context ctx) {
    String me = WebUi.session(ctx).person().email();
    String id = ctx.pathParam("id");
    if (!id.matches("[0-9]{1,18}")) {
      throw new WebRefusal(FailureKind.NOT_FOUND, "There is no such sent message.");
    }
    Confirmation sent = db.one("SELECT sent_at, recipients, subject, protection FROM web_sent WHERE id = ? AND sender = ?",
        r -> new Confirmation(id, Views.shown(WebDatabase.instant(r, 1)), r.getString(2), r.getString(3), r.getString(4)),
        Long.parseLong(id), me).orElseThrow(() -> new WebRefusal(FailureKind.NOT_FOUND,
            "There is no such sent message."));
    Views.render(ctx, "sent_confirmation.jte", Map.of("page", WebUi.page(ctx, "Message sent"), "sent", sent,
        "to", List.of(sent.recipients().split(", "))));
  }

  /** After sending: the confirmation, so that reloading the page sends nothing again. */
  static void confirm(Context ctx, String id) {
    ctx.redirect("/web/sent/" + id, HttpStatus.SEE_OTHER);
  }
}
