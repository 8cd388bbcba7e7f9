package dev.signet.testkit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * curl as one person's browser on Signet's web UI: one cookie jar, trusting only {@code ca} for
 * HTTPS, signing in through the form as a browser does (its token and cookie, then the post).
 */
public final class CurlBrowser {
  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

  private final Path dir;
  private final Path ca;
  private final String base;
  private final Path jar;

  /** A browser for {@code base} (https://host:port) keeping its cookies in {@code dir}/{@code name}.jar. */
  public CurlBrowser(Path dir, Path ca, String base, String name) {
    this(dir, ca, base, dir.resolve(name + ".jar"));
  }

  private CurlBrowser(Path dir, Path ca, String base, Path jar) {
    this.dir = dir;
    this.ca = ca;
    this.base = base;
    this.jar = jar;
  }

  /** This browser, cookies and all, on {@code otherBase}: another node of the service, as behind a load balancer. */
  public CurlBrowser at(String otherBase) {
    return new CurlBrowser(dir, ca, otherBase, jar);
  }

  /** Signs in with {@code address} and {@code password}; returns the HTTP status of the post (303 when it worked). */
  public String signIn(String address, String password) {
    return submit("/web/signin", "/web/signin", Map.of("email", address, "password", password));
  }

  /**
   * Fills in the form of the page {@code formPage} (its token) with {@code fields} and posts it to
   * {@code action}; returns the HTTP status (303 when it was accepted and redirects).
   */
  public String submit(String formPage, String action, Map<String, String> fields) {
    return post(formPage, action, fields, "--data-urlencode");
  }

  /** As {@link #submit}, for a form sent as multipart/form-data (one with a file field). */
  public String submitMultipart(String formPage, String action, Map<String, String> fields) {
    return post(formPage, action, fields, "--form-string");
  }

  /** Posts the form's token and {@code fields}, each given to curl with {@code fieldOption}. */
  private String post(String formPage, String action, Map<String, String> fields, String fieldOption) {
    ExternalTool.CURL.require();
    String csrf = csrfOf(curl("-b", jar.toString(), "-c", jar.toString(), base + formPage).stdoutText());
    List<String> post = new ArrayList<>(List.of("-b", jar.toString(), "-c", jar.toString(), "-o", "/dev/null", "-w",
        "%{http_code}", fieldOption, "csrf=" + csrf));
    fields.forEach((name, value) -> post.addAll(List.of(fieldOption, name + "=" + value)));
    post.add(base + action);
    return curl(post.toArray(String[]::new)).stdoutText();
  }

  /** The page at {@code path} (such as /web/inbox) as this browser sees it. */
  public String page(String path) {
    return curl("-b", jar.toString(), base + path).stdoutText();
  }

  private static String csrfOf(String page) {
    Matcher m = CSRF.matcher(page);
    if (!m.find()) {
      throw new AssertionError("no form token in " + page);
    }
    return m.group(1);
  }

  private ProcessRunner.Result curl(String... args) {
    List<String> command = new ArrayList<>(List.of("curl", "-sS", "--cacert", ca.toString()));
    command.addAll(List.of(args));
    return ProcessRunner.runChecked(dir, command);
  }
}
