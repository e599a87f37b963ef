"""In the client's pocket (issue 15): the routine sheet that stands alone, prints on one page with its QR
code, keeps a log without an account; the hold timer at the gym; glossary help on a phone; controls a
thumb can hit; a share link that says when it was cut short.

Every check runs the built site in headless Chromium, in a fresh browser profile per client.
"""

from __future__ import annotations

import io
import re
from urllib.parse import urlsplit

import pytest
from atlas.pictures import words
from atlas.routine_link import LIMITS, first_sentences, fragment, routine_fragment
from atlas.safety import safety
from atlas.templating import duration
from atlas.text import plain_text
from atlas.urls import canonical_url
from conftest import ROOT

SITE_URL = re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M).group(1)
SHEET = canonical_url(SITE_URL, "routines/sheet.md")
# A phone: its screen has three pixels to the CSS pixel, enough to read a QR code from a screenshot.
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 3}
STEPS = [("calves-foam-roller", 30, 2), ("glutes-foam-roller", 45, 1), ("upper-back-foam-roller", 60, 1)]
DARK_TEAL = "rgb(0, 77, 64)"  # --md-primary-fg-color--dark (docs/assets/atlas.css)


@pytest.fixture
def client(browser, base_url):
    """A phone that has never seen the site; fails the test on any script error."""
    context = browser.new_context(base_url=base_url, **PHONE)
    errors: list[str] = []
    context.on("weberror", lambda e: errors.append(str(e.error)))
    yield context
    context.close()
    assert errors == [], errors


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def _decode_qr(png: bytes) -> list[str]:
    import zxingcpp
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("L")
    return [code.text for code in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)]


# ---- The sheet stands alone -------------------------------------------------------------------------


def test_each_step_of_the_sheet_shows_picture_setup_dose_stay_off_and_when_to_stop(client, atlas):
    page = client.new_page()
    page.goto("/routines/sheet/#" + fragment("Anna", STEPS, "Go easy on the left calf."))
    steps = page.locator(".atlas-sheet__steps > li")
    assert steps.count() == len(STEPS)
    box = page.locator('[data-sheet="safety"]')
    shared = page.locator('[data-sheet="stop"]').inner_text()
    for i, (tid, seconds, sets) in enumerate(STEPS):
        t, step = atlas.techniques[tid], steps.nth(i)
        shown = safety(atlas, t)
        figure = step.locator("img.atlas-step__figure")
        assert figure.get_attribute("alt") == words(atlas, t)[0]
        assert figure.evaluate("img => img.complete && img.naturalWidth > 0"), f"{tid}: its picture did not load"
        link = step.locator('[data-step="link"]')
        assert link.inner_text() == t.title
        assert urlsplit(link.evaluate("a => a.href")).path == f"/techniques/{tid}/"
        assert step.locator('[data-step="dose"]').inner_text().startswith(f"{duration(seconds)} × {sets}")
        assert step.locator('[data-step="setup"]').inner_text() == first_sentences(plain_text(t.setup), 220)
        assert step.locator('[data-step="stay-off"]').inner_text() == "; ".join(shown.stay_off)
        own = (
            step.locator('[data-step="stop"]').inner_text()
            if step.locator('[data-step="stop-line"]').is_visible()
            else ""
        )
        for reason in t.stop_if:  # every reason to stop is on the sheet: shared in the box, or the step's own
            assert plain_text(reason) in shared or plain_text(reason) in own, (tid, reason)
        for caution in shown.do_not + shown.ask_first:  # and every caution, once, marked when the panel's
            mark = " ★" if caution.source == "consensus" else ""
            assert plain_text(caution.short) + mark in box.inner_text(), (tid, caution.id)
    assert page.locator(".atlas-sheet__note").inner_text() == "Go easy on the left calf."
    assert "★ Agreed by an expert panel" in page.locator(".atlas-sheet__sources").inner_text()


def test_a_step_starts_the_timer_with_its_dose_and_the_trainer_link_is_small(client):
    page = client.new_page()
    page.goto("/routines/sheet/#" + fragment(None, STEPS))
    page.get_by_role("button", name="Start the timer for step 2").click()
    timer = page.locator("[data-atlas-timer]")
    assert timer.locator("[data-timer-title]").inner_text() == "Step 2: Glutes on a foam roller (figure-4)"
    assert timer.get_attribute("data-running") is not None
    page.get_by_role("button", name="Pause").click()
    # The builder's edit link is for the trainer: a small link at the end, not the sheet's main action.
    edit = page.get_by_role("link", name="Trainer? Change this routine")
    assert "md-button" not in (edit.get_attribute("class") or "")
    assert urlsplit(edit.evaluate("a => a.href")).fragment == fragment(None, STEPS)


