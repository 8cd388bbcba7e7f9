package dev.signet.core.internal;

import dev.signet.core.MalformedInputException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.james.mime4j.stream.NameValuePair;
import org.apache.james.mime4j.stream.RawBody;
import org.apache.james.mime4j.stream.RawField;
import org.apache.james.mime4j.stream.RawFieldParser;

/** A parsed Content-Type value: the media type in lower case and its parameters. */
public record ContentType(String type, Map<String, String> parameters) {
  public static final ContentType DEFAULT = new ContentType("text/plain", Map.of());

  public ContentType {
    type = type.toLowerCase(Locale.ROOT);
    parameters = Map.copyOf(parameters);
  }

  /**
   * Parses a Content-Type field's value.
   *
   * @throws MalformedInputException if the value holds a line break that does not fold the field
   */
  public static ContentType parse(String value) {
    RawBody body;
    try {
      body = RawFieldParser.DEFAULT.parseRawBody(new RawField("Content-Type", value));
    } catch (IllegalArgumentException e) {
      throw new MalformedInputException("malformed Content-Type field: " + ErrorText.of(e), e);
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (NameValuePair p : body.getParams()) {
      if (p.getValue() != null) {
        params.putIfAbsent(p.getName().toLowerCase(Locale.ROOT), p.getValue());
      }
    }
    String type = body.getValue() == null ? "" : body.getValue().trim();
    if (!type.contains("/")) {
      return DEFAULT;
    }
    return new ContentType(type, params);
  }

  public Optional<String> parameter(String name) {
    return Optional.ofNullable(parameters.get(name.toLowerCase(Locale.ROOT)));
  }

  public boolean is(String mediaType) {
    return type.equals(mediaType);
  }

  public boolean isMultipart() {
    return type.startsWith("multipart/");
  }

  public boolean isText() {
    return type.startsWith("text/");
  }

  /** application/pkcs7-mime or its legacy x- spelling. */
  public boolean isPkcs7Mime() {
    return is("application/pkcs7-mime") || is("application/x-pkcs7-mime");
  }
}
