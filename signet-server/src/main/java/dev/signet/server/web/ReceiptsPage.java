package dev.signet.server.web;

import dev.signet.core.SignedReceiptRequest;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** What the person sent asking for signed receipts, and the valid receipts that came back for each. */
final class ReceiptsPage {
  private final Mailboxes mailboxes;
  private final Function<Sessions.Session, Mailboxes.Owner> owners;
  private final WebDatabase db;
  private final Receipts receipts;

  ReceiptsPage(Mailboxes mailboxes, Function<Sessions.Session, Mailboxes.Owner> owners, WebDatabase db,
      Receipts receipts) {
    this.mailboxes = mailboxes;
    this.owners = owners;
    this.db = db;
    this.receipts = receipts;
  }

  void routes(JavalinConfig config) {
    config.routes.get("/web/sent", this::sent);
  }

  /** A sent message as stored, with the request receipts are checked against. */
  private record SentRecord(String at, String recipients, String subject, Optional<SignedReceiptRequest> request,
      String decisions) {}

  private void sent(Context ctx) throws IOException {
    String me = WebUi.session(ctx).person().email();
    List<SentRecord> records = db.query("SELECT sent_at, recipients, subject, receipt_content_id, receipt_content_type,"
        + " receipt_signature, receipt_msg_sig_digest, decisions FROM web_sent WHERE sender = ? ORDER BY id DESC",
        r -> new SentRecord(Views.shown(WebDatabase.instant(r, 1)), r.getString(2), r.getString(3),
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
