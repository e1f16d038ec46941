// The language switcher opens the same page in the other language: the build gives each page
// its own links. Material would replace them by a guess from the other site's sitemap (empty
// without site_url: the user lands on the home page), so the click stops here; the part after
// "#" (such as a self-assessment's answers) goes along.
document.addEventListener(
  "click",
  (event) => {
    const link = event.target.closest && event.target.closest("a.md-select__link[hreflang]");
    if (!link) return;
    event.stopPropagation();
    if (window.location.hash) link.href = link.href.split("#")[0] + window.location.hash;
  },
  true,
);
