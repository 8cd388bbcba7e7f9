package dev.signet.core;

import java.util.Locale;

/** The overall judgement of a message. */
public enum Verdict {
  VALID,
  WARNING,
  ERROR;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
