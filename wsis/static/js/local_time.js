// Moments in the reader's own time zone: <time datetime="ISO" data-local> is rewritten with the
// browser's zone and the page's language; a field named time_zone is filled with that zone, so
// that moments typed in a form are read in it.
document.addEventListener("DOMContentLoaded", () => {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  const language = document.documentElement.lang || undefined;
  // (dateStyle and timeStyle cannot be combined with timeZoneName.)
  const format = new Intl.DateTimeFormat(language, {
    year: "numeric", month: "long", day: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short",
  });
  for (const element of document.querySelectorAll("time[data-local]")) {
    const moment = new Date(element.getAttribute("datetime"));
    if (!Number.isNaN(moment.getTime())) element.textContent = format.format(moment);
  }
  for (const element of document.querySelectorAll("[data-local-zone]")) element.textContent = zone;
  // Moments already set are shown in the zone the form names (UTC); only a form with none yet
  // takes the reader's zone, so that nothing is silently shifted.
  for (const field of document.querySelectorAll('input[name="time_zone"]')) {
    const moments = field.form ? field.form.querySelectorAll('input[type="datetime-local"]') : [];
    if ([...moments].every((input) => !input.value)) field.value = zone;
  }
});
