package dev.signet.server.web;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * What a person typed into compose and the switches they set. Header fields are single lines: a
 * carriage return or line feed in any of them is refused (no header injection).
 */
record Draft(String from, String to, String cc, String subject, String body, boolean sign, boolean encrypt,
    boolean clear, boolean receipt, boolean continueEncryption, String profile) {
  private static final String ADDRESS = "[^@\\s<>\",;()]+@[^@\\s<>\",;()]+\\.[^@\\s<>\",;()]+";
  private static final int MAX_BODY = 1 << 20;

  static Draft of(Context ctx, Accounts.Person sender) {
    return new Draft(sender.email(), field(ctx, "to"), field(ctx, "cc"), field(ctx, "subject"), field(ctx, "body"),
        on(ctx, "sign"), on(ctx, "encrypt"), on(ctx, "clear"), on(ctx, "receipt"), on(ctx, "continue"),
        field(ctx, "profile"));
  }

  private static String field(Context ctx, String name) {
    return Optional.ofNullable(ctx.formParam(name)).orElse("");
  }

  private static boolean on(Context ctx, String name) {
    return "1".equals(ctx.formParam(name));
  }

  List<String> recipients() {
    List<String> all = new ArrayList<>(split(to));
    all.addAll(split(cc));
    return all;
  }

  /** Why this draft cannot be sent as typed, if it cannot. */
  Optional<String> problem() {
    if (to.isBlank()) {
      return Optional.of("Name at least one recipient in To.");
    }
    for (String f : new String[] {to, cc, subject, profile}) {
      if (f.indexOf('\r') >= 0 || f.indexOf('\n') >= 0) {
        return Optional.of("A header field is one line: line breaks are not allowed in To, Cc or Subject.");
      }
    }
    for (String a : recipients()) {
      if (!a.matches(ADDRESS)) {
        return Optional.of("Not an email address: " + a);
      }
    }
    if (body.length() > MAX_BODY || subject.length() > 998) {
      return Optional.of("The message is too long.");
    }
    return Optional.empty();
  }

  /** The RFC 5322 message: UTF-8 text, the subject as an RFC 2047 word when it is not ASCII. */
  byte[] message(Instant now, SecureRandom random) {
    byte[] id = new byte[12];
    random.nextBytes(id);
    String domain = from.substring(from.indexOf('@') + 1);
    StringBuilder m = new StringBuilder();
    m.append("From: ").append(from).append("\r\n");
    m.append("To: ").append(String.join(", ", split(to))).append("\r\n");
    if (!cc.isBlank()) {
      m.append("Cc: ").append(String.join(", ", split(cc))).append("\r\n");
    }
    m.append("Subject: ").append(encodedSubject()).append("\r\n");
    m.append("Date: ").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(now.atOffset(ZoneOffset.UTC))).append("\r\n");
    m.append("Message-ID: <").append(HexFormat.of().formatHex(id)).append('@').append(domain).append(">\r\n");
    m.append("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n");
    m.append(body.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n"));
    if (!body.endsWith("\n")) {
      m.append("\r\n");
    }
    return m.toString().getBytes(StandardCharsets.UTF_8);
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
