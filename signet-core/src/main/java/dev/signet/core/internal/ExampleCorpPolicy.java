package dev.signet.core.internal;

import dev.signet.core.Clearance;
import dev.signet.core.SecurityLabel;
import dev.signet.core.SecurityPolicyModule;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The example organisational policy Signet ships, to copy for a real one. Four classifications,
 * PUBLIC (1) &lt; INTERNAL (2) &lt; CONFIDENTIAL (3) &lt; SECRET (4), and need-to-know compartments
 * FINANCE, HR, LEGAL and RESEARCH, each a security category of type {@code POLICY.1} whose value is
 * the compartment's name as a UTF8String. A reader sees content when their clearance reaches its
 * classification and holds each of its compartments. Clearances are written {@code SECRET+FINANCE+HR}.
 * The policy identifier is a UUID OID (2.25, ITU-T X.667), unique without registration.
 */
public final class ExampleCorpPolicy implements SecurityPolicyModule {
  public static final String POLICY = "2.25.222700090146879539320685459118652389175";
  public static final String COMPARTMENT = POLICY + ".1";
  private static final List<String> LEVELS = List.of("PUBLIC", "INTERNAL", "CONFIDENTIAL", "SECRET");
  private static final Set<String> COMPARTMENTS = Set.of("FINANCE", "HR", "LEGAL", "RESEARCH");

  @Override
  public String policy() {
    return POLICY;
  }

  @Override
  public String name() {
    return "Example Corp information classification";
  }

  @Override
  public Optional<String> invalidity(SecurityLabel label) {
    if (label.classification().isEmpty()) {
      return Optional.of("it has no classification");
    }
    int level = label.classification().getAsInt();
    if (level < 1 || level > LEVELS.size()) {
      return Optional.of("classification " + level + " is not one of " + levels());
    }
    for (SecurityLabel.Category c : label.categories()) {
      if (!c.type().equals(COMPARTMENT)) {
        return Optional.of("category type " + c.type() + " is not the compartment type " + COMPARTMENT);
      }
      if (c.text().filter(COMPARTMENTS::contains).isEmpty()) {
        return Optional.of("unknown compartment " + c.display() + "; known: " + String.join(", ", COMPARTMENTS.stream().sorted().toList()));
      }
    }
    return Optional.empty();
  }

  @Override
  public String display(SecurityLabel label) {
    StringBuilder s = new StringBuilder(name(label.classification()));
    compartments(label).forEach(c -> s.append(' ').append(c));
    label.privacyMark().ifPresent(m -> s.append(" (").append(m).append(')'));
    return s.toString();
  }

  @Override
  public SecurityLabel defaultLabel() {
    return new SecurityLabel(POLICY, OptionalInt.of(2), Optional.empty(), List.of());
  }

  @Override
  public List<SecurityLabel> classifications() {
    return IntStream.rangeClosed(1, LEVELS.size())
        .mapToObj(n -> new SecurityLabel(POLICY, OptionalInt.of(n), Optional.empty(), List.of())).toList();
  }

  @Override
  public List<SecurityLabel.Category> categories() {
    return COMPARTMENTS.stream().sorted().map(c -> SecurityLabel.Category.text(COMPARTMENT, c)).toList();
  }

  @Override
  public Optional<Clearance> clearance(String text) {
    List<String> parts = Arrays.asList(text.toUpperCase(Locale.ROOT).split("\\+"));
    int level = LEVELS.indexOf(parts.get(0).trim()) + 1;
    Set<String> held = parts.subList(1, parts.size()).stream().map(String::trim).collect(Collectors.toSet());
    if (level == 0 || !COMPARTMENTS.containsAll(held)) {
      return Optional.empty();
    }
    return Optional.of(new Clearance(POLICY, level, held));
  }

  @Override
  public boolean permits(Clearance clearance, SecurityLabel label) {
    return clearance.policy().equals(POLICY) && invalidity(label).isEmpty()
        && label.classification().getAsInt() <= clearance.classification()
        && clearance.categories().containsAll(compartments(label));
  }

  private static List<String> compartments(SecurityLabel label) {
    return label.categories().stream().map(c -> c.text().orElse(c.display())).sorted().toList();
  }

  private static String name(OptionalInt classification) {
    if (classification.isEmpty()) {
      return "(no classification)";
    }
    int n = classification.getAsInt();
    return n >= 1 && n <= LEVELS.size() ? LEVELS.get(n - 1) : "CLASSIFICATION " + n;
  }

  private static String levels() {
    return String.join(", ", LEVELS.stream().map(l -> l + " (" + (LEVELS.indexOf(l) + 1) + ")").toList());
  }
}
