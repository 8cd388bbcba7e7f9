package dev.signet.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.signet.core.Layer;
import dev.signet.core.PolicySetting;
import dev.signet.core.Problem;
import dev.signet.core.ProblemCode;
import dev.signet.core.ProtectedHeaders;
import dev.signet.core.ReceiptRequest;
import dev.signet.core.SecurityLabel;
import dev.signet.core.SecurityPolicies;
import dev.signet.core.SecurityReport;
import dev.signet.core.SignerReport;
import dev.signet.core.Verdict;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The security report as CLI.md's JSON, as a short summary for people, and as an exit code. */
final class ReportPrinter {
  /** Made on first use: building it costs a tenth of a second that a summary for people does not need. */
  static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final ObjectWriter LINE = MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT);
  }

  private ReportPrinter() {}

  /** 0 valid, 1 error, 3 warning; 2 when nothing could be judged (encrypted, no key, no signer outside). */
  static int exitCode(SecurityReport report) {
    if (report.has(ProblemCode.NO_DECRYPTION_KEY) && report.signers().isEmpty()) {
      return Cli.USAGE_OR_INPUT;
    }
    return switch (report.verdict()) {
      case VALID -> Cli.OK;
      case ERROR -> Cli.ERROR_VERDICT;
      case WARNING -> Cli.WARNING_VERDICT;
    };
  }

  /**
   * The report as JSON: indented for one message; for a message {@code file} of a batch, one line of JSON
   * Lines naming its file first.
   */
  static String json(Optional<Path> file, SecurityReport report, boolean contentReleased,
      Optional<PolicySetting> releasedBy) {
    Map<String, Object> m = new LinkedHashMap<>();
    file.ifPresent(f -> m.put("file", f.toString()));
    return write(file.isPresent() ? Json.LINE : Json.MAPPER.writer(), fields(m, report, contentReleased, releasedBy));
  }

  /** The line of a batch for a message that could not be read at all. */
  static String failureLine(Path file, String why) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("file", file.toString());
    m.put("error", why);
    return write(Json.LINE, m);
  }

  private static Map<String, Object> fields(Map<String, Object> m, SecurityReport report, boolean contentReleased,
      Optional<PolicySetting> releasedBy) {
    m.put("verdict", report.verdict().id());
    m.put("signed", report.signed());
    m.put("encrypted", report.encrypted());
    m.put("layers", report.layers().stream().map(ReportPrinter::layer).toList());
    m.put("signers", report.signers().stream().map(ReportPrinter::signer).toList());
    m.put("problems", report.problems().stream().map(ReportPrinter::problem).toList());
    m.put("receiptRequest", report.receiptRequest().map(ReportPrinter::receiptRequest).orElse(null));
    m.put("securityLabel", report.securityLabel().map(ReportPrinter::securityLabel).orElse(null));
    m.put("protectedHeaders", report.protectedHeaders().map(ReportPrinter::protectedHeaders).orElse(null));
    m.put("unsignedFooter", report.unsignedFooter().map(f -> Map.of("contentType", f.contentType())).orElse(null));
    Map<String, Object> content = new LinkedHashMap<>();
    content.put("released", contentReleased);
    content.put("setting", releasedBy.map(PolicySetting::registryName).orElse(null));
    m.put("content", content);
    return m;
  }

  private static String write(ObjectWriter writer, Map<String, Object> m) {
    try {
      return writer.writeValueAsString(m);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the report as JSON", e);
    }
  }

  private static Map<String, Object> layer(Layer layer) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (layer instanceof Layer.Signed s) {
      m.put("kind", "signed");
      m.put("format", s.format().name().toLowerCase(Locale.ROOT));
    } else if (layer instanceof Layer.Encrypted e) {
      m.put("kind", "encrypted");
      m.put("cipher", e.cipher().displayName());
      m.put("keyBits", e.keyBits());
      m.put("authenticated", e.authenticated());
    }
    return m;
  }

  private static Map<String, Object> signer(SignerReport s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("email", s.email().orElse(null));
    m.put("subject", s.subject());
    m.put("issuer", s.issuer());
    m.put("serial", s.serial());
    m.put("signatureValid", s.signatureValid());
    m.put("trust", s.trust().name().toLowerCase(Locale.ROOT));
    m.put("revocation", s.revocation().name().toLowerCase(Locale.ROOT));
    m.put("signingTime", s.signingTime().map(Object::toString).orElse(null));
    m.put("digestAlgorithm", s.digestAlgorithm());
    m.put("signatureAlgorithm", s.signatureAlgorithm());
    m.put("role", s.role() == SignerReport.Role.CONTENT ? "content" : "countersignature");
    return m;
  }

  private static Map<String, Object> receiptRequest(ReceiptRequest r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("contentIdentifier", r.contentIdentifier());
    m.put("receiptsFrom", switch (r.receiptsFrom().scope()) {
      case ALL -> "all";
      case FIRST_TIER -> "first-tier";
      case LISTED -> r.receiptsFrom().addresses();
    });
    m.put("receiptsTo", r.receiptsTo());
    return m;
  }

  private static Map<String, Object> securityLabel(SecurityLabel l) {
    SecurityPolicies.LabelJudgement judged = SecurityPolicies.installed().judge(l);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("policy", l.policy());
    m.put("classification", l.classification().isPresent() ? l.classification().getAsInt() : null);
    m.put("privacyMark", l.privacyMark().orElse(null));
    m.put("display", judged.display());
    m.put("policyName", judged.policyName().orElse(null));
    m.put("flag", judged.problem().orElse(null));
    return m;
  }

  /** RFC 9788: how the fields were marked, and the fields in their order. */
  private static Map<String, Object> protectedHeaders(ProtectedHeaders h) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("marker", h.scheme().marker());
    m.put("fields", h.fields().stream().map(f -> Map.of("name", f.name(), "value", f.value())).toList());
    return m;
  }

  private static Map<String, Object> problem(Problem p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("code", p.code().name());
    m.put("level", p.level().orElse(null));
    m.put("severity", p.severity().name().toLowerCase(Locale.ROOT));
    m.put("setting", p.setting().orElse(null));
    m.put("message", p.message());
    return m;
  }

  /** A few lines for a person, on standard error. */
  static void human(SecurityReport report, PrintStream err) {
    err.println("verdict: " + report.verdict().id() + summary(report));
    for (Layer layer : report.layers()) {
      if (layer instanceof Layer.Encrypted e) {
        err.println("  encrypted with " + e.cipher().displayName()
            + (e.authenticated() ? " (authenticated)" : " (no integrity protection)"));
      }
    }
    for (SignerReport s : report.signers()) {
      String what = s.role() == SignerReport.Role.CONTENT ? "signed by " : "counter-signed by ";
      err.println("  " + what + s.email().orElse(s.subject()) + ", issued by " + s.issuer() + ": "
          + (s.signatureValid() ? "signature valid" : "signature INVALID") + ", " + s.trust().name().toLowerCase(Locale.ROOT));
    }
    report.securityLabel().map(SecurityPolicies.installed()::judge).ifPresent(j -> {
      err.println("  security label: " + j.display());
      j.problem().ifPresent(p -> err.println("  flagged: " + p));
    });
    report.protectedHeaders().flatMap(ProtectedHeaders::subject)
        .ifPresent(subject -> err.println("  protected subject: " + subject));
    report.receiptRequest().ifPresent(r -> err.println("  a signed receipt is requested, to "
        + String.join(", ", r.receiptsTo())));
    List<Problem> shown = report.problems();
    for (Problem p : shown) {
      err.println("  " + p.severity().name().toLowerCase(Locale.ROOT) + ": " + p.code() + ": " + p.message());
    }
    err.flush();
  }

  /**
   * What a valid verdict rests on. Under SigStatusNoTrustDecision=0 a signer that chains to no trusted root is
   * allowed without a warning, and the verdict is valid: the summary still says it is untrusted.
   */
  private static String summary(SecurityReport report) {
    if (report.verdict() != Verdict.VALID || !report.signed() || report.signers().isEmpty()) {
      return "";
    }
    boolean trusted = report.signers().stream().allMatch(s -> s.trust() == SignerReport.Trust.TRUSTED);
    if (trusted) {
      return " (good signature, trusted)";
    }
    String allowedBy = report.problems().stream().filter(p -> p.code() == ProblemCode.UNTRUSTED_ROOT)
        .flatMap(p -> p.setting().stream()).findFirst().map(s -> "; allowed by " + s).orElse("");
    return " (good signature, untrusted: the signer's certificate does not chain to a trusted root" + allowedBy + ")";
  }
}
