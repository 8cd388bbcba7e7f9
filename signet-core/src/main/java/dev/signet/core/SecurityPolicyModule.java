package dev.signet.core;

import java.util.List;
import java.util.Optional;

/**
 * A security policy (RFC 2634 section 3.1): which labels are valid under it, how they are shown,
 * its default label, and whether a reader's clearance lets them see labelled content. Modules are
 * found with {@link java.util.ServiceLoader} and chosen by the label's policy identifier.
 */
public interface SecurityPolicyModule {
  /** The security policy identifier (an OID) the module defines. */
  String policy();

  /** A name for people, such as "Example Corp information classification". */
  String name();

  /** Why {@code label} is not valid under this policy, if it is not. */
  Optional<String> invalidity(SecurityLabel label);

  /** The marking people see, such as "CONFIDENTIAL FINANCE". */
  String display(SecurityLabel label);

  /** The label a message gets when the person picks none. */
  SecurityLabel defaultLabel();

  /** The labels a person picks a classification from when composing, lowest first, without categories. */
  default List<SecurityLabel> classifications() {
    return List.of(defaultLabel());
  }

  /** The security categories a person may add to a label when composing. */
  default List<SecurityLabel.Category> categories() {
    return List.of();
  }

  /** The clearance {@code text} names, in this policy's words; empty if it names none. */
  Optional<Clearance> clearance(String text);

  /** Whether a reader holding {@code clearance} may see content labelled {@code label}. */
  boolean permits(Clearance clearance, SecurityLabel label);
}
