package dev.signet.core.internal;

import dev.signet.core.Limits;
import dev.signet.core.MalformedInputException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** The header fields of a message or MIME entity, in order, as raw bytes. */
public record HeaderBlock(List<HeaderField> fields) {
  private static final Pattern FIELD_START = Pattern.compile("^[!-9;-~]+[ \t]*:.*", Pattern.DOTALL);

  public HeaderBlock {
    fields = List.copyOf(fields);
  }

  public static HeaderBlock empty() {
    return new HeaderBlock(List.of());
  }

  /** Whether the input starts with a header field (or the blank line of an empty header block). */
  public static boolean startsHeaders(MimeInput in) throws IOException {
    String first = in.peekLine();
    return first.isEmpty() || first.equals("\r") || FIELD_START.matcher(first).matches();
  }

  /** Reads fields up to and including the blank line that ends them. */
  public static HeaderBlock read(MimeInput in, Limits limits) throws IOException {
    List<HeaderField> fields = new ArrayList<>();
    ByteArrayOutputStream current = null;
    String currentName = null;
    int total = 0;
    while (true) {
      byte[] line = in.readLine(limits.maxLineBytes());
      if (line == null) {
        break;
      }
      total += line.length;
      if (total > limits.maxHeaderBytes()) {
        throw new MalformedInputException("header block larger than " + limits.maxHeaderBytes() + " bytes");
      }
      if (isBlank(line)) {
        break;
      }
      if ((line[0] == ' ' || line[0] == '\t') && current != null) {
        current.write(line, 0, line.length);
        continue;
      }
      if (current != null) {
        fields.add(new HeaderField(currentName, current.toByteArray()));
      }
      String text = new String(line, java.nio.charset.StandardCharsets.ISO_8859_1);
      if (!FIELD_START.matcher(text).matches()) {
        throw new MalformedInputException("malformed MIME header line: " + printable(text));
      }
      if (fields.size() >= limits.maxHeaderFields()) {
        throw new MalformedInputException("more than " + limits.maxHeaderFields() + " header fields");
      }
      currentName = text.substring(0, text.indexOf(':')).trim();
      current = new ByteArrayOutputStream();
      current.write(line, 0, line.length);
    }
    if (current != null) {
      fields.add(new HeaderField(currentName, current.toByteArray()));
    }
    return new HeaderBlock(fields);
  }

  /** Whether {@code line} (as {@link MimeInput#readLine} returns it) is the blank line that ends a block. */
  static boolean isBlank(byte[] line) {
    return line.length == 0 || (line.length == 1 && line[0] == '\n')
        || (line.length == 2 && line[0] == '\r' && line[1] == '\n');
  }

  private static String printable(String text) {
    String t = text.replaceAll("[\\r\\n]+$", "");
    t = t.replaceAll("[^ -~]", "?");
    return t.length() > 60 ? t.substring(0, 60) + "..." : t;
  }

  public Optional<HeaderField> first(String name) {
    return fields.stream().filter(f -> f.is(name)).findFirst();
  }

  public Optional<String> value(String name) {
    return first(name).map(HeaderField::value);
  }

  public HeaderBlock filter(Predicate<HeaderField> keep) {
    return new HeaderBlock(fields.stream().filter(keep).toList());
  }

  public HeaderBlock with(HeaderField field) {
    List<HeaderField> all = new ArrayList<>(fields);
    all.add(field);
    return new HeaderBlock(all);
  }

  public HeaderBlock withAll(HeaderBlock more) {
    List<HeaderField> all = new ArrayList<>(fields);
    all.addAll(more.fields());
    return new HeaderBlock(all);
  }

  /** This block with {@code ; parameter="value"} added to the field {@code name}, wherever it stands. */
  public HeaderBlock withParameter(String name, String parameter, String value) {
    return new HeaderBlock(fields.stream().map(f -> f.is(name) ? f.withParameter(parameter, value) : f).toList());
  }

  public HeaderBlock without(String name) {
    return filter(f -> !f.is(name));
  }

  public ContentType contentType() {
    return value("Content-Type").map(ContentType::parse).orElse(ContentType.DEFAULT);
  }

  /** The transfer encoding, lower case; {@code 7bit} when absent. */
  public String transferEncoding() {
    return value("Content-Transfer-Encoding").map(v -> v.trim().toLowerCase(java.util.Locale.ROOT)).orElse("7bit");
  }

  /** Writes the fields with CRLF line breaks (folding kept), without the blank line. */
  public void writeCanonical(OutputStream out) throws IOException {
    for (HeaderField f : fields) {
      CrlfOutputStream crlf = new CrlfOutputStream(out);
      crlf.write(f.raw());
      crlf.endLine();
    }
  }
}
