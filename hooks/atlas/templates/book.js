// Assembles the book from the built site, inside the shell book.html.j2 (atlas/export/book.py).
// Order: the nav of the home page; an index page (Techniques, Routines, Body regions…) is followed
// by the pages of its own folder that it links to, in its order. Each page's article is copied in
// with its ids prefixed, so "Steps" on thirty pages stay thirty targets, and links between pages
// become links inside the PDF. Resolves window.atlasBookReady with [{id, title, level}].
(() => {
  "use strict";
  const config = window.atlasBookConfig;
  const words = document.querySelector("article.book").dataset; // the shell's words, in the book's language
  const origin = location.origin;
  const parser = new DOMParser();

  async function load(path) {
    const response = await fetch(new URL(path, `${origin}/`));
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    return parser.parseFromString(await response.text(), "text/html");
  }

  // "techniques/calves-foam-roller/" → "p-techniques-calves-foam-roller"; the home page → "p-home"
  function chapterId(path) {
    const slug = path
      .replace(/^\/+|\/+$/g, "")
      .replace(/index\.html$/, "")
      .replace(/[^A-Za-z0-9]+/g, "-");
    return `p-${slug.replace(/-+$/, "") || "home"}`;
  }

  function sitePath(url) {
    // an URL of this site → "techniques/x/" (directory URLs), or null
    const u = new URL(url, `${origin}/`);
    if (u.origin !== origin) return null;
    return u.pathname.replace(/^\//, "").replace(/index\.html$/, "");
  }

  function skipped(path) {
    return config.skip.some((prefix) => path === prefix || path.startsWith(prefix));
  }

  // The primary nav as a tree: {title, path|null, children}
  function navTree(list, base) {
    const nodes = [];
    for (const li of list.querySelectorAll(":scope > li")) {
      const nested = li.querySelector(":scope > nav.md-nav:not(.md-nav--secondary)");
      // the current page's item has a label (for its table of contents) before its link
      const link = li.querySelector(":scope > a.md-nav__link") || li.querySelector(":scope > .md-nav__link");
      const title = (link ? link.textContent : li.textContent).replace(/\s+/g, " ").trim();
      if (nested) {
        nodes.push({ title, path: null, children: navTree(nested.querySelector(":scope > ul"), base) });
      } else if (link?.getAttribute("href")) {
        nodes.push({ title, path: sitePath(new URL(link.getAttribute("href"), base)), children: [] });
      }
    }
    return nodes;
  }

  async function assemble() {
    const home = await load(`/${config.home}`); // "" or "es/": the language's own home page and nav
    const homeUrl = `${origin}/${config.home}`;
    const canonical = home.querySelector("link[rel=canonical]");
    const published = canonical ? canonical.href : homeUrl; // the public site, for links the book leaves

    // The site's own stylesheets (Material's, then the site's with print.css), purged against every
    // page: a page's own are purged against its type of page only (hooks/atlas/bundles/).
    const loaded = [];
    for (const href of config.stylesheets) {
      const copy = document.createElement("link");
      copy.rel = "stylesheet";
      copy.href = new URL(href, `${origin}/`).href; // the bundles sit at the site's root in every language
      loaded.push(
        new Promise((resolve, reject) => {
          copy.onload = resolve;
          copy.onerror = () => reject(new Error(copy.href));
        }),
      );
      document.head.insertBefore(copy, document.head.querySelector("style"));
    }

    // Chapters: the nav, then each index page's own children.
    const tree = navTree(home.querySelector("nav.md-nav--primary > ul"), homeUrl);
    const chapters = []; // {id, title, level, path, doc}
    const seen = new Set();
    async function visit(node, level) {
      if (node.path === null) {
        chapters.push({
          id: `part-${node.title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`,
          title: node.title,
          level,
          part: true,
        });
        for (const child of node.children) await visit(child, level + 1);
        return;
      }
      if (seen.has(node.path) || skipped(node.path)) return;
      seen.add(node.path);
      const doc = await load(`/${node.path}`);
      const article = doc.querySelector("article.md-content__inner");
      const h1 = article?.querySelector("h1");
      const title =
        node.path === ""
          ? words.introduction // the home page's title is the book's own
          : h1
            ? h1.textContent.replace(/¶/g, "").replace(/\s+/g, " ").trim()
            : node.title;
      chapters.push({ id: chapterId(node.path), title, level, path: node.path, doc, article });
      const folder = node.path;
      if (!folder.endsWith("/") || folder === "") return;
      const children = [];
      for (const a of article.querySelectorAll("a[href]")) {
        const path = sitePath(new URL(a.getAttribute("href"), `${origin}/${node.path}`));
        if (
          path &&
          path !== folder &&
          path.startsWith(folder) &&
          path.split("/").length === folder.split("/").length + 1 &&
          !seen.has(path) &&
          !children.includes(path) &&
          !skipped(path)
        )
          children.push(path);
      }
      for (const path of children) await visit({ title: path, path, children: [] }, level + 1);
    }
    for (const node of tree) await visit(node, 1);
    const byPath = new Map(chapters.filter((c) => !c.part).map((c) => [c.path, c.id]));

    // Cover and contents.
    const meta = (name) => home.querySelector(`meta[name=${name}]`)?.content || "";
    document.querySelector("[data-book=description]").textContent = meta("description");
    const url = document.querySelector("[data-book=url]");
    url.href = published;
    url.textContent = published.replace(/^https?:\/\//, "").replace(/\/$/, "");
    document.querySelector("[data-book=date]").textContent = new Date(`${config.today}T12:00:00Z`).toLocaleDateString(
      config.lang === "en" ? "en-GB" : config.lang,
      { day: "numeric", month: "long", year: "numeric" },
    );
    const copyright = home.querySelector(".md-copyright__highlight") || home.querySelector(".md-copyright");
    document.querySelector("[data-book=copyright]").textContent = copyright ? copyright.textContent.trim() : "";
    const toc = document.querySelector("[data-book=toc]");
    for (const c of chapters) {
      const li = document.createElement("li");
      li.className = `book-toc__l${Math.min(c.level, 3)}`;
      li.innerHTML =
        '<a><span class="book-toc__title"></span><span class="book-toc__leader"></span>' +
        '<span class="book-toc__page" data-page-for="">000</span></a>';
      li.querySelector("a").href = `#${c.id}`;
      li.querySelector(".book-toc__title").textContent = c.title;
      li.querySelector(".book-toc__page").dataset.pageFor = c.id;
      toc.append(li);
    }

    // The pages.
    const body = document.querySelector("[data-book=body]");
    let part = null;
    for (const c of chapters) {
      if (c.part) {
        part = document.createElement("section");
        part.className = "book-part";
        part.id = c.id;
        part.innerHTML = '<p class="book-part__title"></p>';
        part.firstChild.textContent = c.title;
        body.append(part);
        continue;
      }
      const section = document.createElement("section");
      section.className = "book-page";
      section.id = c.id;
      section.append(...rewrite(c, byPath, published).childNodes);
      body.append(section);
    }
    await Promise.all(loaded);
    await document.fonts.ready;
    return chapters.map(({ id, title, level }) => ({ id, title, level }));
  }

  // One page's article, ready for the book: no buttons or screen-only parts, ids prefixed,
  // links to pages in the book pointing inside it and other links absolute.
  function rewrite(chapter, byPath, published) {
    const article = document.importNode(chapter.article, true);
    const screenOnly =
      ".md-content__button, .headerlink, .atlas-report, .atlas-download, .atlas-share, " +
      ".atlas-timer, script, template, form, button, [hidden], .md-source-file, .md-feedback";
    for (const el of article.querySelectorAll(screenOnly)) el.remove();
    const prefix = `${chapter.id}--`;
    const pageUrl = `${origin}/${chapter.path}`;
    article.querySelectorAll("[id]").forEach((el) => {
      el.id = prefix + el.id;
    });
    for (const el of article.querySelectorAll("*")) {
      for (const attr of [...el.attributes]) {
        if (/^(fill|stroke|clip-path|mask|filter|marker-\w+|style)$/.test(attr.name) && attr.value.includes("url(#")) {
          el.setAttribute(attr.name, attr.value.replace(/url\(#/g, `url(#${prefix}`));
        }
      }
    }
    article.querySelectorAll("use").forEach((el) => {
      for (const name of ["href", "xlink:href"]) {
        const value = el.getAttribute(name);
        if (value?.startsWith("#")) el.setAttribute(name, `#${prefix}${value.slice(1)}`);
      }
    });
    article.querySelectorAll("[src]").forEach((el) => {
      el.src = new URL(el.getAttribute("src"), pageUrl).href;
    });
    article.querySelectorAll("a[href]").forEach((a) => {
      const raw = a.getAttribute("href");
      if (raw.startsWith("#")) {
        a.setAttribute("href", `#${prefix}${decodeURIComponent(raw.slice(1))}`);
        return;
      }
      const target = new URL(raw, pageUrl);
      if (target.origin !== origin) return; // DOIs and other sites stay as they are
      const path = sitePath(target);
      const id = byPath.get(path);
      if (id) {
        const anchor = target.hash ? `${id}--${decodeURIComponent(target.hash.slice(1))}` : id;
        a.setAttribute("href", `#${anchor}`);
      } else {
        a.setAttribute("href", new URL(target.pathname.replace(/^\//, "") + target.hash, published).href);
      }
    });
    return article;
  }

  window.atlasSetPageNumbers = (numbers) => {
    document.querySelectorAll("[data-page-for]").forEach((el) => {
      el.textContent = String(numbers[el.dataset.pageFor]);
    });
  };
  window.atlasBookReady = assemble().catch((error) => ({ error: String(error?.stack || error) }));
})();
