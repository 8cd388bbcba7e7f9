package dev.signet.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * "Get a digital ID" on the web: its "Do not allow export" box is ticked by default (the organisation's
 * default, which an administrator may change), a ticked box seals the new ID, an unticked one leaves
 * it exportable, and a post that says neither gets the default.
 */
class WebNonExportableDefaultTest {
  private static final Pattern EXPORTABLE_COLUMN = Pattern.compile("<td>(yes|no)</td></tr>");
  private static final String ID_PASSWORD = "new digital-ID password";
  private static final AtomicInteger PEOPLE = new AtomicInteger();
  private static WebFixture fixture;

  @BeforeAll
  static void start() throws IOException {
    fixture = WebFixture.start();
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  void theBoxIsTickedByDefault() throws IOException {
    WebClient person = newPerson();

    assertThat(person.get("/web/ids").body()).contains("name=\"exportable\" value=\"0\" class=\"no-export\" checked");
  }

  @Test
  void aTickedBoxSealsTheNewId() throws IOException {
    WebClient person = newPerson();

    enroll(person, List.of("1", "0"));

    assertThat(exportableColumn(person)).containsExactly("no");
  }

  @Test
  void anUntickedBoxLeavesTheNewIdExportable() throws IOException {
    WebClient person = newPerson();

    enroll(person, List.of("1"));

    assertThat(exportableColumn(person)).containsExactly("yes");
  }

  @Test
  void aPostThatSaysNeitherGetsTheOrganisationsDefault() throws IOException {
    WebClient person = newPerson();

    enroll(person, List.of());

    assertThat(exportableColumn(person)).containsExactly("no");
  }

  @Test
  void anAdministratorCanMakeExportableTheDefault() throws IOException {
    WebClient admin = WebClient.signedIn(fixture, WebFixture.ADMIN);
    assertThat(admin.submit("/web/admin/policy", "/web/admin/key-export", Map.of()).statusCode()).isEqualTo(303);
    try {
      WebClient person = newPerson();
      assertThat(person.get("/web/ids").body()).contains("class=\"no-export\">");

      enroll(person, List.of());

      assertThat(exportableColumn(person)).containsExactly("yes");
      assertThat(admin.get("/web/admin/audit").body()).contains("new digital IDs exportable by default");
    } finally {
      admin.submit("/web/admin/policy", "/web/admin/key-export", Map.of("nonexportable", "1"));
    }
  }

  @Test
  void aDefaultProfileThatSealsNewIdsTicksTheBoxWhereTheOrganisationWouldNot() throws IOException {
    WebClient admin = WebClient.signedIn(fixture, WebFixture.ADMIN);
    assertThat(admin.submit("/web/admin/policy", "/web/admin/key-export", Map.of()).statusCode()).isEqualTo(303);
    try {
      WebClient person = newPerson();
      enroll(person, List.of("1"));
      String idName = person.get("/web/ids").body().replaceAll("(?s).*<select name=\"signing\"><option value=\"([^\"]+)\".*",
          "$1");

      HttpResponse<String> added = person.submit("/web/ids", "/web/ids/profiles", Map.of("name", "sealed",
          "signing", idName, "hash", "SHA_256", "cipher", "AES_128_GCM", "nonexportable", "1", "default", "1"));

      assertThat(added.statusCode()).as(added.body()).isEqualTo(303);
      String page = person.get("/web/ids").body();
      assertThat(page).contains("name=\"exportable\" value=\"0\" class=\"no-export\" checked")
          .contains("<td>sealed</td>");
    } finally {
      admin.submit("/web/admin/policy", "/web/admin/key-export", Map.of("nonexportable", "1"));
    }
  }

  @Test
  void aPersonCannotChangeTheDefault() throws IOException {
    WebClient person = newPerson();

    assertThat(person.post("/web/admin/key-export", Map.of("csrf", person.csrf("/web/ids"))).statusCode())
        .isEqualTo(403);
  }

  /** A new person, signed in, with no digital ID yet. */
  private static WebClient newPerson() throws IOException {
    String email = "person" + PEOPLE.incrementAndGet() + "@example.org";
    fixture.web.accounts().create(email, "Person", Accounts.Role.PERSON, WebFixture.PASSWORD.toCharArray());
    return WebClient.signedIn(fixture, email);
  }

  /** Gets a digital ID with an enrollment token, the form's export field sent with each of {@code exportable}. */
  private static void enroll(WebClient person, List<String> exportable) throws IOException {
    String email = person.get("/web/ids").body().replaceAll("(?s).*<span id=\"who\">([^<]+)</span>.*", "$1");
    List<String> fields = new ArrayList<>(List.of(field("csrf", person.csrf("/web/ids")),
        field("token", fixture.token(email)), field("password", ID_PASSWORD)));
    exportable.forEach(v -> fields.add(field("exportable", v)));
    HttpResponse<String> r = person.send(HttpRequest.newBuilder(URI.create(fixture.https("/web/ids/enroll")))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(String.join("&", fields))).build());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  private static String field(String name, String value) {
    return name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static List<String> exportableColumn(WebClient person) throws IOException {
    Matcher m = EXPORTABLE_COLUMN.matcher(person.get("/web/ids").body());
    List<String> values = new ArrayList<>();
    while (m.find()) {
      values.add(m.group(1));
    }
    return values;
  }
}