def test_the_sheet_opens_the_last_routine_again_without_its_link(client):
    page = client.new_page()
    page.goto("/routines/sheet/#" + fragment("Anna", STEPS))
    page.goto("/routines/")
    page.goto("/routines/sheet/")  # as the home-screen icon opens it
    assert page.locator(".atlas-sheet__steps > li").count() == len(STEPS)
    assert page.locator("h1").first.inner_text().startswith("Anna")


# ---- On paper ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_every_ready_made_routine_prints_on_one_page_with_a_qr_code_that_opens_it(browser, base_url, atlas, paper):
    from pypdf import PdfReader

    context = browser.new_context(base_url=base_url, device_scale_factor=3)  # a trainer's computer
    page = context.new_page()
    for routine in atlas.routines.values():
        link = f"{SHEET}#{routine_fragment(routine)}"
        page.goto("/routines/sheet/#" + routine_fragment(routine))
        pdf = page.pdf(format=paper)
        assert _pages(pdf) == 1, f"{routine.id}: the sheet takes {_pages(pdf)} pages of {paper}"
        text = re.sub(r"\s+", " ", PdfReader(io.BytesIO(pdf)).pages[0].extract_text())
        assert "Open this routine on your phone" in text and "Before you start" in text
        for step in routine.steps:
            assert atlas.techniques[step.technique].title in text, (routine.id, step.technique)
        page.emulate_media(media="print")
        assert _decode_qr(page.locator(".atlas-sheet__qr svg").screenshot()) == [link]
        page.emulate_media(media=None)  # back to the default, in which page.pdf() prints
    context.close()


def test_the_longest_routine_prints_with_its_link_on_page_one_and_says_what_it_left_out(page, atlas):
    from pypdf import PdfReader

    ids = sorted(atlas.techniques)[: LIMITS["steps"]]
    note = ("Roll slowly and breathe out as you go. " * 20)[: LIMITS["note"]]
    page.goto("/routines/sheet/#" + fragment("Every step the builder allows", [(t, 600, 10) for t in ids], note))
    assert page.locator(".atlas-sheet__steps > li").count() == LIMITS["steps"]
    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    first = re.sub(r"\s+", " ", reader.pages[0].extract_text())
    assert len(reader.pages) <= 3
    assert "Open this routine on your phone" in first and "leaves out how to set up each step" in first


# ---- A log without an account -------------------------------------------------------------------------


def test_a_ticked_session_stays_on_the_phone_and_the_progress_link_shows_it_to_the_trainer(client, browser, base_url):
    page = client.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto("/routines/sheet/#" + fragment("Anna", STEPS))
    page.get_by_role("button", name="I did this routine today").click()
    assert page.locator('[data-log="summary"]').inner_text().startswith("Ticked for today. 1 session ticked")
    assert page.locator(".atlas-log__day--done").count() == 1
    page.reload()
    assert page.locator(".atlas-log__day--done").count() == 1, "the tick is kept on this device"
    page.get_by_role("button", name="Send my progress to my trainer").click()
    link = page.get_by_label("Link for your trainer").input_value()
    assert link.startswith(canonical_url(SITE_URL, "routines/progress.md") + "#")
    assert _decode_qr(page.locator(".atlas-log__qr svg").screenshot()) == [link]
    assert all("Anna" not in url and urlsplit(url).hostname == "127.0.0.1" for url in requests), "nothing is sent"

    trainer = browser.new_context(base_url=base_url)
    view = trainer.new_page()
    view.goto("/routines/progress/#" + urlsplit(link).fragment)
    assert view.locator('[data-progress="title"]').inner_text() == "Anna"
    assert view.locator(".atlas-log__day--done").count() == 1
    assert view.locator('[data-progress="summary"]').inner_text().startswith("1 session ticked")
    assert view.locator("[data-routine-notices]").is_hidden()
    trainer.close()

    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Clear my record").click()
    assert page.locator(".atlas-log__day--done").count() == 0


@pytest.mark.parametrize(
    "dates, notice",
    [
        ("2026-13-45,not-a-date,<script>,2026-02-30", "4 of the dates in this link could not be read"),
        ("", "holds no dates"),
        ("2999-01-01", "could not be read"),
    ],
)
def test_a_progress_link_with_garbage_dates_gives_a_notice(client, dates, notice):
    page = client.new_page()
    page.goto("/routines/progress/#" + fragment("Anna", STEPS[:1]) + "&d=" + dates)
    assert notice in page.locator("[data-routine-notices]").inner_text()
    assert page.locator(".atlas-log__day--done").count() == 0
    assert page.locator("script:not([src]):not([type])").count() == 0


