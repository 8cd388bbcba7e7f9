package dev.signet.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReplyTest {
  private static final List<String> BOB = List.of("bob@example.org");
  private static final Reply.Original ORIGINAL = new Reply.Original("Alice <alice@example.org>", "",
      "Bob <Bob@example.org>, carol@example.org", "dave@example.org", "Plans", "Mon, 1 Jan 2024 10:00:00 +0000",
      "<2@example.org>", "<1@example.org>", "Meet at noon.\nBring the key.");

  @Test
  void aReplyGoesToTheSenderWithReAndTheThread() {
    Reply r = Reply.of(Reply.Kind.REPLY, ORIGINAL, false, false, BOB);

    assertThat(r.to()).containsExactly("alice@example.org");
    assertThat(r.cc()).isEmpty();
    assertThat(r.subject()).isEqualTo("Re: Plans");
    assertThat(r.inReplyTo()).isEqualTo("<2@example.org>");
    assertThat(r.references()).isEqualTo("<1@example.org> <2@example.org>");
  }

  @Test
  void aReplyQuotesTheOriginalLineByLine() {
    assertThat(Reply.of(Reply.Kind.REPLY, ORIGINAL, false, false, BOB).body())
        .contains("Alice <alice@example.org> wrote:\n> Meet at noon.\n> Bring the key.");
  }

  @Test
  void replyAllCopiesEveryoneButTheReader() {
    Reply r = Reply.of(Reply.Kind.REPLY_ALL, ORIGINAL, false, false, BOB);

    assertThat(r.to()).containsExactly("alice@example.org");
    assertThat(r.cc()).containsExactly("carol@example.org", "dave@example.org");
  }

  @Test
  void aReplyGoesToReplyToWhenTheOriginalNamesOne() {
    Reply.Original o = new Reply.Original("alice@example.org", "list@example.org", "bob@example.org", "", "Plans", "",
        "", "", "");

    assertThat(Reply.of(Reply.Kind.REPLY, o, false, false, BOB).to()).containsExactly("list@example.org");
  }

  @Test
  void aSubjectAlreadyAnsweredIsNotPrefixedAgain() {
    Reply.Original o = new Reply.Original("alice@example.org", "", "", "", "RE: Plans", "", "", "", "");

    assertThat(Reply.of(Reply.Kind.REPLY, o, false, false, BOB).subject()).isEqualTo("RE: Plans");
  }

  @Test
  void aForwardHasNoRecipientsAndCarriesTheOriginalBelowItsHeaders() {
    Reply r = Reply.of(Reply.Kind.FORWARD, ORIGINAL, false, false, BOB);

    assertThat(r.to()).isEmpty();
    assertThat(r.subject()).isEqualTo("Fwd: Plans");
    assertThat(r.inReplyTo()).isEmpty();
    assertThat(r.body()).contains("-------- Forwarded message --------\nSubject: Plans").endsWith("Bring the key.");
  }

  @Test
  void anAnswerIsSignedAndEncryptedAsTheOriginalWas() {
    Reply r = Reply.of(Reply.Kind.REPLY, ORIGINAL, true, true, BOB);

    assertThat(r.sign()).isTrue();
    assertThat(r.encrypt()).isTrue();
  }
}
