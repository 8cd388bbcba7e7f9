package dev.signet.server.web;

import dev.signet.core.Limits;
import dev.signet.core.MessageHead;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a person typed into compose, the switches they set and the files they attached. Bcc is kept
 * in the draft and handed to signet-mail, which keeps it from every copy that is sent. Header fields
 * are single lines: a carriage return or line feed in any of them is refused (no header injection).
 */
record Draft(String from, String to, String cc, String bcc, String subject, String body, Choices choices,
    boolean continueEncryption, List<Attachment> attachments, Conversation conversation) {
  private static final String ADDRESS = "[^@\\s<>\",;()]+@[^@\\s<>\",;()]+\\.[^@\\s<>\",;()]+";
  private static final int MAX_BODY = 1 << 20;
  /** The text part's content header fields. */
  private static final String TEXT_HEADERS = "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n";
  /** The header that carries a kept draft's switches; it exists only inside a sealed draft. */
  static final String CHOICES_FIELD = "X-Signet-Draft";

  Draft {
    attachments = List.copyOf(attachments);
  }

  /** Where an answer stands in its conversation: In-Reply-To and References (RFC 5322 3.6.4), "" when new. */
  record Conversation(String inReplyTo, String references) {
    private static final String IDS = "(<[^<>\\s]{1,250}>\\s*){0,100}";

    static Conversation none() {
      return new Conversation("", "");
    }

    boolean wellFormed() {
      return inReplyTo.strip().matches(IDS) && references.strip().matches(IDS);
    }
  }

  /** The security switches, the settings profile and the label picked. */
  record Choices(boolean sign, boolean encrypt, boolean clear, boolean receipt, String profile, LabelChoice label) {
    static Choices of(Context ctx) {
      return new Choices(on(ctx, "sign"), on(ctx, "encrypt"), on(ctx, "clear"), on(ctx, "receipt"),
          field(ctx, "profile"), new LabelChoice(field(ctx, "label-level"), ctx.formParams("label-category"),
              field(ctx, "label-mark")));
    }

    /** The choices as one header value (URL-encoded pairs), for a kept draft. */
    String encoded() {
      Map<String, String> pairs = new LinkedHashMap<>();
      pairs.put("sign", flag(sign));
      pairs.put("encrypt", flag(encrypt));
      pairs.put("clear", flag(clear));
      pairs.put("receipt", flag(receipt));
      pairs.put("profile", profile);
      pairs.put("label-level", label.level());
      pairs.put("label-mark", label.mark());
      pairs.put("label-category", String.join(",", label.categories()));
      List<String> out = new ArrayList<>();
      pairs.forEach((k, v) -> out.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
      return String.join("&", out);
    }

    static Choices decoded(String value) {
      Map<String, String> pairs = new LinkedHashMap<>();
      for (String pair : value.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          pairs.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
      String categories = pairs.getOrDefault("label-category", "");
      return new Choices(isOn(pairs.get("sign")), isOn(pairs.get("encrypt")), isOn(pairs.get("clear")),
          isOn(pairs.get("receipt")), pairs.getOrDefault("profile", ""), new LabelChoice(pairs.getOrDefault(
              "label-level", ""), categories.isEmpty() ? List.of() : List.of(categories.split(",")),
              pairs.getOrDefault("label-mark", "")));
    }

    private static String flag(boolean on) {
      return on ? "1" : "0";
    }

    private static boolean isOn(String value) {
      return "1".equals(value);
    }
  }

  /** The label as picked on the form: a classification, categories and a privacy mark, not yet judged. */
  record LabelChoice(String level, List<String> categories, String mark) {
    LabelChoice {
      categories = List.copyOf(categories);
    }

    static LabelChoice none() {
      return new LabelChoice("", List.of(), "");
    }
  }

  /** The form as posted, with its uploaded files; refused as a whole when there are too many or too large. */
  static Draft of(Context ctx, Accounts.Person sender) {
    List<Attachment> files = new ArrayList<>();
    for (UploadedFile f : ctx.uploadedFiles("attachment")) {
      if (f.filename().isEmpty() && f.size() == 0) {
        continue; // the file field left empty
      }
      try (InputStream in = f.content()) {
        files.add(new Attachment(f.filename(), Optional.ofNullable(f.contentType()).orElse(""), in.readAllBytes()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new Draft(sender.email(), field(ctx, "to"), field(ctx, "cc"), field(ctx, "bcc"), field(ctx, "subject"),
        field(ctx, "body"),
        Choices.of(ctx), on(ctx, "continue"), files, new Conversation(field(ctx, "in-reply-to"), field(ctx, "references")));
  }

  private static String field(Context ctx, String name) {
    return Optional.ofNullable(ctx.formParam(name)).orElse("");
  }

  private static boolean on(Context ctx, String name) {
    return "1".equals(ctx.formParam(name));
  }

  /** The same draft with {@code earlier} (kept from a saved draft) before its own attachments. */
  Draft withEarlier(List<Attachment> earlier) {
    List<Attachment> all = new ArrayList<>(earlier);
    all.addAll(attachments);
    return new Draft(from, to, cc, bcc, subject, body, choices, continueEncryption, all, conversation);
  }

  /** The same draft without attachments: what a form shows when they could not be kept. */
  Draft withoutAttachments() {
    return new Draft(from, to, cc, bcc, subject, body, choices, continueEncryption, List.of(), conversation);
  }

  /** The same draft without its Bcc field: the message as it goes out unprotected, the same for everyone. */
  Draft withoutBcc() {
    return new Draft(from, to, cc, "", subject, body, choices, continueEncryption, attachments, conversation);
  }

  /** Every recipient, To, Cc and Bcc. */
  List<String> recipients() {
    List<String> all = new ArrayList<>(split(to));
    all.addAll(split(cc));
    all.addAll(split(bcc));
    return all;
  }

  /** The recipients typed as addresses, each once: those whose certificates compose can look up. */
  List<String> addresses() {
    return recipients().stream().filter(a -> a.matches(ADDRESS)).distinct().toList();
  }

  /** The Bcc recipients, whom no other recipient may learn of. */
  List<String> blind() {
    return split(bcc);
  }

  /** Why this draft cannot be kept or sent as typed, if it cannot; recipients are checked only for sending. */
  Optional<String> problem() {
    for (String f : new String[] {to, cc, bcc, subject, choices.profile(), choices.label().mark()}) {
      if (f.indexOf('\r') >= 0 || f.indexOf('\n') >= 0) {
        return Optional.of("A header field is one line: line breaks are not allowed in To, Cc, Bcc or Subject.");
      }
    }
    if (!conversation.wellFormed()) {
      return Optional.of("In-Reply-To and References hold message identifiers only.");
    }
    if (body.length() > MAX_BODY || subject.length() > 998 || to.length() > 4000 || cc.length() > 4000
        || bcc.length() > 4000) {
      return Optional.of("The message is too long.");
    }
    if (attachments.size() > Attachment.MAX_COUNT) {
      return Optional.of("At most " + Attachment.MAX_COUNT + " attachments.");
    }
    if (attachments.stream().mapToLong(Attachment::size).sum() > Attachment.MAX_TOTAL_BYTES) {
      return Optional.of("The attachments come to more than " + (Attachment.MAX_TOTAL_BYTES >> 20) + " MiB.");
    }
    return Optional.empty();
  }

  /** Why this draft cannot be sent, if it cannot. */
  Optional<String> sendingProblem() {
    if (to.isBlank()) {
      return Optional.of("Name at least one recipient in To.");
    }
    for (String a : recipients()) {
      if (!a.matches(ADDRESS)) {
        return Optional.of("Not an email address: " + a);
      }
    }
    return problem();
  }

  /**
   * The RFC 5322 message: UTF-8 text, the subject as an RFC 2047 word when it is not ASCII, and with
   * attachments a multipart/mixed of the text and the files; Date and Message-ID as core completes a head.
   */
  byte[] message(Instant now, SecureRandom random) {
    return build(now, random, "");
  }

  /** The message with the switches in a header of its own: what a kept draft holds, sealed. */
  byte[] kept(Instant now, SecureRandom random) {
    return build(now, random, CHOICES_FIELD + ": " + choices.encoded() + "\r\n");
  }

  private byte[] build(Instant now, SecureRandom random, String extra) {
    StringBuilder m = new StringBuilder();
    m.append("From: ").append(from).append("\r\n");
    if (!to.isBlank()) {
      m.append("To: ").append(String.join(", ", split(to))).append("\r\n");
    }
    if (!cc.isBlank()) {
      m.append("Cc: ").append(String.join(", ", split(cc))).append("\r\n");
    }
    if (!bcc.isBlank()) {
      m.append("Bcc: ").append(String.join(", ", split(bcc))).append("\r\n");
    }
    m.append("Subject: ").append(encodedSubject()).append("\r\n");
    if (!conversation.inReplyTo().isBlank()) {
      m.append("In-Reply-To: ").append(conversation.inReplyTo().strip().replaceAll("\\s+", " ")).append("\r\n");
    }
    if (!conversation.references().isBlank()) {
      m.append("References: ").append(conversation.references().strip().replaceAll("\\s+", "\r\n ")).append("\r\n");
    }
    m.append(extra).append("MIME-Version: 1.0\r\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (attachments.isEmpty()) {
      m.append(TEXT_HEADERS).append("\r\n");
      out.writeBytes(completed(m.toString().getBytes(StandardCharsets.UTF_8), now, random));
      out.writeBytes(text().getBytes(StandardCharsets.UTF_8));
      return out.toByteArray();
    }
    byte[] b = new byte[18];
    random.nextBytes(b);
    String boundary = "=_signet_" + HexFormat.of().formatHex(b);
    m.append("Content-Type: multipart/mixed; boundary=\"").append(boundary).append("\"\r\n\r\n");
    out.writeBytes(completed(m.toString().getBytes(StandardCharsets.UTF_8), now, random));
    out.writeBytes(("--" + boundary + "\r\n" + TEXT_HEADERS + "\r\n" + text()).getBytes(StandardCharsets.UTF_8));
    for (Attachment a : attachments) {
      out.writeBytes(("--" + boundary + "\r\n").getBytes(StandardCharsets.US_ASCII));
      a.writePart(out);
    }
    out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  /** The header block {@code head} with the Date and Message-ID that core adds where a head lacks them. */
  private static byte[] completed(byte[] head, Instant now, SecureRandom random) {
    try {
      return MessageHead.read(new ByteArrayInputStream(head), Limits.DEFAULT).completed(now, ZoneOffset.UTC, random)
          .bytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a head of our own, in memory
    }
  }

  /** The text part's content: the body with CRLF line ends, ending in one. */
  private String text() {
    String crlf = body.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n");
    return crlf + (body.endsWith("\n") ? "" : "\r\n");
  }

  private static List<String> split(String list) {
    List<String> out = new ArrayList<>();
    for (String a : list.split(",")) {
      if (!a.isBlank()) {
        out.add(Accounts.normalize(a));
      }
    }
    return out;
  }

  private String encodedSubject() {
    boolean ascii = subject.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    return ascii ? subject : "=?UTF-8?B?" + Base64.getEncoder().encodeToString(subject.getBytes(StandardCharsets.UTF_8)) + "?=";
  }
}