# ---- Share links --------------------------------------------------------------------------------------


def test_a_link_cut_short_says_steps_were_lost(client):
    whole = fragment("Anna", STEPS)
    page = client.new_page()
    page.goto("/routines/sheet/#" + whole[: whole.index("_glutes")])  # cut where a chat app might
    assert page.locator(".atlas-sheet__steps > li").count() == 1
    assert "cut short: 2 steps were lost" in page.locator("[data-routine-notices]").inner_text()


def test_invisible_and_direction_characters_are_stripped_from_titles_and_notes(client):
    sneaky = "Anna\u202e\u200bwarm\u2066-up\u2069\ufeff"
    page = client.new_page()
    page.goto("/routines/sheet/#" + fragment(sneaky, STEPS[:1], sneaky))
    assert page.locator("h1").first.inner_text().startswith("Annawarm-up")
    assert page.locator(".atlas-sheet__note").inner_text() == "Annawarm-up"
    assert page.title().startswith("Annawarm-up")


# ---- The timer at the gym -----------------------------------------------------------------------------

# A stand-in for the Screen Wake Lock API that records what the page asks of it.
WAKE_LOCK_STUB = """
window.__wake = [];
Object.defineProperty(navigator, "wakeLock", { configurable: true, value: {
  request(type) {
    window.__wake.push("request " + type);
    const listeners = [];
    return Promise.resolve({
      addEventListener(name, fn) { if (name === "release") listeners.push(fn); },
      release() { window.__wake.push("release"); listeners.forEach((fn) => fn()); return Promise.resolve(); },
    });
  },
}});
"""


def _set_visibility(page, state: str) -> None:
    page.evaluate(
        "s => { Object.defineProperty(document, 'visibilityState', {configurable: true, get: () => s});"
        " document.dispatchEvent(new Event('visibilitychange')); }",
        state,
    )


def test_the_timer_keeps_the_screen_awake_only_while_it_runs_and_the_page_is_seen(client):
    client.add_init_script(WAKE_LOCK_STUB)
    page = client.new_page()
    page.goto("/techniques/calves-foam-roller/")
    wake = lambda: page.evaluate("window.__wake.slice()")  # noqa: E731
    page.get_by_role("button", name="Start", exact=True).click()
    page.wait_for_timeout(50)
    assert wake() == ["request screen"]
    page.get_by_role("button", name="Pause").click()
    assert wake() == ["request screen", "release"]
    page.get_by_role("button", name="Resume").click()
    page.wait_for_timeout(50)
    _set_visibility(page, "hidden")
    assert wake()[-2:] == ["request screen", "release"], "hidden: the lock is let go"
    _set_visibility(page, "visible")
    page.wait_for_timeout(50)
    assert wake()[-1] == "request screen", "seen again while running: taken again"
    page.get_by_role("button", name="Reset").click()
    assert wake()[-1] == "release"


def test_spoken_cues_only_when_asked_and_the_running_timer_stays_in_view(client):
    client.add_init_script(
        "window.__said = []; speechSynthesis.cancel = () => {};"
        "speechSynthesis.speak = (words) => window.__said.push(words.text);"
    )
    page = client.new_page()
    page.clock.install()
    page.goto("/techniques/calves-foam-roller/")  # 1 min × 2 on each side, 15 s rest
    start = page.get_by_role("button", name="Start", exact=True)
    start.click()
    page.clock.run_for(12_000)
    assert page.evaluate("window.__said") == [], "silent unless asked"
    page.get_by_role("button", name="Reset").click()
    page.get_by_label("Say each phase out loud").check()
    start.click()
    page.clock.run_for(10_000 + 60_000 + 1_000)
    assert page.evaluate("window.__said") == ["Get ready", "Set 1 of 2, first side", "Rest"]
    page.mouse.wheel(0, -5000)  # scrolled back to the top while it runs: still on screen
    box = page.locator("[data-atlas-timer]").bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= 844, box


# ---- Glossary help --------------------------------------------------------------------------------------


