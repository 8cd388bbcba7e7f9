package dev.signet.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The header fields a message carries inside its cryptographic protection, as read: these, not the
 * fields outside (which anyone on the path may change, and which encrypted mail obscures), are the
 * message's From, To and Subject.
 *
 * @param scheme how the sender marked them
 * @param fields the protected fields in their order, values unfolded
 */
public record ProtectedHeaders(Scheme scheme, List<Field> fields) {
  public ProtectedHeaders {
    Objects.requireNonNull(scheme, "scheme");
    fields = List.copyOf(fields);
  }

  /** How the protected header fields were marked. */
  public enum Scheme {
    /** RFC 9788, signed only: {@code hp="clear"}. */
    HP_CLEAR("hp=\"clear\""),
    /** RFC 9788, encrypted: {@code hp="cipher"}. */
    HP_CIPHER("hp=\"cipher\""),
    /** The draft Thunderbird and K-9 Mail send: {@code protected-headers="v1"}. */
    LEGACY_V1("protected-headers=\"v1\"");

    private final String marker;

    Scheme(String marker) {
      this.marker = marker;
    }

    /** The Content-Type parameter that marks it. */
    public String marker() {
      return marker;
    }
  }

  /** One protected header field. */
  public record Field(String name, String value) {
    public Field {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
    }
  }

  /** The value of the first field of that name, names compared without regard to case. */
  public Optional<String> value(String name) {
    return fields.stream().filter(f -> f.name().equalsIgnoreCase(name)).map(Field::value).findFirst();
  }

  public Optional<String> subject() {
    return value("Subject");
  }
}
