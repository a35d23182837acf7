/*
 * Warns two minutes before the session ends for want of a page (WCAG 2.2.1: at least 20 seconds,
 * extendable with one action, as often as wanted). The page says when it ends (body
 * data-session-ends); the dialog is in web/layout.ts. Once ended, the dialog stays: what was filled
 * in stays on the page, and after signing in again in another tab, "Verder" carries on here.
 */
(function () {
  var dialog = document.getElementById('sessie');
  var endsAt = Date.parse(document.body.dataset.sessionEnds || '');
  if (!dialog || typeof dialog.showModal !== 'function' || isNaN(endsAt)) return;
  var warnAhead = 2 * 60 * 1000;
  var timer;
  var clock = new Intl.DateTimeFormat('nl-NL', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Amsterdam' });

  function part(name) {
    return dialog.querySelector('[data-sessie="' + name + '"]');
  }
  function show(name) {
    part('bijna').hidden = name !== 'bijna';
    part('verlopen').hidden = name !== 'verlopen';
    dialog.setAttribute('aria-labelledby', 'sessie-' + name + '-titel');
    if (!dialog.open) dialog.showModal();
  }
  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(check, Math.max(0, endsAt - warnAhead - Date.now()));
  }
  /** Another tab may have renewed the session: ask when it ends before warning (this renews nothing). */
  function check() {
    fetch('/sessie', { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (response) {
        if (response.status === 401) return { ended: true };
        return response.ok ? response.json() : {};
      })
      // No answer: the end this page knows of stands.
      .catch(function () {
        return {};
      })
      .then(function (answer) {
        if (answer.ended) return ended();
        if (answer.endsAt && Date.parse(answer.endsAt) > endsAt) return renewed(answer.endsAt);
        warn();
      });
  }
  function warn() {
    if (Date.now() >= endsAt) return ended();
    dialog.querySelector('[data-sessie-tijd]').textContent = clock.format(endsAt);
    show('bijna');
    timer = setTimeout(check, Math.max(0, endsAt - Date.now()));
  }
  function ended() {
    show('verlopen');
  }
  function renewed(newEnd) {
    endsAt = Date.parse(newEnd);
    document.body.dataset.sessionEnds = newEnd;
    dialog.querySelector('[data-sessie-melding]').textContent = '';
    if (dialog.open) dialog.close();
    schedule();
  }
  /** Asks the server to renew the session (it only can while it runs, or once signed in again elsewhere). */
  function renew(whenRefused) {
    fetch('/sessie/verlengen', {
      method: 'POST',
      headers: { Accept: 'application/json' },
      body: new URLSearchParams({ _csrf: dialog.dataset.csrf }),
      credentials: 'same-origin',
    })
      .then(function (response) {
        return response.ok ? response.json() : Promise.reject(response.status);
      })
      .then(function (answer) {
        renewed(answer.endsAt);
      })
      .catch(whenRefused);
  }

  dialog.querySelector('[data-sessie-knop="verlengen"]').addEventListener('click', function () {
    renew(ended);
  });
  dialog.querySelector('[data-sessie-knop="verder"]').addEventListener('click', function () {
    renew(function () {
      dialog.querySelector('[data-sessie-melding]').textContent =
        'U bent nog niet opnieuw aangemeld. Meld u aan in het andere tabblad en kies dan Verder.';
    });
  });
  schedule();
})();
