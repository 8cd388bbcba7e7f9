package dev.signet.server.web;

import java.util.function.Function;
import java.util.stream.Stream;

/** A page of the web UI, who looks at it ({@link #NOBODY}: no one signed in) and its path among {@link BobsMail}. */
record WebPage(String name, String who, Function<BobsMail, String> path) {
  static final String NOBODY = "";

  /** Every page of the web UI: Bob's (digital IDs unlocked), the administrator's, sign-in and the error page. */
  static Stream<WebPage> all() {
    return Stream.of(
        new WebPage("sign-in", NOBODY, m -> "/web/signin"),
        new WebPage("inbox", WebFixture.BOB, m -> "/web/inbox"),
        new WebPage("Trash", WebFixture.BOB, m -> "/web/folder/Trash"),
        new WebPage("folder settings", WebFixture.BOB, m -> "/web/folders"),
        new WebPage("search", WebFixture.BOB, m -> "/web/search"),
        new WebPage("search results", WebFixture.BOB, m -> "/web/search?q=the"),
        new WebPage("signed message", WebFixture.BOB, m -> "/web/mail/" + m.signed()),
        new WebPage("encrypted message", WebFixture.BOB, m -> "/web/mail/" + m.encrypted()),
        new WebPage("problem page", WebFixture.BOB, m -> "/web/mail/" + m.broken()),
        new WebPage("compose", WebFixture.BOB, m -> "/web/compose"),
        new WebPage("drafts", WebFixture.BOB, m -> "/web/drafts"),
        new WebPage("sent", WebFixture.BOB, m -> "/web/sent"),
        new WebPage("digital IDs", WebFixture.BOB, m -> "/web/ids"),
        new WebPage("error page", WebFixture.BOB, m -> "/web/compose?draft=999999"),
        new WebPage("policy", WebFixture.ADMIN, m -> "/web/admin/policy"),
        new WebPage("people", WebFixture.ADMIN, m -> "/web/admin/people"),
        new WebPage("tokens", WebFixture.ADMIN, m -> "/web/admin/tokens"),
        new WebPage("certificates", WebFixture.ADMIN, m -> "/web/admin/certificates"),
        new WebPage("audit log", WebFixture.ADMIN, m -> "/web/admin/audit"));
  }

  @Override
  public String toString() {
    return name + " (" + (who.isEmpty() ? "signed out" : who) + ")";
  }
}
