package dev.signet.server.web;

import dev.signet.core.DigitalId;
import dev.signet.core.FailureKind;
import dev.signet.core.ReadOptions;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A person's folders: a folder's page of messages (the INBOX at {@code /web/inbox}), what may be done
 * to one message or several at once (delete to Trash, archive, move, mark read or unread, flag), and
 * the settings page where they make, rename and delete folders of their own.
 */
final class FolderPages {
  /** How many messages a folder page (and a page of search results) shows. */
  static final int PAGE_SIZE = 50;
  private final Mailboxes mailboxes;
  private final Function<Sessions.Session, Mailboxes.Owner> owners;
  private final MailReader reader;
  private final KeyRing keys;

  FolderPages(Mailboxes mailboxes, Function<Sessions.Session, Mailboxes.Owner> owners, MailReader reader,
      KeyRing keys) {
    this.mailboxes = mailboxes;
    this.owners = owners;
    this.reader = reader;
    this.keys = keys;
  }

  void routes(JavalinConfig config) {
    config.routes.get("/web/inbox", ctx -> folderPage(ctx, Mailboxes.Standard.INBOX.folder()));
    config.routes.get("/web/folder/{name}", ctx -> folderPage(ctx, ctx.pathParam("name")));
    config.routes.post("/web/folder/{name}/act", this::act);
    config.routes.get("/web/folders", this::settings);
    config.routes.post("/web/folders", ctx -> change(ctx, o -> mailboxes.createFolder(o, form(ctx, "name")),
        "Folder made."));
    config.routes.post("/web/folders/rename", ctx -> change(ctx, o -> mailboxes.renameFolder(o, own(ctx),
        form(ctx, "to")), "Folder renamed."));
    config.routes.post("/web/folders/delete", ctx -> change(ctx, o -> mailboxes.deleteFolder(o, own(ctx)),
        "Folder deleted; what it held is in Trash."));
  }

  /** A folder in the folder list, with the link to its page. */
  record Listed(Mailboxes.Folder folder, String title, String href, boolean current) {
    /** The folder's name as it may stand in an element's id. */
    String key() {
      return Views.url(folder.name());
    }
  }

  private void folderPage(Context ctx, String name) throws IOException {
    Sessions.Session s = WebUi.session(ctx);
    Mailboxes.Owner owner = owners.apply(s);
    List<Mailboxes.Folder> folders = mailboxes.folders(owner);
    Mailboxes.Folder folder = find(folders, name);
    Collection<DigitalId> open = keys.of(s).values();
    int pages = Math.max(1, (folder.total() + PAGE_SIZE - 1) / PAGE_SIZE);
    int page = Math.min(page(ctx.queryParam("page")), pages);
    Mailboxes.Page shown = mailboxes.page(owner, folder.name(), (page - 1) * PAGE_SIZE, PAGE_SIZE);
    // Only the page shown is fetched and read: each row is a decryption and a signature check.
    ReadOptions options = reader.options(open);
    List<Views.InboxRow> rows = new ArrayList<>();
    for (Mailboxes.Message m : shown.messages()) {
      rows.add(Views.InboxRow.of(folder.name(), m, reader.read(m.raw(), options), open.isEmpty()));
    }
    Views.render(ctx, "inbox.jte", Map.of("page", WebUi.page(ctx, title(folder.name())), "rows", rows, "unlocked",
        !open.isEmpty(), "pages", new Views.InboxPages(page, pages, shown.total()), "folders",
        listed(folders, folder.name()), "folder", folder, "act", actHref(folder.name()), "base",
        href(folder.name())));
  }

  /** The page asked for, counted from 1; anything that is not a small number is the first. */
  static int page(String asked) {
    return asked != null && asked.matches("[1-9][0-9]{0,5}") ? Integer.parseInt(asked) : 1;
  }

  /** The message's link; an INBOX message keeps the link it always had. */
  static String messageHref(String folder, String id) {
    return messageHref(folder, id, "", "");
  }

  /** The link to {@code suffix} ("/reply", say) of a message, with {@code query} ("show=1") if not empty. */
  static String messageHref(String folder, String id, String suffix, String query) {
    List<String> params = new ArrayList<>();
    if (!isInbox(folder)) {
      params.add("folder=" + Views.url(folder));
    }
    if (!query.isEmpty()) {
      params.add(query);
    }
    return "/web/mail/" + Views.url(id) + suffix + (params.isEmpty() ? "" : "?" + String.join("&", params));
  }

  /** A folder's page. */
  static String href(String folder) {
    return isInbox(folder) ? "/web/inbox" : "/web/folder/" + Views.url(folder);
  }

  /** Where a folder's form (and a message page's, for its message) posts what to do. */
  static String actHref(String folder) {
    return "/web/folder/" + Views.url(folder) + "/act";
  }

  private static boolean isInbox(String folder) {
    return Mailboxes.Standard.named(folder).filter(s -> s == Mailboxes.Standard.INBOX).isPresent();
  }

  /** How a folder is called on the pages: the INBOX is "Inbox", as mail programs show it. */
  static String title(String folder) {
    return isInbox(folder) ? "Inbox" : folder;
  }

