package dev.signet.core.internal;

import dev.signet.core.HeaderConfidentiality;
import dev.signet.core.Limits;
import dev.signet.core.MalformedInputException;
import dev.signet.core.ProtectedHeaders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Header protection (RFC 9788). A sender copies the header fields onto the root of the
 * cryptographic payload, marked {@code hp="clear"} or {@code hp="cipher"}; for encrypted mail, the
 * outside is altered by the header confidentiality policy, {@code HP-Outer} fields record what it
 * shows, and legacy display text opens the body for readers that know nothing of RFC 9788. A reader
 * takes the protected fields, and the older {@code protected-headers="v1"} ones, as the message's own.
 */
public record HeaderProtection(Mode mode, HeaderConfidentiality confidentiality) {
  /** No protection: the header fields stay outside only, as for a bare sign or encrypt. */
  public static final HeaderProtection NONE = new HeaderProtection(Mode.NONE, HeaderConfidentiality.NO_CONFIDENTIALITY);

  /** The fields that travel inside: those a person reads or a client threads by, and those the policy removes. */
  static final List<String> PROTECTED = List.of("From", "To", "Cc", "Subject", "Date", "Message-ID", "Reply-To",
      "In-Reply-To", "References", "Keywords", "Comments");
  static final String OBSCURED_SUBJECT = "[...]";
  /** The placeholders senders put outside for an encrypted Subject: RFC 9788's, and Thunderbird's. */
  private static final List<String> OBSCURED = List.of(OBSCURED_SUBJECT, "...");
  private static final Pattern LEGACY_DISPLAY_PARAMETER =
      Pattern.compile(";\\s*hp-legacy-display\\s*=\\s*\"?1\"?", Pattern.CASE_INSENSITIVE);

  /** The value of the Content-Type parameter {@code hp}, or none. */
  public enum Mode {
    NONE,
    CLEAR,
    CIPHER;

    String parameter() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Protection for a signed-only message. */
  public static HeaderProtection clear() {
    return new HeaderProtection(Mode.CLEAR, HeaderConfidentiality.NO_CONFIDENTIALITY);
  }

  /** Protection for an encrypted message, its outside as {@code confidentiality} says. */
  public static HeaderProtection cipher(HeaderConfidentiality confidentiality) {
    return new HeaderProtection(Mode.CIPHER, confidentiality);
  }

  /** The message as it is written: {@code outer} the fields outside, {@code entity} the payload root's. */
  Protected apply(HeaderBlock outer, HeaderBlock entity) {
    if (mode == Mode.NONE) {
      return new Protected(outer, entity, Optional.empty());
    }
    HeaderBlock inner = outer.filter(f -> PROTECTED.stream().anyMatch(f::is));
    HeaderBlock shown = mode == Mode.CIPHER ? obscured(outer) : outer;
    HeaderBlock root = entity.withParameter("Content-Type", "hp", mode.parameter()).withAll(inner);
    if (mode == Mode.CIPHER) {
      root = root.withAll(new HeaderBlock(shown.fields().stream().map(f -> f.wrappedIn("HP-Outer")).toList()));
    }
    return new Protected(shown, root, legacyDisplay(inner, shown));
  }

  /** hcp_baseline: Subject becomes [...], Keywords and Comments stay inside only. */
  private HeaderBlock obscured(HeaderBlock outer) {
    if (confidentiality == HeaderConfidentiality.NO_CONFIDENTIALITY) {
      return outer;
    }
    List<HeaderField> shown = new ArrayList<>();
    for (HeaderField f : outer.fields()) {
      if (f.is("Subject")) {
        shown.add(HeaderField.of("Subject", OBSCURED_SUBJECT));
      } else if (!f.is("Keywords") && !f.is("Comments")) {
        shown.add(f);
      }
    }
    return new HeaderBlock(shown);
  }

  /**
   * The legacy display element: the user-facing fields whose value the
   * outside does not show, as lines of text ending with a blank line; empty when none is hidden.
   */
  private static Optional<String> legacyDisplay(HeaderBlock inner, HeaderBlock shown) {
    StringBuilder text = new StringBuilder();
    for (HeaderField f : inner.fields()) {
      boolean userFacing = f.is("Subject") || f.is("From") || f.is("To") || f.is("Cc") || f.is("Date");
      if (userFacing && !shown.value(f.name()).equals(Optional.of(f.value()))) {
        text.append(f.name()).append(": ").append(f.value()).append("\r\n");
      }
    }
    return text.isEmpty() ? Optional.empty() : Optional.of(text.append("\r\n").toString());
  }

