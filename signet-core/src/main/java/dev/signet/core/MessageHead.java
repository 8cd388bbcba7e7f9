package dev.signet.core;

import dev.signet.core.internal.AddressFields;
import dev.signet.core.internal.ContentType;
import dev.signet.core.internal.HeaderBlock;
import dev.signet.core.internal.HeaderField;
import dev.signet.core.internal.MimeInput;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A message whose header block has been read ahead of its body, so that its recipients and Subject
 * are known while the body is still to stream: composing never holds a whole message in memory.
 */
public final class MessageHead {
  /** RFC 5322 section 3.3 date-time, the zone as a numeric offset (never the obsolete "GMT"). */
  private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("EEE, d MMM uuuu HH:mm:ss xx", Locale.US);
  /** RFC 5322 section 3.2.3: atext, besides letters and digits. */
  private static final String ATEXT_SPECIALS = "!#$%&'*+-/=?^_`{|}~";
  /** RFC 5322 section 2.1.1: lines SHOULD be no longer than this, line break excluded. */
  private static final int LINE = 78;
  private static final int ID_RANDOM_BYTES = 16;

  private final byte[] head;
  private final InputStream rest;
  /** The fields of the block; null when the message has no header block (bare content). */
  private final HeaderBlock fields;
  private final boolean crlf;

  private MessageHead(byte[] head, InputStream rest, HeaderBlock fields, boolean crlf) {
    this.head = head;
    this.rest = rest;
    this.fields = fields;
    this.crlf = crlf;
  }

  /** Reads {@code message}'s header block within {@code limits}; the body stays unread. */
  public static MessageHead read(InputStream message, Limits limits) throws IOException {
    return read(message, limits, UnaryOperator.identity());
  }

  /** As {@link #read(InputStream, Limits)}, keeping only the header fields {@code edit} leaves. */
  static MessageHead read(InputStream message, Limits limits, UnaryOperator<HeaderBlock> edit) throws IOException {
    MimeInput in = new MimeInput(message);
    if (!HeaderBlock.startsHeaders(in)) {
      return new MessageHead(new byte[0], in.rest(), null, true);
    }
    HeaderBlock headers = HeaderBlock.read(in, limits);
    HeaderBlock kept = edit.apply(headers);
    // The blank line that ends the block keeps the message's own line ending.
    boolean crlf = headers.fields().isEmpty() || endsWithCrlf(headers.fields().get(0).raw());
    return new MessageHead(block(kept, crlf), in.rest(), kept, crlf);
  }

