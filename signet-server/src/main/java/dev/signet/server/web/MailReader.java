package dev.signet.server.web;

import dev.signet.core.Certificates;
import dev.signet.core.DigitalId;
import dev.signet.core.Policy;
import dev.signet.core.Problem;
import dev.signet.core.ProblemCode;
import dev.signet.core.ReadOptions;
import dev.signet.core.RevocationFetching;
import dev.signet.core.SecurityReport;
import dev.signet.core.Smime;
import dev.signet.core.SmimeException;
import dev.signet.mail.Reply;
import dev.signet.pki.Issuer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.dom.Body;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.dom.TextBody;
import org.apache.james.mime4j.dom.field.ContentDispositionField;
import org.apache.james.mime4j.dom.field.ContentTypeField;
import org.apache.james.mime4j.dom.field.FieldName;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.message.DefaultMessageWriter;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;

/**
 * Reads a message for a person with the engine (their unlocked keys, the organisation's CA as the
 * trust anchor, its current CRL, revocation fetched for partners' signers, the organisation's policy)
 * and splits what the report covers into what a page shows.
 */
final class MailReader {
  private static final int MAX_TEXT_CHARS = 1 << 20;

  /** The headers a mailbox list shows (decoded; never trusted for who signed): the protected ones when read. */
  record Headers(String from, String to, String cc, String subject, String date) {}

  /**
   * The readable content: plain text, HTML (shown only sandboxed) and the attachments; apart from
   * them, the footer a mailing list appended after the signed part, covered by no signature.
   */
  record Content(String text, Optional<String> html, List<Attachment> attachments, Optional<String> unsignedFooter) {
    Content(String text, Optional<String> html, List<Attachment> attachments) {
      this(text, html, attachments, Optional.empty());
    }
  }

  /** A message as read: headers, the engine's report, and the content when it could be read. */
  record Reading(Headers headers, SecurityReport report, Optional<Content> content) {}

  private final Issuer issuer;
  private final List<X509Certificate> trustRoots;
  private final OrgPolicy policy;
  private final Clock clock;
  private final RevocationFetching fetching;

  MailReader(Issuer issuer, List<X509Certificate> trustRoots, OrgPolicy policy, Clock clock,
      RevocationFetching fetching) {
    this.issuer = issuer;
    this.trustRoots = List.copyOf(trustRoots);
    this.policy = policy;
    this.clock = clock;
    this.fetching = fetching;
  }

  Reading read(byte[] raw, Collection<DigitalId> keys) throws IOException {
    return read(raw, options(keys));
  }

  /** As {@link #read(byte[], Collection)}, with options made once for a page of messages ({@link #options}). */
  Reading read(byte[] raw, ReadOptions options) throws IOException {
    Headers headers = headers(raw);
    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    SecurityReport report;
    try {
      report = Smime.withDefaults().withClock(clock).read(new ByteArrayInputStream(raw), options, plain);
    } catch (SmimeException e) {
      return new Reading(headers, new SecurityReport(List.of(), List.of(), List.of(Problem.of(e))),
          Optional.empty());
    }
    boolean readable = plain.size() > 0 && !report.has(ProblemCode.NO_DECRYPTION_KEY);
    Headers shown = report.protectedHeaders().isPresent() ? protectedOver(headers, plain.toByteArray()) : headers;
    return new Reading(shown, report,
        readable ? Optional.of(content(plain.toByteArray(), report.unsignedFooter().isPresent())) : Optional.empty());
  }

  /** The message answered, as {@code r} read it from {@code raw}: the shown header fields and the text, "" while locked. */
  static Reply.Original original(byte[] raw, Reading r) throws IOException {
    Message m = parse(new ByteArrayInputStream(raw));
    return new Reply.Original(r.headers().from(), field(m, "Reply-To"), r.headers().to(), field(m, FieldName.CC),
        r.headers().subject(), r.headers().date(), field(m, "Message-ID"), field(m, "References"),
        r.content().map(Content::text).orElse(""));
  }