  /** The folder list shown beside mail pages, {@code current} marked. */
  static List<Listed> listed(List<Mailboxes.Folder> folders, String current) {
    return folders.stream().map(f -> new Listed(f, title(f.name()), href(f.name()), f.name().equals(current))).toList();
  }

  /** The person's folder {@code name}; a folder they do not have is not found. */
  static Mailboxes.Folder find(List<Mailboxes.Folder> folders, String name) {
    String wanted = isInbox(name) ? Mailboxes.Standard.INBOX.folder() : name;
    return folders.stream().filter(f -> f.name().equals(wanted)).findFirst()
        .orElseThrow(() -> new WebRefusal(FailureKind.NOT_FOUND, "You have no such folder."));
  }

  /**
   * What the folder page's form (or a message page's) asks for the chosen messages. Deleting in Trash
   * deletes for good, after a confirmation; elsewhere it moves them to Trash, from where Restore brings
   * them back to the Inbox.
   */
  private void act(Context ctx) {
    Mailboxes.Owner owner = owners.apply(WebUi.session(ctx));
    List<Mailboxes.Folder> folders = mailboxes.folders(owner);
    String folder = find(folders, ctx.pathParam("name")).name();
    List<String> ids = ctx.formParams("id");
    if (ids.isEmpty()) {
      throw new WebRefusal(FailureKind.MALFORMED_INPUT, "Choose one or more messages first.");
    }
    boolean inTrash = folder.equals(Mailboxes.Standard.TRASH.folder());
    String action = Optional.ofNullable(ctx.formParam("action")).orElse("");
    refusing(() -> {
      switch (action) {
        case "delete" -> {
          if (inTrash) {
            confirmDestroy(ctx, folder, ids, folders);
            return;
          }
          mailboxes.move(owner, folder, ids, Mailboxes.Standard.TRASH.folder());
        }
        case "destroy" -> {
          if (!inTrash || !"1".equals(ctx.formParam("confirmed"))) {
            throw new WebRefusal(FailureKind.MALFORMED_INPUT,
                "Only messages in Trash are deleted for good, after you confirm.");
          }
          mailboxes.destroy(owner, folder, ids);
        }
        case "restore" -> mailboxes.move(owner, folder, ids, Mailboxes.Standard.INBOX.folder());
        case "archive" -> mailboxes.move(owner, folder, ids, Mailboxes.Standard.ARCHIVE.folder());
        case "move" -> mailboxes.move(owner, folder, ids, find(folders, form(ctx, "to")).name());
        case "read", "unread" -> mailboxes.mark(owner, folder, ids, Mailboxes.Flag.SEEN, action.equals("read"));
        case "flag", "unflag" -> mailboxes.mark(owner, folder, ids, Mailboxes.Flag.FLAGGED, action.equals("flag"));
        default -> throw new WebRefusal(FailureKind.MALFORMED_INPUT, "That is not something to do with a message.");
      }
      boolean staysOpen = ids.size() == 1 && "message".equals(ctx.formParam("from"))
          && (action.equals("flag") || action.equals("unflag") || action.equals("read"));
      ctx.redirect(staysOpen ? messageHref(folder, ids.get(0)) : href(folder), HttpStatus.SEE_OTHER);
    });
  }

  private void confirmDestroy(Context ctx, String folder, List<String> ids, List<Mailboxes.Folder> folders) {
    Views.render(ctx, "confirm_delete.jte", Map.of("page", WebUi.page(ctx, "Delete for good?"), "ids", ids,
        "act", actHref(folder), "back", href(folder), "folders", listed(folders, folder)));
  }

  private void settings(Context ctx) {
    Mailboxes.Owner owner = owners.apply(WebUi.session(ctx));
    String notice = Optional.ofNullable(ctx.queryParam("done")).orElse("");
    Views.render(ctx, "folders.jte", Map.of("page", WebUi.page(ctx, "Folders").withNotice(notice), "folders",
        listed(mailboxes.folders(owner), "")));
  }

  private interface FolderChange {
    void apply(Mailboxes.Owner owner);
  }

  private void change(Context ctx, FolderChange change, String done) {
    refusing(() -> change.apply(owners.apply(WebUi.session(ctx))));
    ctx.redirect("/web/folders?done=" + Views.url(done), HttpStatus.SEE_OTHER);
  }

  /** What the mailbox refuses (a name taken, a standard folder) is what the person is told. */
  private static void refusing(Runnable work) {
    try {
      work.run();
    } catch (IllegalArgumentException e) {
      throw new WebRefusal(FailureKind.MALFORMED_INPUT, e.getMessage(), e);
    }
  }

  /** A folder the person made: the standard ones are neither renamed nor deleted. */
  /** The folder of the person's own the form names (never a standard one). */
  private static String own(Context ctx) {
    return Mailboxes.Folder.requireOwn(form(ctx, "name"));
  }

  private static String form(Context ctx, String param) {
    return Optional.ofNullable(ctx.formParam(param)).orElse("");
  }
}
