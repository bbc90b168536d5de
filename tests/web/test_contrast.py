"""Every button of the page meets WCAG 2.1 AA contrast, computed from the colours in style.css: its text against
its background (4.5:1), and its outline (border, or its fill when it has one) against the card it sits on (3:1,
WCAG 1.4.11 for the parts of a control that say it is there)."""

from __future__ import annotations

import re
from importlib.resources import files

import pytest

CSS = (files("disputed.web") / "static" / "style.css").read_text(encoding="utf-8")
SURFACES = ("--card", "--bg")  # where buttons sit: cards and tables, the page itself


def _rules(css: str) -> list[tuple[str, dict[str, str]]]:
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    css = re.sub(r"@media[^{]*\{((?:[^{}]*\{[^}]*\})*)\s*\}", "", css)  # narrow-screen layout only
    out = []
    for selector, body in re.findall(r"([^{}]+)\{([^}]*)\}", css):
        declarations = dict((k.strip(), v.strip()) for k, v in (d.split(":", 1) for d in body.split(";") if ":" in d))
        for one in selector.split(","):
            out.append((one.strip(), declarations))
    return out


RULES = _rules(CSS)
VARIABLES = {k: v for selector, decls in RULES if selector == ":root" for k, v in decls.items() if k.startswith("--")}


def colour(value: str) -> tuple[float, float, float] | None:
    """The first colour in a declaration (a var(), #rgb or #rrggbb), or None when it names none."""
    value = re.sub(r"var\((--[\w-]+)\)", lambda m: VARIABLES[m.group(1)], value)
    match = re.search(r"#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b", value)
    if match is None:
        return None
    hexa = match.group(1)
    if len(hexa) == 3:
        hexa = "".join(ch * 2 for ch in hexa)
    return tuple(int(hexa[i : i + 2], 16) / 255 for i in (0, 2, 4))


def luminance(rgb) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _is_button(selector: str) -> bool:
    return bool(re.search(r"(^|[\s>])(button|\.button)\b|^button\.|\.button\.", selector)) and ":" not in selector


def buttons() -> dict[str, dict[str, str]]:
    """Each button style with what it inherits from the plain ``button`` rule."""
    base: dict[str, str] = {}
    for selector, decls in RULES:
        if selector in ("button", ".button"):
            base.update(decls)
    styles = {}
    for selector, decls in RULES:
        if _is_button(selector):
            styles.setdefault(selector, dict(base)).update(decls)
    return styles


TEMPLATES = files("disputed.web") / "templates"


def used_class_sets() -> set[frozenset[str]]:
    """The class lists buttons really carry in the templates ("primary approve"): rules combine on them."""
    found = set()
    for template in TEMPLATES.iterdir():
        text = template.read_text(encoding="utf-8")
        for tag, classes in re.findall(r"<(button|a)\b[^>]*?class=\"([^\"{]*)", text):
            names = frozenset(classes.split())
            if tag == "button" or "button" in names:
                found.add(names)
    return found


def cascaded(classes: frozenset[str]) -> dict[str, str]:
    """The declarations a button with ``classes`` gets from the plain rules whose classes it all has, in source
    order (the rules for buttons are equally specific but for the number of classes, which grows down the file)."""
    style: dict[str, str] = {}
    for selector, decls in RULES:
        match = re.fullmatch(r"(button|\.button)((?:\.[\w-]+)*)", selector)
        if match and set(match.group(2).split(".")[1:]) <= classes:
            style.update(decls)
    return style


def _fill(style: dict[str, str]):
    return colour(style.get("background-color", "")) or colour(style.get("background", ""))


def test_the_stylesheet_is_read():
    assert "--accent" in VARIABLES and "button.approve" in buttons() and "button.primary" in buttons()


IN_HEADER = ("header.top", ".lang-switch")  # on the header's colour, checked below


@pytest.mark.parametrize("selector", sorted(s for s in buttons() if not s.startswith(IN_HEADER)))
def test_every_button_meets_wcag_aa(selector):
    style = buttons()[selector]
    text = colour(style["color"])
    fill = _fill(style)
    if fill is None and style.get("background") in ("none", "transparent"):  # a link-like button: on the surface
        for surface in SURFACES:
            assert contrast(text, colour(f"var({surface})")) >= 4.5, f"{selector}: text against {surface}"
        return
    assert fill is not None and text is not None, style
    assert contrast(text, fill) >= 4.5, f"{selector}: text {contrast(text, fill):.2f}:1"
    if "border" in style and "none" not in style["border"]:
        outline = colour(style.get("border-color", "")) or colour(style["border"])
        if outline == fill:  # a filled button: its fill is what sets it apart from the card
            outline = fill
        for surface in SURFACES:
            ratio = contrast(outline, colour(f"var({surface})"))
            assert ratio >= 3.0, f"{selector}: outline {ratio:.2f}:1 against {surface}"


@pytest.mark.parametrize("classes", sorted(" ".join(sorted(c)) for c in used_class_sets() if c and not c & {"link"}))
def test_every_button_as_the_templates_combine_its_classes(classes):
    style = cascaded(frozenset(classes.split()))
    text, fill = colour(style["color"]), _fill(style)
    assert contrast(text, fill) >= 4.5, f"class=\"{classes}\": text {contrast(text, fill):.2f}:1"


def test_buttons_in_the_header_read_against_the_header():
    header = colour(next(d["background"] for s, d in RULES if s == "header.top"))
    for selector, decls in RULES:
        if selector.startswith("header.top") and "button" in selector and "color" in decls:
            assert contrast(colour(decls["color"]), header) >= 4.5, selector