  private static byte[] block(HeaderBlock fields, boolean crlf) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    for (HeaderField f : fields.fields()) {
      head.write(f.raw());
    }
    head.write(crlf ? new byte[] {'\r', '\n'} : new byte[] {'\n'});
    return head.toByteArray();
  }

  private static boolean endsWithCrlf(byte[] raw) {
    return raw.length >= 2 && raw[raw.length - 2] == '\r';
  }

  /**
   * This head with the fields RFC 5322 asks every message to carry added where missing: {@code Date:} (section
   * 3.6.1, {@code now} in {@code zone}) and {@code Message-ID: <random@domain>} (section 3.6.4), the domain being the
   * first From address's. Fields already present are kept byte for byte, whatever their value; the new ones follow
   * them, in the block's own line ending, folded where a line would pass 78 characters. No Message-ID is made when
   * From holds no address with a usable domain, and nothing is added to bare content (no header block), which is
   * not a message. The result reads on from the same body: use it instead of this head, not beside it.
   */
  public MessageHead completed(Instant now, ZoneId zone, SecureRandom random) {
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(random, "random");
    if (fields == null) {
      return this;
    }
    HeaderBlock done = fields;
    if (fields.first("Date").isEmpty()) {
      done = done.with(field("Date", DATE_TIME.format(now.atZone(zone))));
    }
    Optional<String> domain = AddressFields.firstFrom(fields).flatMap(MessageHead::idRight);
    if (fields.first("Message-ID").isEmpty() && domain.isPresent()) {
      byte[] unique = new byte[ID_RANDOM_BYTES];
      random.nextBytes(unique);
      done = done.with(field("Message-ID", "<" + HexFormat.of().formatHex(unique) + "@" + domain.get() + ">"));
    }
    if (done == fields) {
      return this;
    }
    try {
      return new MessageHead(block(terminated(done), crlf), rest, done, crlf);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // writing to memory does not fail
    }
  }

  /** A field of ours, in the block's line ending; a value too long for one line goes on the next (it has no spaces). */
  private HeaderField field(String name, String value) {
    String breakText = crlf ? "\r\n" : "\n";
    String text = name.length() + 2 + value.length() > LINE
        ? name + ":" + breakText + " " + value + breakText
        : name + ": " + value + breakText;
    return new HeaderField(name, text.getBytes(StandardCharsets.US_ASCII));
  }

  /** The fields, the last of them given the line break it lacks when the input ended inside the block. */
  private HeaderBlock terminated(HeaderBlock block) {
    List<HeaderField> all = new ArrayList<>(block.fields());
    for (int i = 0; i < all.size(); i++) {
      byte[] raw = all.get(i).raw();
      if (raw.length == 0 || raw[raw.length - 1] != '\n') {
        byte[] lineBreak = crlf ? new byte[] {'\r', '\n'} : new byte[] {'\n'};
        byte[] ended = Arrays.copyOf(raw, raw.length + lineBreak.length);
        System.arraycopy(lineBreak, 0, ended, raw.length, lineBreak.length);
        all.set(i, new HeaderField(all.get(i).name(), ended));
      }
    }
    return new HeaderBlock(all);
  }

  /** The domain of {@code address} as a Message-ID's right part (an internationalized one in its ASCII form). */
  private static Optional<String> idRight(String address) {
    // Header bytes are read as ISO-8859-1; a domain written in UTF-8 (RFC 6532) is decoded as such.
    String domain = new String(address.substring(address.lastIndexOf('@') + 1).getBytes(StandardCharsets.ISO_8859_1),
        StandardCharsets.UTF_8);
    try {
      String ascii = domain.startsWith("[") ? domain : IDN.toASCII(domain, IDN.ALLOW_UNASSIGNED);
      return isIdRight(ascii) ? Optional.of(ascii) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** RFC 5322 section 3.6.4: id-right is dot-atom-text or no-fold-literal ("[" *dtext "]"). */
  private static boolean isIdRight(String text) {
    if (text.length() >= 2 && text.startsWith("[") && text.endsWith("]")) {
      return text.substring(1, text.length() - 1).chars().allMatch(c -> c >= '!' && c <= '~' && c != '[' && c != ']'
          && c != '\\');
    }
    for (String atom : text.split("\\.", -1)) {
      boolean atext = atom.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || ATEXT_SPECIALS.indexOf(c) >= 0));
      if (atom.isEmpty() || !atext) {
        return false;
      }
    }
    return true;
  }

  /** The header block, up to and including the blank line that ends it; empty when the message has none. */
  public byte[] bytes() {
    return head.clone();
  }

  /** Whether the message is S/MIME signed already: multipart/signed, or pkcs7-mime signed-data. */
  public boolean signed() {
    ContentType type = fields == null ? ContentType.DEFAULT : fields.contentType();
    boolean pkcs7 = type.is("application/pkcs7-mime") || type.is("application/x-pkcs7-mime");
    return type.is("multipart/signed")
        || (pkcs7 && type.parameter("smime-type").filter(t -> t.equalsIgnoreCase("signed-data")).isPresent());
  }

  /** The whole message: the header block, then the body as it streams. Read it once. */
  public InputStream message() {
    return new SequenceInputStream(new ByteArrayInputStream(head), rest);
  }
}
