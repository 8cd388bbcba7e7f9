package dev.signet.core;

/**
 * What every Signet exception is: a {@link FailureKind}, one line for a person and the cause kept. Callers
 * choose exit codes and HTTP statuses from {@link #kind()}, never from the exception's class.
 */
public interface SignetFailure {
  FailureKind kind();

  String getMessage();

  Throwable getCause();
}
