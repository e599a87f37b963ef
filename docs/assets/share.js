/* SMR Atlas: "Copy link" and the phone's own share sheet, for every [data-atlas-share] block.
 *
 * The link is read from the block's data-url when a button is pressed, so the routine builder and
 * the routine sheet can change it as the routine changes. The native share button appears only
 * where the browser has navigator.share (phones, some desktops). Without JavaScript the buttons
 * stay hidden and the page still shows the link as text (and a QR code on technique and routine pages).
 * Needs atlas-ui.js.
 */
(() => {
  "use strict";

  const { make, announce, t } = window.AtlasUI;

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    // Older browsers and plain-http pages: copy from a selected, invisible text area.
    return new Promise((resolve, reject) => {
      const area = make("textarea", { readonly: "" });
      area.value = text;
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.append(area);
      area.select();
      let copied;
      try {
        copied = document.execCommand("copy");
      } catch {
        copied = false; // some browsers throw rather than return false
      }
      area.remove();
      if (copied) resolve();
      else reject(new Error("copy refused"));
    });
  }

  function say(block, text) {
    const status = block.querySelector("[data-share-status]");
    if (status) announce(status, text);
  }

  function bind(block) {
    const actions = block.querySelector("[data-share-actions]");
    if (actions) actions.hidden = false;
    const copy = block.querySelector('[data-share="copy"]');
    const native = block.querySelector('[data-share="native"]');
    copy?.addEventListener("click", () => {
      const url = block.dataset.url;
      if (!url) return;
      copyText(url).then(
        () => say(block, t("Link copied. Paste it into a message to send it.")),
        () => say(block, t("This browser would not copy the link. Select it and copy it by hand: {url}", { url })),
      );
    });
    if (native && typeof navigator.share === "function") {
      native.hidden = false;
      native.addEventListener("click", () => {
        const url = block.dataset.url;
        if (!url) return;
        navigator.share({ title: block.dataset.title || document.title, url }).catch((error) => {
          if (error && error.name !== "AbortError") say(block, t("Sharing did not work here. Use Copy link instead."));
        });
      });
    }
  }

  document.querySelectorAll("[data-atlas-share]").forEach(bind);
})();
