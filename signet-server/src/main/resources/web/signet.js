// Keyboard shortcuts of the web mail, as web mail users know them. Every page works without this file.
// j / k move the selection among message rows ([data-row] links), o or Enter opens the selected one,
// / focuses the search box, ? shows the list of shortcuts, and any other key clicks the control that
// carries data-shortcut="<key>" on the page (Reply r, Reply all a, Forward f, Compose c, ...).
(function () {
  'use strict';

  var selected = -1;

  function rows() {
    return Array.prototype.slice.call(document.querySelectorAll('[data-row]'));
  }

  function select(step) {
    var links = rows();
    if (links.length === 0) {
      return;
    }
    links.forEach(function (link) { link.removeAttribute('aria-current'); });
    var focused = links.indexOf(document.activeElement);
    selected = (focused >= 0 ? focused : selected);
    selected = Math.min(Math.max(selected + step, 0), links.length - 1);
    links[selected].setAttribute('aria-current', 'true');
    links[selected].focus();
  }

  function open() {
    var link = rows()[selected];
    if (link) {
      link.click();
    }
  }

  function showHelp() {
    var help = document.getElementById('shortcuts');
    if (help && !help.open) {
      help.showModal();
    }
  }

  function focusSearch() {
    var search = document.querySelector('input[type="search"]');
    if (search) {
      search.focus();
    }
  }

  function typing(target) {
    return target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
  }

  function shortcut(key) {
    return Array.prototype.find.call(document.querySelectorAll('[data-shortcut]'), function (e) {
      return e.getAttribute('data-shortcut') === key;
    });
  }

  var actions = { j: function () { select(1); }, k: function () { select(-1); }, o: open, '/': focusSearch, '?': showHelp };

  document.addEventListener('keydown', function (event) {
    if (event.ctrlKey || event.altKey || event.metaKey || event.defaultPrevented || typing(event.target)
        || document.querySelector('dialog[open]')) {
      return;
    }
    var action = actions[event.key];
    var control = action ? null : shortcut(event.key);
    if (action) {
      action();
    } else if (control) {
      control.click();
    } else {
      return;
    }
    event.preventDefault();
  });
}());
