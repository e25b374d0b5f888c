"""A small, careful XML writer for Moodle's question format, and Moodle's formula syntax.

Pure Python (no Django). Why not `xml.etree`: Moodle's own export wraps HTML texts in CDATA, which
ElementTree cannot write. Every string that reaches the file goes through `clean`, which drops
the characters XML 1.0 forbids (NUL and the other C0 controls but tab and line breaks, lone
surrogates, U+FFFE/U+FFFF): the file parses whatever a teacher typed. Text is escaped; CDATA
sections are split around `]]>` so that no content can close them.

`evaluate_formula` reads the formulas this module writes (`{wildcard}`, numbers, `+ - * /`,
parentheses, `round(x, n)`), with exact decimals: the tests substitute every dataset item into
the exported formulas with it, and the export checks its own formulas before writing them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Context, Decimal
from xml.sax.saxutils import escape, quoteattr

from calculators.kpis import BinOp, Const, Expr, Var

_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    """`text` without the characters an XML 1.0 document may not contain."""
    return _FORBIDDEN.sub("", text)


@dataclass(frozen=True)
class CData:
    """Text written as a CDATA section (Moodle's HTML fields)."""

    text: str


@dataclass(frozen=True)
class Element:
    tag: str
    children: tuple[Element | CData | str, ...] = ()
    attributes: tuple[tuple[str, str], ...] = ()

    def write(self, out: list[str], depth: int = 0) -> None:
        indent = "  " * depth
        attributes = "".join(
            f" {name}={quoteattr(clean(value))}" for name, value in self.attributes
        )
        if not self.children:
            out.append(f"{indent}<{self.tag}{attributes}/>\n")
            return
        if all(not isinstance(child, Element) for child in self.children):
            inline = "".join(_inline(child) for child in self.children)  # type: ignore[arg-type]
            out.append(f"{indent}<{self.tag}{attributes}>{inline}</{self.tag}>\n")
            return
        out.append(f"{indent}<{self.tag}{attributes}>\n")
        for child in self.children:
            if isinstance(child, Element):
                child.write(out, depth + 1)
            else:
                out.append(f"{indent}  {_inline(child)}\n")
        out.append(f"{indent}</{self.tag}>\n")


def _inline(child: CData | str) -> str:
    if isinstance(child, CData):
        return "<![CDATA[" + clean(child.text).replace("]]>", "]]]]><![CDATA[>") + "]]>"
    return escape(clean(child))


def element(tag: str, *children: Element | CData | str | None, **attributes: str) -> Element:
    """`element("answer", …, fraction="100")`; None children are left out."""
    kept = tuple(child for child in children if child is not None)
    return Element(tag, kept, tuple(attributes.items()))


def text_element(tag: str, text: str, *, html: bool = False) -> Element:
    """`<tag><text>…</text></tag>`, or `<tag format="html"><text><![CDATA[…]]></text></tag>`."""
    if html:
        return element(tag, element("text", CData(text)), format="html")
    return element(tag, element("text", text))


def document(root: Element) -> str:
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n']
    root.write(out)
    return "".join(out)


# --------------------------------------------------------------------------------------------------
# Moodle's formula syntax
# --------------------------------------------------------------------------------------------------

_OPERATORS = {"÷": "/", "×": "*", "−": "-", "+": "+"}


def moodle_formula(expression: Expr) -> str:
    """`{clicks} / {opened} * 100`: the catalogue's formula on wildcards, in Moodle's syntax.

    The parentheses follow the catalogue's own writer (`BinOp.write`): a lower precedence on
    either side, and an equal one on the right of − and ÷."""
    if isinstance(expression, Var):
        return wildcard(expression.name)
    if isinstance(expression, Const):
        return str(expression.value)
    if not isinstance(expression, BinOp):
        raise TypeError(f"not a formula of the catalogue: {expression!r}")
    left, right = moodle_formula(expression.left), moodle_formula(expression.right)
    if expression.left.precedence < expression.precedence:
        left = f"({left})"
    if expression.right.precedence < expression.precedence or (
        expression.right.precedence == expression.precedence and expression.op in "−÷"
    ):
        right = f"({right})"
    return f"{left} {_OPERATORS[expression.op]} {right}"


def wildcard(name: str) -> str:
    return "{" + name + "}"


_TOKEN = re.compile(r"\s*(?:(\d+(?:\.\d+)?)|\{([A-Za-z_]\w*)\}|(round)|([-+*/(),]))")
_EXACT = Context(prec=34)


class FormulaError(ValueError):
    pass


def evaluate_formula(formula: str, values: Mapping[str, Decimal]) -> Decimal:
    """The value of a Moodle formula written by `moodle_formula`, on one dataset item.

    A recursive-descent reader of a tiny grammar (nothing is `eval`ed):
    sum := product (('+'|'-') product)* ; product := unary (('*'|'/') unary)* ;
    unary := '-' unary | atom ; atom := number | {name} | '(' sum ')' | round '(' sum [',' sum] ')'.
    """
    tokens: list[tuple[str, str]] = []
    position = 0
    stripped = formula.rstrip()
    while position < len(stripped):
        match = _TOKEN.match(stripped, position)
        if match is None:
            raise FormulaError(f"unexpected text at {position}: {formula[position:][:20]!r}")
        number, name, function, symbol = match.groups()
        if number:
            tokens.append(("number", number))
        elif name:
            tokens.append(("name", name))
        elif function:
            tokens.append(("round", function))
        else:
            tokens.append(("symbol", symbol))
        position = match.end()
    reader = _Reader(tokens, values)
    value = reader.sum()
    if reader.index != len(tokens):
        raise FormulaError("trailing tokens")
    return value


class _Reader:
    def __init__(self, tokens: list[tuple[str, str]], values: Mapping[str, Decimal]) -> None:
        self.tokens, self.values, self.index = tokens, values, 0

    def _peek(self) -> tuple[str, str] | None:
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def _take(self, symbol: str) -> bool:
        if self._peek() == ("symbol", symbol):
            self.index += 1
            return True
        return False

    def _expect(self, symbol: str) -> None:
        if not self._take(symbol):
            raise FormulaError(f"expected {symbol!r}")

    def sum(self) -> Decimal:
        value = self.product()
        while True:
            if self._take("+"):
                value = _EXACT.add(value, self.product())
            elif self._take("-"):
                value = _EXACT.subtract(value, self.product())
            else:
                return value

    def product(self) -> Decimal:
        value = self.unary()
        while True:
            if self._take("*"):
                value = _EXACT.multiply(value, self.unary())
            elif self._take("/"):
                divisor = self.unary()
                if divisor == 0:
                    raise FormulaError("division by zero")
                value = _EXACT.divide(value, divisor)
            else:
                return value

    def unary(self) -> Decimal:
        if self._take("-"):
            return -self.unary()
        return self.atom()

    def atom(self) -> Decimal:
        token = self._peek()
        if token is None:
            raise FormulaError("unexpected end")
        kind, text = token
        self.index += 1
        if kind == "number":
            return Decimal(text)
        if kind == "name":
            if text not in self.values:
                raise FormulaError(f"no value for {{{text}}}")
            return Decimal(self.values[text])
        if kind == "round":
            self._expect("(")
            value = self.sum()
            places = self.sum() if self._take(",") else Decimal(0)
            self._expect(")")
            # PHP's round(): halves away from zero, like the corrigés.
            return value.quantize(Decimal(1).scaleb(-int(places)), rounding=ROUND_HALF_UP)
        if text == "(":
            value = self.sum()
            self._expect(")")
            return value
        raise FormulaError(f"unexpected {text!r}")