def test_glossary_definitions_open_on_tap_focus_and_hover_and_close_with_escape(client, browser, base_url):
    page = client.new_page()
    page.goto("/learn/fascia/")
    term = page.locator(".atlas-term").first
    tip = term.locator(".atlas-term__tip")
    assert tip.is_hidden()
    term.locator(".atlas-term__word").tap()
    assert tip.is_visible()
    box = tip.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390, "the definition fits the phone's screen"
    page.keyboard.press("Escape")
    assert tip.is_hidden()
    page.evaluate("document.activeElement.blur()")
    term.locator(".atlas-term__word").focus()  # as the Tab key reaches it
    assert tip.is_visible(), "keyboard focus shows it"
    page.keyboard.press("Escape")
    assert tip.is_hidden()
    desk = browser.new_page(base_url=base_url)
    desk.goto("/learn/fascia/")
    desk.locator(".atlas-term__word").first.hover()
    assert desk.locator(".atlas-term__tip").first.is_visible(), "pointing at it shows it"
    desk.close()


@pytest.mark.parametrize("path", ["/", "/learn/fascia/", "/techniques/calves-foam-roller/", "/glossary/"])
def test_only_the_first_use_of_a_term_is_marked_and_never_in_a_heading(page, path):
    page.goto(path)
    ids = page.locator(".atlas-term__tip").evaluate_all("tips => tips.map(t => t.id)")
    assert len(ids) == len(set(ids)), ids
    assert page.locator(":is(h1, h2, h3, h4, title, a, button, .footnote) .atlas-term").count() == 0


# A technique's handout prints its own plain copy of the safety box, so its marked words are not on paper.
@pytest.mark.parametrize(
    "path", ["/learn/how-smr-works/", "/learn/fascia/", "/routines/sheet/#v=1&s=calves-foam-roller"]
)
def test_glossary_words_stay_in_the_text_on_paper(page, path):
    from pypdf import PdfReader

    page.goto(path)
    page.emulate_media(media="print")  # the words the handout shows (it leaves some sections out)
    words = page.locator(".atlas-term__word").evaluate_all(
        "els => els.filter((e) => e.checkVisibility({ contentVisibilityAuto: true })).map((e) => e.textContent)"
    )
    page.emulate_media(media=None)
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(page.pdf(format="A4"))).pages)
    text = re.sub(r"\s+", " ", text)
    assert words and all(word in text for word in words), [w for w in words if w not in text]


# ---- Small things a phone user notices ----------------------------------------------------------------

CONTROLS = (
    ":is(.atlas-builder, .atlas-sheet, .atlas-timer, .atlas-log) "
    ":is(button, select, textarea, input:not([type=checkbox]), label:has(> input[type=checkbox]), a.md-button)"
)


def _small_controls(page) -> list[str]:
    return page.locator(CONTROLS).evaluate_all(
        """els => els.filter((e) => e.getClientRects().length)
          .map((e) => [e.outerHTML.slice(0, 80), e.getBoundingClientRect()])
          .filter(([, r]) => r.width < 44 || r.height < 44)
          .map(([html, r]) => `${html} ${Math.round(r.width)}×${Math.round(r.height)}`)"""
    )


def test_every_control_on_builder_sheet_and_timer_is_44_px_on_a_phone(client):
    page = client.new_page()
    page.goto("/routines/builder/#" + fragment("Anna", STEPS, "note"))
    assert page.locator(".atlas-builder__step").count() == len(STEPS)
    assert _small_controls(page) == []
    page.goto("/routines/sheet/#" + fragment("Anna", STEPS))
    page.get_by_role("button", name="I did this routine today").click()
    page.get_by_role("button", name="Send my progress to my trainer").click()
    page.get_by_role("button", name="Start the timer for step 1").click()
    assert _small_controls(page) == []
    page.goto("/techniques/calves-foam-roller/")
    assert page.locator(".atlas-timer").is_visible()
    assert _small_controls(page) == []


def test_add_shows_its_result_beside_the_button_and_pressed_buttons_stay_teal(client):
    page = client.new_page()
    page.goto("/routines/builder/")
    add = page.get_by_role("button", name="Add Calves on a foam roller", exact=True)
    beside = page.locator('[data-result="calves-foam-roller"] [data-added]')
    assert beside.inner_text() == ""
    add.click()
    assert beside.inner_text() == "✓ Step 1"
    add.click()
    assert beside.inner_text() == "✓ Steps 1, 2"
    add.hover()
    page.mouse.down()
    page.wait_for_timeout(300)  # Material eases the colour in
    assert add.evaluate("b => getComputedStyle(b).backgroundColor") == DARK_TEAL
    page.mouse.up()
    assert page.locator(".atlas-builder__qr svg").is_visible(), "and a QR code of the client's link"
