package dev.signet.server.web;

import dev.signet.core.DigitalId;
import dev.signet.core.FailureKind;
import dev.signet.core.ReadOptions;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Search of a person's mail: the form, and what it finds a page at a time, each message read (and
 * shown) as the inbox reads it. What was asked and what was read stay in this request: the query goes
 * to no log and no table, and nothing read is kept.
 */
final class SearchPages {
  private final Mailboxes mailboxes;
  private final Function<Sessions.Session, Mailboxes.Owner> owners;
  private final MailReader reader;
  private final KeyRing keys;
  private final Clock clock;
  private final MailSearch.Budget budget;

  SearchPages(Mailboxes mailboxes, Function<Sessions.Session, Mailboxes.Owner> owners, MailReader reader, KeyRing keys,
      Clock clock, MailSearch.Budget budget) {
    this.mailboxes = mailboxes;
    this.owners = owners;
    this.reader = reader;
    this.keys = keys;
    this.clock = clock;
    this.budget = budget;
  }

  void routes(JavalinConfig config) {
    config.routes.get("/web/search", this::search);
  }

  /**
   * The search form as the person filled it in, typed text kept as typed to show the form again; the
   * folder searched is the Inbox unless they chose another.
   */
  record Asked(String text, String from, String to, String subject, String since, String until, String folder,
      int start) {
    static Asked of(Context ctx) {
      String folder = param(ctx, "folder");
      return new Asked(param(ctx, "q"), param(ctx, "from"), param(ctx, "to"), param(ctx, "subject"),
          param(ctx, "since"), param(ctx, "until"), folder.isEmpty() ? Mailboxes.Standard.INBOX.folder() : folder,
          FolderPages.page(ctx.queryParam("start")) - 1);
    }

    private static String param(Context ctx, String name) {
      return Optional.ofNullable(ctx.queryParam(name)).orElse("");
    }

    /** The query this form asks. */
    MailSearch.Query query() {
      for (String field : List.of(text, from, to, subject)) {
        if (field.length() > MailSearch.MAX_FIELD_CHARS) {
          throw new WebRefusal(FailureKind.MALFORMED_INPUT,
              "A search field holds at most " + MailSearch.MAX_FIELD_CHARS + " characters.");
        }
      }
      return new MailSearch.Query(text, from, to, subject, day(since), day(until));
    }

    private static Optional<LocalDate> day(String typed) {
      try {
        return typed.isBlank() ? Optional.empty() : Optional.of(LocalDate.parse(typed.strip()));
      } catch (DateTimeParseException e) {
        throw new WebRefusal(FailureKind.MALFORMED_INPUT, "Write dates as year-month-day, such as 2026-06-30.", e);
      }
    }

    /** This search again, its scan starting at message {@code from} (0 the newest), showing page {@code page}. */
    String link(int from, int page) {
      Map<String, String> fields = new LinkedHashMap<>();
      fields.put("q", text);
      fields.put("from", this.from);
      fields.put("to", to);
      fields.put("subject", subject);
      fields.put("since", since);
      fields.put("until", until);
      fields.put("folder", Mailboxes.Standard.INBOX.folder().equals(folder) ? "" : folder);
      fields.put("start", from == 0 ? "" : String.valueOf(from + 1));
      fields.put("page", page == 1 ? "" : String.valueOf(page));
      return "/web/search?" + fields.entrySet().stream().filter(e -> !e.getValue().isEmpty())
          .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
          .collect(Collectors.joining("&"));
    }
  }

  /**
   * One page of what a search found: its rows, where the page stands among the matches, the part of the
   * folder it read (messages {@code first} to {@code last}, counted from 1, of {@code total}), whether
   * it stopped before the folder's end, and the encrypted messages it could not look inside.
   */
  record Results(List<Views.InboxRow> rows, Views.InboxPages pages, int first, int last, int total,
      boolean stoppedEarly, int unopened, boolean idsLocked) {}

  private void search(Context ctx) throws IOException {
    Sessions.Session s = WebUi.session(ctx);
    Asked asked = Asked.of(ctx);
    Views.Page page = WebUi.page(ctx, "Search");
    Mailboxes.Owner owner = owners.apply(s);
    List<FolderPages.Listed> folders = FolderPages.listed(mailboxes.folders(owner), asked.folder());
    MailSearch.Query query;
    String folder;
    try {
      query = asked.query();
      folder = FolderPages.find(folders.stream().map(FolderPages.Listed::folder).toList(), asked.folder()).name();
    } catch (WebRefusal e) {
      ctx.status(e.status());
      render(ctx, page.withError(e.getMessage()), asked, folders, Optional.empty());
      return;
    }
    if (query.asksNothing()) {
      render(ctx, page, asked, folders, Optional.empty());
      return;
    }
    render(ctx, page, asked, folders, Optional.of(results(ctx, s, owner, folder, asked, query)));
  }

  /** Searches as much of {@code folder} as the budget allows from where {@code asked} starts. */
  private Results results(Context ctx, Sessions.Session s, Mailboxes.Owner owner, String folder, Asked asked,
      MailSearch.Query query) throws IOException {
    Collection<DigitalId> open = keys.of(s).values();
    ReadOptions options = reader.options(open);
    MailSearch.Scan scan = MailSearch.scan(query, (from, limit) -> mailboxes.page(owner, folder, from, limit),
        asked.start(), budget, clock, m -> reader.read(m.raw(), options));
    int count = Math.max(1, (scan.found().size() + FolderPages.PAGE_SIZE - 1) / FolderPages.PAGE_SIZE);
    int number = Math.min(FolderPages.page(ctx.queryParam("page")), count);
    List<Views.InboxRow> rows = scan.found().subList((number - 1) * FolderPages.PAGE_SIZE,
        Math.min(number * FolderPages.PAGE_SIZE, scan.found().size())).stream()
        .map(r -> Views.InboxRow.of(folder, r.message(), r.reading(), open.isEmpty())).toList();
    return new Results(rows, new Views.InboxPages(number, count, scan.found().size()),
        Math.min(asked.start() + 1, scan.next()), scan.next(), scan.total(), scan.stoppedEarly(), scan.unopened(),
        open.isEmpty());
  }

  private static void render(Context ctx, Views.Page page, Asked asked, List<FolderPages.Listed> folders,
      Optional<Results> results) {
    Views.render(ctx, "search.jte", Map.of("page", page, "asked", asked, "folders", folders, "results", results));
  }
}