  /**
   * The protected header fields on the root entity of a cryptographic payload, when its Content-Type
   * marks them: {@code hp} (RFC 9788) or {@code protected-headers="v1"} (Thunderbird, K-9 Mail).
   */
  static Optional<ProtectedHeaders> read(HeaderBlock root) {
    ContentType type = root.contentType();
    Optional<ProtectedHeaders.Scheme> scheme = type.parameter("hp").map(v -> v.toLowerCase(Locale.ROOT))
        .flatMap(v -> v.equals("cipher") ? Optional.of(ProtectedHeaders.Scheme.HP_CIPHER)
            : v.equals("clear") ? Optional.of(ProtectedHeaders.Scheme.HP_CLEAR) : Optional.empty())
        .or(() -> type.parameter("protected-headers").filter("v1"::equalsIgnoreCase)
            .map(v -> ProtectedHeaders.Scheme.LEGACY_V1));
    List<ProtectedHeaders.Field> fields = inner(root).fields().stream()
        .map(f -> new ProtectedHeaders.Field(f.name(), f.value())).toList();
    return scheme.filter(s -> !fields.isEmpty()).map(s -> new ProtectedHeaders(s, fields));
  }

  /** The message's header fields on a payload root: neither its own Content-* fields nor HP-Outer. */
  static HeaderBlock inner(HeaderBlock root) {
    return root.filter(f -> !f.isContentField() && !f.is("MIME-Version") && !f.is("HP-Outer"));
  }

  /**
   * Where the outside disagrees with the protection about From, To or Subject: for hp="cipher", with
   * what its HP-Outer fields say the sender put outside; otherwise with the protected values, save an
   * obscured Subject. A field the protection leaves out is not judged.
   */
  static List<String> mismatches(HeaderBlock outer, HeaderBlock root, ProtectedHeaders found) {
    List<HeaderField> recorded = root.filter(f -> f.is("HP-Outer")).fields();
    boolean attested = found.scheme() == ProtectedHeaders.Scheme.HP_CIPHER && !recorded.isEmpty();
    List<String> out = new ArrayList<>();
    for (String name : List.of("From", "To", "Subject")) {
      if (found.value(name).isEmpty()) {
        continue;
      }
      Optional<String> shown = outer.value(name).map(HeaderProtection::normalized);
      Optional<String> expected = (attested ? recordedOutside(recorded, name) : found.value(name))
          .map(HeaderProtection::normalized);
      boolean obscured = !attested && name.equals("Subject") && shown.filter(OBSCURED::contains).isPresent();
      if (!shown.equals(expected) && !obscured) {
        out.add("the " + name + " outside (" + shown.orElse("none") + ") is not what the protected header fields"
            + (attested ? " record the sender put there (" : " say (") + expected.orElse("none") + ")");
      }
    }
    return out;
  }

  /** A main body part's fields without the mark of a legacy display element, once it is taken out. */
  static HeaderBlock withoutLegacyDisplay(HeaderBlock part) {
    return new HeaderBlock(part.fields().stream().map(f -> f.is("Content-Type") ? new HeaderField(f.name(),
        LEGACY_DISPLAY_PARAMETER.matcher(new String(f.raw(), StandardCharsets.ISO_8859_1)).replaceAll("")
            .getBytes(StandardCharsets.ISO_8859_1)) : f).toList());
  }

  /** Reads past the legacy display element that opens a body: its lines, up to and with the blank one. */
  static void skipLegacyDisplay(MimeInput body, Limits limits) throws IOException {
    int read = 0;
    byte[] line;
    while ((line = body.readLine(limits.maxLineBytes())) != null && !HeaderBlock.isBlank(line)) {
      read += line.length;
      if (read > limits.maxHeaderBytes()) {
        throw new MalformedInputException("a legacy display element longer than " + limits.maxHeaderBytes()
            + " bytes: hp-legacy-display marks a part whose text has no blank line to end it");
      }
    }
  }

  private static Optional<String> recordedOutside(List<HeaderField> recorded, String name) {
    for (HeaderField f : recorded) {
      String v = f.value();
      int colon = v.indexOf(':');
      if (colon > 0 && v.substring(0, colon).trim().equalsIgnoreCase(name)) {
        return Optional.of(v.substring(colon + 1).trim());
      }
    }
    return Optional.empty();
  }

  private static String normalized(String value) {
    return value.replaceAll("\\s+", " ").trim();
  }

  /** The fields outside, the payload root's fields, and the legacy display text to open its main body part. */
  record Protected(HeaderBlock outer, HeaderBlock entity, Optional<String> legacyDisplay) {}
}
