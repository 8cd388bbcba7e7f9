package dev.signet.server.web;

import dev.signet.core.Certificates;
import dev.signet.core.DigitalId;
import dev.signet.core.Policy;
import dev.signet.core.Problem;
import dev.signet.core.ProblemCode;
import dev.signet.core.ReadOptions;
import dev.signet.core.SecurityReport;
import dev.signet.core.Smime;
import dev.signet.core.SmimeException;
import dev.signet.pki.Issuer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.dom.Body;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.TextBody;
import org.apache.james.mime4j.dom.field.FieldName;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;

/**
 * Reads a message for a person with the engine (their unlocked keys, the organisation's CA as the
 * trust anchor, its current CRL, the organisation's policy) and splits what the report covers into
 * what a page shows.
 */
final class MailReader {
  private static final int MAX_TEXT_CHARS = 1 << 20;

  /** The outer headers a mailbox list shows (decoded; never trusted for who signed). */
  record Headers(String from, String to, String subject, String date) {}

  /** The readable content: plain text, HTML (shown only sandboxed) and the names of attachments. */
  record Content(String text, Optional<String> html, List<String> attachments) {}

  /** A message as read: headers, the engine's report, and the content when it could be read. */
  record Reading(Headers headers, SecurityReport report, Optional<Content> content) {}

  private final Issuer issuer;
  private final OrgPolicy policy;
  private final Clock clock;

  MailReader(Issuer issuer, OrgPolicy policy, Clock clock) {
    this.issuer = issuer;
    this.policy = policy;
    this.clock = clock;
  }

  Reading read(byte[] raw, Collection<DigitalId> keys) throws IOException {
    Headers headers = headers(raw);
    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    SecurityReport report;
    try {
      report = Smime.withDefaults().withClock(clock).read(new ByteArrayInputStream(raw), options(keys), plain);
    } catch (SmimeException e) {
      return new Reading(headers, new SecurityReport(List.of(), List.of(), List.of(Problem.of(e.code(), e.getMessage()))),
          Optional.empty());
    }
    boolean readable = plain.size() > 0 && !report.has(ProblemCode.NO_DECRYPTION_KEY);
    return new Reading(headers, report, readable ? Optional.of(content(plain.toByteArray())) : Optional.empty());
  }

  Policy policy() {
    return policy.current();
  }

  /** Reading with the organisation's trust, CRLs and policy, and {@code keys} to decrypt with. */
  ReadOptions options(Collection<DigitalId> keys) throws IOException {
    List<X509Certificate> chain = issuer.caChain();
    return ReadOptions.readAll(List.copyOf(keys), List.of(chain.get(chain.size() - 1)))
        .withIntermediates(chain.subList(0, chain.size() - 1))
        .withCrls(crls())
        .withPolicy(policy.current());
  }

  /** The issuing CA's current CRL and the root's (which covers the issuing CA). */
  private List<X509CRL> crls() throws IOException {
    List<X509CRL> crls = new ArrayList<>(Certificates.readCrls(new ByteArrayInputStream(issuer.currentCrl())));
    crls.addAll(Certificates.readCrls(new ByteArrayInputStream(issuer.rootCrl())));
    return crls;
  }

  static Headers headers(byte[] raw) throws IOException {
    Message m = parse(new ByteArrayInputStream(raw));
    return new Headers(field(m, FieldName.FROM), field(m, FieldName.TO), Optional.ofNullable(m.getSubject()).orElse(""),
        field(m, FieldName.DATE));
  }

  private static String field(Message m, String name) {
    Field f = m.getHeader().getField(name);
    return f == null ? "" : DecoderUtil.decodeEncodedWords(f.getBody(), DecodeMonitor.SILENT).strip();
  }

  private static Content content(byte[] plain) throws IOException {
    StringBuilder text = new StringBuilder();
    StringBuilder html = new StringBuilder();
    List<String> attachments = new ArrayList<>();
    walk(parse(new ByteArrayInputStream(plain)), text, html, attachments);
    return new Content(text.toString(), html.length() == 0 ? Optional.empty() : Optional.of(html.toString()), attachments);
  }

  private static void walk(Entity e, StringBuilder text, StringBuilder html, List<String> attachments) throws IOException {
    Body body = e.getBody();
    if (body instanceof Multipart mp) {
      for (Entity part : mp.getBodyParts()) {
        walk(part, text, html, attachments);
      }
      return;
    }
    if (body instanceof Message inner) {
      walk(inner, text, html, attachments);
      return;
    }
    String type = e.getMimeType().toLowerCase(Locale.ROOT);
    boolean attached = "attachment".equalsIgnoreCase(e.getDispositionType()) || e.getFilename() != null;
    if (!attached && body instanceof TextBody t && type.equals("text/plain") && text.length() == 0) {
      text.append(read(t));
    } else if (!attached && body instanceof TextBody t && type.equals("text/html") && html.length() == 0) {
      html.append(read(t));
    } else {
      attachments.add(e.getFilename() == null ? "(unnamed " + type + ")" : e.getFilename());
    }
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

  private static Message parse(InputStream in) throws IOException {
    DefaultMessageBuilder builder = new DefaultMessageBuilder();
    builder.setMimeEntityConfig(MimeConfig.PERMISSIVE);
    builder.setDecodeMonitor(DecodeMonitor.SILENT);
    return builder.parseMessage(in);
  }
}
