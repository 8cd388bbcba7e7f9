package dev.signet.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.FailureKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The HTTP status of a refusal comes from its kind of failure, by one table. */
class WebRefusalTest {
  @ParameterizedTest
  @EnumSource(FailureKind.class)
  void everyKindIsAnsweredWithAnErrorStatus(FailureKind kind) {
    assertThat(WebRefusal.status(kind)).isBetween(400, 599);
  }

  @Test
  void whoIsAskingDecidesBetween401And403() {
    assertThat(new WebRefusal(FailureKind.NOT_AUTHENTICATED, "Please sign in.").status()).isEqualTo(401);
    assertThat(new WebRefusal(FailureKind.NOT_AUTHORIZED, "This page is for administrators.").status()).isEqualTo(403);
  }

  @Test
  void aPolicyOrALockedKeyIsForbiddenNotMalformed() {
    assertThat(WebRefusal.status(FailureKind.POLICY_VIOLATION)).isEqualTo(403);
    assertThat(WebRefusal.status(FailureKind.KEY_UNAVAILABLE)).isEqualTo(403);
    assertThat(WebRefusal.status(FailureKind.MALFORMED_INPUT)).isEqualTo(400);
  }

  @Test
  void aMailServerThatCannotBeUsedIsUnavailable() {
    assertThat(WebRefusal.status(FailureKind.PEER_UNAVAILABLE)).isEqualTo(503);
  }

  @Test
  void theFailureBehindARefusalIsKept() {
    IllegalArgumentException why = new IllegalArgumentException("a folder of that name exists");

    assertThat(new WebRefusal(FailureKind.MALFORMED_INPUT, why.getMessage(), why).getCause()).isSameAs(why);
  }
}