  /**
   * The message to attach to a forward: as it arrived when it was not encrypted (its signature still
   * checks); else what the person's keys read out of it, below the outer header fields it lacks, so the
   * forward's recipients can read it. Empty when it is encrypted and no key of the person's opens it.
   */
  Optional<byte[]> forwardable(byte[] raw, Collection<DigitalId> keys) throws IOException {
    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    SecurityReport report;
    try {
      report = Smime.withDefaults().withClock(clock).read(new ByteArrayInputStream(raw), options(keys), plain);
    } catch (SmimeException e) {
      return Optional.of(raw.clone());
    }
    if (!report.arrivedEncrypted()) {
      return Optional.of(raw.clone());
    }
    if (report.has(ProblemCode.NO_DECRYPTION_KEY) || plain.size() == 0) {
      return Optional.empty();
    }
    Message outer = parse(new ByteArrayInputStream(raw));
    Message inner = parse(new ByteArrayInputStream(plain.toByteArray()));
    ByteArrayOutputStream whole = new ByteArrayOutputStream();
    for (String name : List.of(FieldName.FROM, FieldName.TO, FieldName.CC, FieldName.DATE, FieldName.SUBJECT,
        "Message-ID")) {
      Field f = outer.getHeader().getField(name);
      if (f != null && inner.getHeader().getField(name) == null) {
        whole.writeBytes((f.getName() + ": " + f.getBody() + "\r\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    whole.writeBytes(plain.toByteArray());
    return Optional.of(whole.toByteArray());
  }

  /**
   * The protected header fields (RFC 9788), which the engine writes at the head of what it read out,
   * each in place of the outer one; an outer one stays where the sender protected none.
   */
  private static Headers protectedOver(Headers outer, byte[] plain) throws IOException {
    Headers inner = headers(plain);
    return new Headers(either(inner.from(), outer.from()), either(inner.to(), outer.to()),
        either(inner.cc(), outer.cc()), either(inner.subject(), outer.subject()), either(inner.date(), outer.date()));
  }

  private static String either(String protectedValue, String outer) {
    return protectedValue.isEmpty() ? outer : protectedValue;
  }

  Policy policy() {
    return policy.current();
  }

  /** Reading with the organisation's trust, CRLs and policy, and {@code keys} to decrypt with. */
  ReadOptions options(Collection<DigitalId> keys) throws IOException {
    return ReadOptions.readAll(List.copyOf(keys), anchors())
        .withIntermediates(intermediates())
        .withCrls(crls())
        .withPolicy(policy.current())
        .withFetching(fetching);
  }

  /**
   * What the organisation trusts, for signers and recipients alike: its CA's root and the roots it was
   * given (partners' CAs).
   */
  List<X509Certificate> anchors() {
    List<X509Certificate> chain = issuer.caChain();
    List<X509Certificate> all = new ArrayList<>(List.of(chain.get(chain.size() - 1)));
    trustRoots.stream().filter(MailReader::selfIssued).forEach(all::add);
    return all;
  }

  /** How revocation is learned: fetched, with the service's cache and bounds, unless the service reads offline. */
  RevocationFetching fetching() {
    return fetching;
  }

  /** The CAs below those roots: the organisation's issuing CA, and those given with partners' roots. */
  List<X509Certificate> intermediates() {
    List<X509Certificate> chain = issuer.caChain();
    List<X509Certificate> all = new ArrayList<>(chain.subList(0, chain.size() - 1));
    trustRoots.stream().filter(c -> !selfIssued(c)).forEach(all::add);
    return all;
  }

  private static boolean selfIssued(X509Certificate c) {
    return c.getSubjectX500Principal().equals(c.getIssuerX500Principal());
  }

  /** Whether the organisation's own CA issued {@code cert}: then its records, not a path, say if it counts. */
  boolean issuedHere(X509Certificate cert) {
    return issuer.caChain().get(0).getSubjectX500Principal().equals(cert.getIssuerX500Principal());
  }

  /** The issuing CA's current CRL and the root's (which covers the issuing CA). */
  private List<X509CRL> crls() throws IOException {
    List<X509CRL> crls = new ArrayList<>(Certificates.readCrls(new ByteArrayInputStream(issuer.currentCrl())));
    crls.addAll(Certificates.readCrls(new ByteArrayInputStream(issuer.rootCrl())));
    return crls;
  }

  static Headers headers(byte[] raw) throws IOException {
    Message m = parse(new ByteArrayInputStream(raw));
    return new Headers(field(m, FieldName.FROM), field(m, FieldName.TO), field(m, FieldName.CC),
        Optional.ofNullable(m.getSubject()).orElse(""), field(m, FieldName.DATE));
  }

  /** A header field's value, RFC 2047 words decoded; "" when the message has none. */
  static String field(Message m, String name) {
    Field f = m.getHeader().getField(name);
    return f == null ? "" : DecoderUtil.decodeEncodedWords(f.getBody(), DecodeMonitor.SILENT).strip();
  }

  /** With {@code footer}, the root's last part is the list's footer, kept out of the signed content. */
  static Content content(byte[] plain, boolean footer) throws IOException {
    Message message = parse(new ByteArrayInputStream(plain));
    if (footer && message.getBody() instanceof Multipart mp && mp.getBodyParts().size() == 2
        && mp.getBodyParts().get(1).getBody() instanceof TextBody text) {
      Content signed = content(mp.getBodyParts().get(0));
      return new Content(signed.text(), signed.html(), signed.attachments(), Optional.of(read(text)));
    }
    return content(message);
  }

  /** The text, HTML and attachments of a parsed message. */
  static Content content(Entity message) throws IOException {
    StringBuilder text = new StringBuilder();
    StringBuilder html = new StringBuilder();
    List<Attachment> attachments = new ArrayList<>();
    walk(message, text, html, attachments);
    return new Content(text.toString(), html.length() == 0 ? Optional.empty() : Optional.of(html.toString()), attachments);
  }

  private static void walk(Entity e, StringBuilder text, StringBuilder html, List<Attachment> attachments)
      throws IOException {
    Body body = e.getBody();
    if (body instanceof Multipart mp) {
      for (Entity part : mp.getBodyParts()) {
        walk(part, text, html, attachments);
      }
      return;
    }
    if (body instanceof Message inner && "attachment".equalsIgnoreCase(e.getDispositionType())) {
      ByteArrayOutputStream whole = new ByteArrayOutputStream();
      new DefaultMessageWriter().writeMessage(inner, whole);
      attachments.add(new Attachment(fileName(e).orElse("message.eml"), Attachment.MESSAGE, whole.toByteArray()));
      return;
    }
    if (body instanceof Message inner) {
      walk(inner, text, html, attachments);
      return;
    }
    String type = e.getMimeType().toLowerCase(Locale.ROOT);
    Optional<String> name = fileName(e);
    boolean attached = "attachment".equalsIgnoreCase(e.getDispositionType()) || name.isPresent();
    if (!attached && body instanceof TextBody t && type.equals("text/plain") && text.length() == 0) {
      text.append(read(t));
    } else if (!attached && body instanceof TextBody t && type.equals("text/html") && html.length() == 0) {
      html.append(read(t));
    } else if (body instanceof SingleBody b) {
      try (InputStream in = b.getInputStream()) {
        attachments.add(new Attachment(name.orElse("unnamed"), type, in.readAllBytes()));
      }
    }
  }

  /**
   * The file name a part gives: the RFC 2231 {@code filename*} (UTF-8 or ASCII), else {@code filename}
   * (RFC 2047 words decoded), else the Content-Type's {@code name}. Untrusted: {@link Attachment} cleans it.
   */
  private static Optional<String> fileName(Entity e) {
    Field disposition = e.getHeader().getField(FieldName.CONTENT_DISPOSITION);
    if (disposition instanceof ContentDispositionField d) {
      Optional<String> extended = Optional.ofNullable(d.getParameter("filename*")).flatMap(MailReader::rfc2231);
      if (extended.isPresent()) {
        return extended;
      }
    }
    return Optional.ofNullable(e.getFilename())
        .or(() -> e.getHeader().getField(FieldName.CONTENT_TYPE) instanceof ContentTypeField t
            ? Optional.ofNullable(t.getParameter("name")) : Optional.empty())
        .map(n -> DecoderUtil.decodeEncodedWords(n, DecodeMonitor.SILENT));
  }

  /** {@code charset'language'percent-encoded}: decoded when the charset is UTF-8 or US-ASCII. */
  private static Optional<String> rfc2231(String value) {
    String[] parts = value.split("'", 3);
    if (parts.length != 3 || !parts[0].equalsIgnoreCase("UTF-8") && !parts[0].equalsIgnoreCase("US-ASCII")) {
      return Optional.empty();
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    String s = parts[2];
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean escape = c == '%' && i + 2 < s.length() && HexFormat.isHexDigit(s.charAt(i + 1))
          && HexFormat.isHexDigit(s.charAt(i + 2));
      if (escape) {
        bytes.write(HexFormat.fromHexDigits(s, i + 1, i + 3));
        i += 2;
      } else {
        bytes.write(c);
      }
    }
    return Optional.of(bytes.toString(StandardCharsets.UTF_8));
  }

  private static String read(TextBody t) throws IOException {
    try (Reader r = t.getReader()) {
      char[] buf = new char[MAX_TEXT_CHARS];
      int n = 0;
      int got;
      while (n < buf.length && (got = r.read(buf, n, buf.length - n)) > 0) {
        n += got;
      }
      return new String(buf, 0, n);
    }
  }

  static Message parse(InputStream in) throws IOException {
    DefaultMessageBuilder builder = new DefaultMessageBuilder();
    builder.setMimeEntityConfig(MimeConfig.PERMISSIVE);
    builder.setDecodeMonitor(DecodeMonitor.SILENT);
    return builder.parseMessage(in);
  }
}
