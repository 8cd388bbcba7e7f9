package dev.signet.core;

/** How much a problem matters to the verdict. */
public enum Severity {
  ERROR,
  WARNING,
  INFO
}
