"""THE KPI catalogue: every indicator of the chapter, defined once (see shared spec KPIS.md).

Pure Python (no Django). One definition serves the calculators (compute + worked solution), the
exercise generator (inputs, bounds, integrity rules), the grader (known mistakes) and the course pages
(formula display). Formulas are small expression trees so that the same object computes the value,
writes the formula in words and writes the substitution with the student's numbers.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Context, Decimal, DivisionByZero, InvalidOperation
from functools import cached_property

from calculators.numbers import (
    NBSP,
    format_given,
    format_quantity,
    plain_decimal,
    round_half_up,
)

PERCENT = "%"
EURO = "€"
RATIO = ""

MAX_COUNT = Decimal(10) ** 10  # ten billion: more than any campaign a class will meet
MAX_MONEY = Decimal(10) ** 9


# --------------------------------------------------------------------------------------------------
# Expressions
# --------------------------------------------------------------------------------------------------


class Expr:
    """A formula over named quantities; precedence decides where parentheses go when written."""

    precedence = 3

    def evaluate(self, values: Mapping[str, Decimal]) -> Decimal:
        raise NotImplementedError

    def write(self, term: Callable[[str], str]) -> str:
        raise NotImplementedError

    def names(self) -> frozenset[str]:
        raise NotImplementedError

    def denominators(self) -> frozenset[str]:
        """Names that appear alone as a divisor: each must not be zero."""
        return frozenset()

    def __truediv__(self, other: Expr | int) -> Expr:
        return BinOp("÷", self, _expr(other))

    def __mul__(self, other: Expr | int) -> Expr:
        return BinOp("×", self, _expr(other))

    def __sub__(self, other: Expr | int) -> Expr:
        return BinOp("−", self, _expr(other))

    def __add__(self, other: Expr | int) -> Expr:
        return BinOp("+", self, _expr(other))


@dataclass(frozen=True, eq=False)
class Var(Expr):
    name: str

    def evaluate(self, values: Mapping[str, Decimal]) -> Decimal:
        return values[self.name]

    def write(self, term: Callable[[str], str]) -> str:
        return term(self.name)

    def names(self) -> frozenset[str]:
        return frozenset({self.name})


@dataclass(frozen=True, eq=False)
class Const(Expr):
    value: int

    def evaluate(self, values: Mapping[str, Decimal]) -> Decimal:
        return Decimal(self.value)

    def write(self, term: Callable[[str], str]) -> str:
        return format_given(self.value)

    def names(self) -> frozenset[str]:
        return frozenset()


# Formulas compute in their own context (34 digits; a zero divisor or an undefined result raises),
# whatever the caller's: its methods take the context explicitly, without switching the thread's.
_EXACT = Context(prec=34, traps=[DivisionByZero, InvalidOperation])
_OPERATIONS: dict[str, tuple[int, Callable[[Decimal, Decimal], Decimal]]] = {
    "+": (1, _EXACT.add),
    "−": (1, _EXACT.subtract),
    "×": (2, _EXACT.multiply),
    "÷": (2, _EXACT.divide),
}


@dataclass(frozen=True, eq=False)
class BinOp(Expr):
    op: str
    left: Expr
    right: Expr
    _names: frozenset[str] = field(init=False, repr=False)  # set once in __post_init__

    # A read-only property over the base class's plain attribute: mypy reports any such override
    # of a writable attribute, though nothing assigns `precedence` on an expression.
    @property
    def precedence(self) -> int:  # type: ignore[override]
        return _OPERATIONS[self.op][0]

    def evaluate(self, values: Mapping[str, Decimal]) -> Decimal:
        return _OPERATIONS[self.op][1](self.left.evaluate(values), self.right.evaluate(values))

    def write(self, term: Callable[[str], str]) -> str:
        left = self.left.write(term)
        if self.left.precedence < self.precedence:
            left = f"({left})"
        right = self.right.write(term)
        # a − (b − c) and a ÷ (b × c) need parentheses on the right at equal precedence too.
        if self.right.precedence < self.precedence or (
            self.right.precedence == self.precedence and self.op in "−÷"
        ):
            right = f"({right})"
        # `× 100` never splits over two lines: a constant is glued to its operator.
        space = NBSP if isinstance(self.right, Const) else " "
        return f"{left} {self.op}{space}{right}"

    def __post_init__(self) -> None:
        # Asked on every grading (which mistakes the data allow): computed once per formula.
        object.__setattr__(self, "_names", self.left.names() | self.right.names())

    def names(self) -> frozenset[str]:
        return self._names

    def denominators(self) -> frozenset[str]:
        own = frozenset(self.right.names()) if self.op == "÷" else frozenset()
        return own | self.left.denominators() | self.right.denominators()


def _expr(value: Expr | int) -> Expr:
    return value if isinstance(value, Expr) else Const(value)


def evaluate(expression: Expr, values: Mapping[str, Decimal]) -> Decimal | None:
    """Exact value, or None when the data make it undefined (a zero divisor, a missing quantity)."""
    try:
        return expression.evaluate(values)
    except (KeyError, ZeroDivisionError, DivisionByZero, InvalidOperation):
        return None


# --------------------------------------------------------------------------------------------------
# Quantities (inputs)
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Quantity:
    """A quantity a KPI is computed from. Its name is stable (URLs, `<data data-name>`)."""

    name: str
    label: str  # form label: "E-mails ouverts"
    term: str  # in a formula written in words: "e-mails ouverts"
    article: str  # in a sentence: "le nombre d’e-mails ouverts"
    unit: str = ""
    integer: bool = True
    minimum: Decimal = Decimal(0)
    maximum: Decimal = MAX_COUNT
    help_text: str = ""


def _count(name: str, label: str, term: str, article: str, help_text: str = "") -> Quantity:
    return Quantity(name, label, term, article, help_text=help_text)


def _money(name: str, label: str, term: str, article: str, help_text: str = "") -> Quantity:
    return Quantity(
        name, label, term, article, unit=EURO, integer=False, maximum=MAX_MONEY, help_text=help_text
    )


GAIN_LABEL = "Gain généré (chiffre d’affaires ou marge, avant déduction du coût)"

QUANTITIES: dict[str, Quantity] = {
    q.name: q
    for q in (
        _count("sent", "E-mails envoyés", "e-mails envoyés", "le nombre d’e-mails envoyés"),
        _count(
            "delivered",
            "E-mails délivrés",
            "e-mails délivrés",
            "le nombre d’e-mails délivrés",
            "E-mails acceptés par le serveur du destinataire (envoyés moins les rejets) ; un e-mail "
            "délivré peut arriver dans les courriers indésirables.",
        ),
        _count(
            "bounces", "E-mails rejetés (bounces)", "e-mails rejetés", "le nombre d’e-mails rejetés"
        ),
        _count("opened", "E-mails ouverts", "e-mails ouverts", "le nombre d’e-mails ouverts"),
        _count("clicks", "Clics", "clics", "le nombre de clics"),
        _count("purchases", "Achats", "achats", "le nombre d’achats"),
        _count("unsubscribes", "Désabonnements", "désabonnements", "le nombre de désabonnements"),
        _count(
            "engagements",
            "Engagements (interactions)",
            "engagements",
            "le nombre d’engagements",
            "Total des interactions : j’aime, commentaires, partages, enregistrements…",
        ),
        _count("likes", "J’aime", "j’aime", "le nombre de j’aime"),
        _count("comments", "Commentaires", "commentaires", "le nombre de commentaires"),
        _count("shares", "Partages", "partages", "le nombre de partages"),
        _count("saves", "Enregistrements", "enregistrements", "le nombre d’enregistrements"),
        _count(
            "impressions",
            "Impressions",
            "impressions",
            "le nombre d’impressions",
            "Nombre d’affichages de la publication (une personne peut la voir plusieurs fois).",
        ),
        _count(
            "reach",
            "Portée (reach)",
            "portée",
            "la portée",
            "Nombre de personnes différentes qui ont vu la publication sur la période.",
        ),
        _count("followers", "Abonnés", "abonnés", "le nombre d’abonnés"),
        _count("participants", "Participants", "participants", "le nombre de participants"),
        _count("views", "Vues", "vues", "le nombre de vues"),
        _count("customers", "Clients acquis", "clients acquis", "le nombre de clients acquis"),
        _money("budget", "Budget dépensé", "budget", "le budget dépensé"),
        _money("cpm", "CPM", "CPM", "le CPM", "Coût pour mille impressions, en euros."),
        _money(
            "gain",
            GAIN_LABEL,
            "gain",
            "le gain généré",
            "Ce que l’action a rapporté avant déduction de son coût : le chiffre d’affaires des "
            "ventes obtenues ou la marge qu’elles dégagent (l’énoncé précise lequel retenir).",
        ),
        _money("cost", "Coût", "coût", "le coût"),
        _money("media_cost", "Achat d’espace publicitaire", "achat d’espace", "l’achat d’espace"),
        _money(
            "production_cost", "Frais de création", "frais de création", "les frais de création"
        ),
        _money(
            "revenue",
            "Chiffre d’affaires généré",
            "chiffre d’affaires",
            "le chiffre d’affaires généré",
        ),
        # The quantities of the KPIs added with issue 15 (frequency, cost per lead, break-even
        # ROAS, hard-bounce rate).
        _count(
            "hard_bounces",
            "Hard bounces (rejets définitifs)",
            "hard bounces",
            "le nombre de hard bounces",
            "E-mails rejetés définitivement : adresse inexistante, domaine invalide.",
        ),
        _count(
            "soft_bounces",
            "Soft bounces (rejets temporaires)",
            "soft bounces",
            "le nombre de soft bounces",
            "E-mails rejetés temporairement : boîte pleine, serveur indisponible, message trop "
            "lourd.",
        ),
        _count(
            "leads",
            "Leads (contacts obtenus)",
            "leads",
            "le nombre de leads",
            "Personnes qui ont laissé leurs coordonnées (formulaire, demande de devis, "
            "inscription) : des contacts intéressés, pas encore des clients.",
        ),
        _count(
            "facebook_impressions",
            "Impressions sur Facebook",
            "impressions sur Facebook",
            "le nombre d’impressions sur Facebook",
        ),
        # Generator version 2's step for the réactivité at difficulty 3: the clicks per link of
        # the e-mail (total clicks, so that they add up).
        _count(
            "offer_clicks",
            "Clics sur le lien de l’offre",
            "clics sur le lien de l’offre",
            "le nombre de clics sur le lien de l’offre",
        ),
        _count(
            "other_clicks",
            "Clics sur les autres liens",
            "clics sur les autres liens",
            "le nombre de clics sur les autres liens",
        ),
        _count(
            "instagram_impressions",
            "Impressions sur Instagram",
            "impressions sur Instagram",
            "le nombre d’impressions sur Instagram",
        ),
        _money(
            "margin",
            "Marge dégagée (avant le coût de la publicité)",
            "marge",
            "la marge dégagée",
            "Chiffre d’affaires moins le coût d’achat des produits vendus, avant déduction du "
            "coût de la publicité.",
        ),
        _money(
            "goods_cost",
            "Coût d’achat des produits vendus",
            "coût d’achat des produits vendus",
            "le coût d’achat des produits vendus",
        ),
    )
}


# --------------------------------------------------------------------------------------------------
# KPIs
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Family:
    slug: str
    name: str


EMAILING = Family("e-mailing", "E-mailing")
ENGAGEMENT = Family("engagement", "Engagement")
SOCIAL_ADS = Family("social-ads", "Social ads")
CONVERSION = Family("conversion", "Conversion et rentabilité")
FAMILIES = (EMAILING, ENGAGEMENT, SOCIAL_ADS, CONVERSION)


@dataclass(frozen=True)
class Rule:
    """Integrity between two inputs: `smaller` may not exceed `larger`."""

    smaller: str
    larger: str
    # A warning rule holds for generated data and usually for real data, but real statistics may
    # break it (a viral post's interactions above the followers): the calculator computes and warns.
    warning: str = ""

    def broken_by(self, values: Mapping[str, Decimal]) -> bool:
        return values[self.smaller] > values[self.larger]

    def message(self) -> str:
        small, large = QUANTITIES[self.smaller], QUANTITIES[self.larger]
        return (
            f"{_capitalise(small.article)} ne peut pas dépasser {large.article} "
            f"(champs « {small.label} » et « {large.label} »)."
        )


@dataclass(frozen=True)
class Mistake:
    """A known wrong reasoning: an alternative formula over the same data, and its diagnosis.

    `message` reads without the student's answer (a projector's summary, a live player's screen);
    `on_answer`, where given, writes the diagnosis on the student's own number (`message_for`).
    """

    code: str
    message: str
    formula: Expr
    on_answer: Callable[[Decimal], str] | None = None

    def value(self, values: Mapping[str, Decimal]) -> Decimal | None:
        return evaluate(self.formula, values)

    def message_for(self, answer: Decimal) -> str:
        """The diagnosis shown to the student who answered `answer`."""
        return self.on_answer(answer) if self.on_answer else self.message


@dataclass(frozen=True)
class Step:
    """One line of a worked solution."""

    kind: str  # "formula" | "substitution" | "result"
    text: str

    @property
    def label(self) -> str:
        return STEP_LABELS[self.kind]


STEP_LABELS = {
    "formula": "Formule",
    "substitution": "Avec vos données",
    "result": "Résultat arrondi",
    "preliminary": "Étape préalable",
}


@dataclass(frozen=True)
class Calculation:
    kpi: Kpi
    values: Mapping[str, Decimal]
    exact: Decimal
    value: Decimal  # rounded half-up to 2 decimals
    steps: tuple[Step, ...]
    interpretation: str | None

    @property
    def display(self) -> str:
        return format_quantity(self.value, self.kpi.unit)

    @property
    def value_plain(self) -> str:
        """`20.00`: the rounded result in plain decimal (the `data-value` contract)."""
        return plain_decimal(self.value)

    @property
    def sentence(self) -> str:
        """`Taux de réactivité = clics ÷ e-mails ouverts × 100 = 450 ÷ 860 × 100 = 52,33 %`."""
        return " = ".join([self.kpi.name] + [step.text for step in self.steps])


Interpretation = Callable[[Decimal, Mapping[str, Decimal]], str | None]


@dataclass(frozen=True)
class Kpi:
    slug: str
    name: str
    family: Family
    definition: str  # one line, for the catalogue pages
    formula: Expr
    unit: str
    rules: tuple[Rule, ...] = ()
    mistakes: tuple[Mistake, ...] = ()
    interpretation: Interpretation | None = None
    notes: tuple[str, ...] = ()  # what the course says about it (read on the calculator page)
    input_names: tuple[str, ...] = field(default=())

    # Derived once per KPI (the catalogue does not change): every keystroke in a calculator and
    # every graded answer reads them.
    @cached_property
    def inputs(self) -> tuple[Quantity, ...]:
        return tuple(QUANTITIES[name] for name in self.input_names)

    @cached_property
    def formula_in_words(self) -> str:
        return self.formula.write(lambda name: QUANTITIES[name].term)

    @cached_property
    def divisors(self) -> tuple[str, ...]:
        """Inputs that divide (each must not be zero), in name order."""
        return tuple(sorted(self.formula.denominators()))

    def substitution(self, values: Mapping[str, Decimal]) -> str:
        return self.formula.write(lambda name: format_given(values[name], QUANTITIES[name].unit))

    def validate(self, values: Mapping[str, Decimal]) -> dict[str, str]:
        """French messages per input name for values that would make the KPI meaningless."""
        errors: dict[str, str] = {}
        for quantity in self.inputs:
            value = values.get(quantity.name)
            if value is None:
                errors[quantity.name] = "Ce champ est obligatoire."
            elif quantity.integer and value != value.to_integral_value():
                errors[quantity.name] = f"{_capitalise(quantity.article)} est un nombre entier."
            elif value < quantity.minimum:
                errors[quantity.name] = "Ce nombre ne peut pas être négatif."
            elif value > quantity.maximum:
                errors[quantity.name] = "Ce nombre est trop grand pour un calcul réaliste."
        for name in self.divisors:
            if name not in errors and values.get(name) == 0:
                errors[name] = (
                    f"{_capitalise(QUANTITIES[name].article)} ne peut pas être nul : "
                    "on ne peut pas diviser par zéro."
                )
        for rule in self.rules:
            if rule.warning or rule.smaller in errors or rule.larger in errors:
                continue
            if rule.broken_by(values):
                errors[rule.smaller] = rule.message()
        return errors

    def compute(self, values: Mapping[str, Decimal]) -> Calculation:
        """The result and its working. Call `validate` first: invalid data raise ValueError."""
        if errors := self.validate(values):
            raise ValueError(errors)
        data = {name: Decimal(values[name]) for name in self.input_names}
        exact = evaluate(self.formula, data)
        if exact is None:  # pragma: no cover - validate() rules out every undefined case
            raise ValueError({"": "Calcul impossible avec ces valeurs."})
        value = round_half_up(exact)
        steps = (
            Step("formula", self.formula_in_words),
            Step("substitution", self.substitution(data)),
            Step("result", format_quantity(value, self.unit)),
        )
        note = self.interpretation(value, data) if self.interpretation else None
        warnings = [rule.warning for rule in self.rules if rule.warning and rule.broken_by(data)]
        if warnings:
            note = " ".join([*warnings, *([note] if note else [])])
        return Calculation(self, data, exact, value, steps, note)


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


# --------------------------------------------------------------------------------------------------
# The catalogue
# --------------------------------------------------------------------------------------------------

sent, delivered, opened, clicks = Var("sent"), Var("delivered"), Var("opened"), Var("clicks")
purchases, unsubscribes = Var("purchases"), Var("unsubscribes")
engagements, impressions, reach, followers = (
    Var("engagements"),
    Var("impressions"),
    Var("reach"),
    Var("followers"),
)
likes = Var("likes")
budget, cpm_var = Var("budget"), Var("cpm")
participants, views = Var("participants"), Var("views")
gain, cost, revenue, customers = Var("gain"), Var("cost"), Var("revenue"), Var("customers")


def _percent_of(part: Var, base: Var) -> Expr:
    return part / base * 100


def as_typed(value: Decimal, unit: str = "") -> str:
    """A student's number with the decimals they typed (up to 10): `0,002`, `0,3462`, `35 %`."""
    exponent = value.normalize().as_tuple().exponent
    decimals = max(0, min(10, -exponent)) if isinstance(exponent, int) else 0
    return format_quantity(value, unit, decimals)


def _forgot_x100(formula: Expr, kind: str = "une proportion", example: str = "0,35") -> Mistake:
    """The proportion (a ratio, for the ROI) given where the percentage is asked."""

    def on_answer(answer: Decimal) -> str:
        typed = as_typed(answer)
        return (
            f"{typed} est {kind}, pas un pourcentage : il fallait multiplier par 100 "
            f"({typed} × 100 = {format_quantity(answer * 100, PERCENT)})."
        )

    return Mistake(
        "forgot-x100",
        f"Vous avez donné {kind} (par exemple {example}) au lieu d’un pourcentage : "
        "il fallait multiplier par 100.",
        formula / 100,
        on_answer,
    )


def _thousand_forgotten(code: str, message: str, formula: Expr, operation: str) -> Mistake:
    """`forgot-x1000` / `forgot-div1000`: the CPM's thousand, shown on the student's amount."""

    def on_answer(answer: Decimal) -> str:
        fixed = answer * 1000 if operation == "×" else answer / 1000
        return (
            f"{message} ({as_typed(answer, EURO)} {operation} 1 000 = "
            f"{format_quantity(fixed, EURO)})."
        )

    return Mistake(code, f"{message}.", formula, on_answer)


def _inverted(part: Var, base: Var, factor: int | None = 100) -> Mistake:
    formula = base / part if factor is None else base / part * factor
    return Mistake(
        "inverted",
        f"Vous avez inversé la division : c’est {QUANTITIES[part.name].article} qu’on divise "
        f"par {QUANTITIES[base.name].article}, pas l’inverse.",
        formula,
    )


# Why the statement's base is the one to use (wrong base, right base): where other sources use the
# base the student chose, the message says it is the course's convention, not a mistake of theirs.
BASE_REASONS = {
    ("delivered", "sent"): "C’est la base du cours, que l’énoncé demande ; certains logiciels "
    "d’e-mailing calculent sur les e-mails délivrés : lisez toujours la base demandée par l’énoncé.",
    ("sent", "delivered"): "L’énoncé demande ici le taux sur les e-mails délivrés, comme le font "
    "certains logiciels ; le cours calcule d’habitude sur les envoyés : c’est l’énoncé qui fixe "
    "la base.",
    ("delivered", "opened"): "La réactivité mesure les clics de ceux qui ont ouvert l’e-mail.",
    ("reach", "impressions"): "Le CTR se calcule sur les impressions (les affichages de "
    "l’annonce), pas sur les personnes touchées.",
    ("followers", "views"): "Le taux de conversion d’un jeu-concours rapporte les participants "
    "aux vues de la publication du jeu, pas aux abonnés du compte.",
}


def _base(
    code: str, part: Var, wrong: Var, right: Var, factor: int = 100, why: str | None = None
) -> Mistake:
    reason = BASE_REASONS.get((wrong.name, right.name), "") if why is None else why
    return Mistake(
        code,
        f"Vous avez divisé par {QUANTITIES[wrong.name].article}. Ici, la base de calcul est "
        f"{QUANTITIES[right.name].article}." + (f" {reason}" if reason else ""),
        part / wrong * factor,
    )


def _rate(
    slug: str,
    name: str,
    family: Family,
    definition: str,
    part: Var,
    base: Var,
    *,
    rules: tuple[Rule, ...] = (),
    mistakes: tuple[Mistake, ...] = (),
    interpretation: Interpretation | None = None,
    notes: tuple[str, ...] = (),
) -> Kpi:
    """A percentage KPI: part ÷ base × 100, with the mistakes every rate invites."""
    formula = _percent_of(part, base)
    return Kpi(
        slug=slug,
        name=name,
        family=family,
        definition=definition,
        formula=formula,
        unit=PERCENT,
        rules=rules,
        mistakes=(_forgot_x100(formula), _inverted(part, base), *mistakes),
        interpretation=interpretation,
        notes=notes,
        input_names=(part.name, base.name),
    )


def _deliverability_note(value: Decimal, values: Mapping[str, Decimal]) -> str:
    if value >= 100:
        return "Tous les e-mails sont arrivés à destination."
    lost = values["sent"] - values["delivered"]
    not_arrived = (
        "1 e-mail n’est pas arrivé"
        if lost == 1
        else f"{format_given(lost)} e-mails ne sont pas arrivés"
    )
    return (
        f"Le taux n’atteint pas 100 % : {not_arrived}. Il faut vérifier les adresses de la "
        "liste : les rejets définitifs (hard bounces : adresse inexistante) sont à supprimer, "
        "les rejets temporaires (soft bounces : boîte pleine, serveur indisponible) à surveiller."
    )


MARGIN, REVENUE = "marge", "chiffre d’affaires"  # what a statement's gain is


def roi_note(value: Decimal, gain_kind: str | None = None) -> str:
    """The ROI read on the gain retained: a margin, a revenue, or unknown (a calculator)."""
    if gain_kind == MARGIN and value != 0:
        if value > 0:
            return "ROI positif : la marge dégagée dépasse le coût de l’action, qui est rentable."
        return "ROI négatif : la marge dégagée ne couvre pas le coût de l’action."
    if gain_kind == REVENUE and value > 0:
        return (
            "ROI positif, mais calculé sur le chiffre d’affaires : le coût des produits vendus "
            "n’est pas déduit. Vérifiez la marge avant de conclure à la rentabilité."
        )
    return _roi_note(value, {})


def _roi_note(value: Decimal, values: Mapping[str, Decimal]) -> str:
    # The gain may be a revenue: a positive ROI then says nothing yet of the profit (M2, M3).
    if value > 0:
        return (
            "ROI positif : le gain retenu dépasse le coût de l’action. S’il s’agit d’un chiffre "
            "d’affaires, vérifiez la marge avant de conclure à la rentabilité."
        )
    if value < 0:
        return "ROI négatif : le gain retenu ne couvre pas le coût de l’action."
    return "ROI nul : le gain retenu couvre tout juste le coût de l’action."


BREAK_EVEN_ROAS = (
    "la campagne n’est rentable que si le ROAS dépasse 1 ÷ taux de marge (2,5 pour une marge "
    "de 40 %)"
)


def _roas_note(value: Decimal, values: Mapping[str, Decimal]) -> str:
    if value > 1:
        return (
            f"Chaque euro dépensé rapporte {format_quantity(value, EURO)} de chiffre d’affaires. "
            f"Ce chiffre d’affaires n’est pas un bénéfice : {BREAK_EVEN_ROAS}."
        )
    if value < 1:
        return "Le chiffre d’affaires généré ne couvre pas la dépense publicitaire."
    return (
        "Le chiffre d’affaires généré couvre tout juste la dépense publicitaire : une fois payé "
        "le coût des produits vendus, la campagne perd de l’argent."
    )


@dataclass(frozen=True)
class Benchmark:
    """A figure of the course (the seed's, in US dollars) for one network: shown, never graded."""

    network: str
    low: Decimal
    high: Decimal
    text: str  # "sur Instagram, le CPM moyen se situe entre 2,5 $ et 3,5 $"


BENCHMARKS: dict[str, tuple[Benchmark, ...]] = {
    "cpm": (
        Benchmark(
            "Instagram",
            Decimal("2.5"),
            Decimal("3.5"),
            "sur Instagram, le CPM moyen se situe entre 2,5 $ et 3,5 $",
        ),
    ),
    "cpc": (
        Benchmark(
            "Instagram",
            Decimal("0.4"),
            Decimal("0.7"),
            "sur Instagram, le CPC se situe entre 0,4 $ et 0,7 $",
        ),
    ),
    "cpe": (
        Benchmark(
            "Instagram",
            Decimal("0.01"),
            Decimal("0.05"),
            "le CPE varie de 0,01 $ à 0,05 $ sur Instagram",
        ),
        Benchmark("Facebook", Decimal("0.12"), Decimal("0.12"), "il est de 0,12 $ sur Facebook"),
    ),
}
BENCHMARK_NETWORKS = ("Instagram", "Facebook", "LinkedIn", "Twitter (X)")


def benchmark_note(slug: str, value: Decimal, network: str | None = None) -> str | None:
    """The course's dollar benchmark, compared with a result in euros (M5, M6).

    Without a network (a calculator), the first benchmark (Instagram's) is the one compared; with
    the network of an exercise, that network's, or none when the course gives none for it.
    """
    benchmarks = BENCHMARKS.get(slug)
    if not benchmarks:
        return None
    texts = " ; ".join(benchmark.text for benchmark in benchmarks)
    intro = f"Repère du cours, en dollars et à titre indicatif : {texts}."
    if network is None:
        compared = benchmarks[0]
    else:
        found = [benchmark for benchmark in benchmarks if benchmark.network == network]
        if not found:
            return (
                f"{intro} Cette campagne est diffusée sur {network} : ce repère ne s’y applique "
                "pas directement."
            )
        compared = found[0]
    if value > compared.high:
        position = "au-dessus du"
    elif value < compared.low:
        position = "au-dessous du"
    elif compared.low == compared.high:
        position = "au niveau du"
    else:
        position = "dans la fourchette du"
    return (
        f"{intro} Ce résultat ({format_quantity(value, EURO)}) est {position} repère "
        f"{compared.network} du cours (monnaies différentes : ce n’est qu’un ordre de grandeur)."
    )


def _dollar_benchmark(slug: str) -> Interpretation:
    def note(value: Decimal, values: Mapping[str, Decimal]) -> str | None:
        return benchmark_note(slug, value)

    return note


OPENING_NOTE = "Attention : ouvrir un e-mail ne signifie pas le lire."
REACTIVITY_NOTE = (
    "Ne confondez pas le taux de clics (rapporté aux e-mails envoyés) et le taux de réactivité "
    "(rapporté aux e-mails ouverts) : la réactivité est toujours supérieure ou égale au taux de "
    "clics."
)
EMAIL_BASE_NOTE = (
    "Le cours calcule les taux d’e-mailing sur les e-mails envoyés (la réactivité sur les "
    "ouverts) ; certains logiciels calculent sur les délivrés : l’énoncé précise toujours la base."
)
CTR_NOTE = (
    "Ne confondez pas le CTR d’une annonce (clics ÷ impressions) et le taux de clics d’un "
    "e-mailing (clics ÷ e-mails envoyés)."
)
ENGAGEMENT_NOTE = (
    "Le numérateur compte les interactions (j’aime, commentaires, partages…), pas les personnes."
)


# The course's base per network is a convention (Instagram's own statistics use the reach, many
# corrigés use the fans on Facebook): every diagnosis of a base says so, naming the network.
ENGAGEMENT_CONVENTION = (
    "Le cours retient une base par réseau ; d’autres sources en utilisent d’autres (la portée sur "
    "Instagram, les fans sur Facebook…) : lisez toujours la base demandée par l’énoncé."
)
# Real statistics may break these (never the generated ones): the calculator computes and warns.
CLICKS_ABOVE_OPENS = (
    "Plus de clics que d’e-mails ouverts\u202f: c’est possible (un même lecteur clique sur plusieurs "
    "liens\u202f; une ouverture n’est pas comptée quand les images sont bloquées), mais vérifiez vos "
    "données."
)
ENGAGEMENT_WARNINGS = {
    "followers": "Plus d’interactions que d’abonnés : c’est possible pour une publication très "
    "partagée ou sponsorisée, que des non-abonnés voient, mais vérifiez vos données.",
    "reach": "Plus d’interactions que de personnes touchées : c’est possible (une même personne "
    "peut aimer, commenter et partager), mais rare : vérifiez vos données.",
}


def _engagement(slug: str, name: str, definition: str, base: Var, network: str, *notes: str) -> Kpi:
    """An engagement rate: interactions ÷ the network's base × 100; the other bases are mistakes."""
    wrong_bases = {"impressions": impressions, "reach": reach, "followers": followers}
    wrong_bases.pop(base.name)
    why = (
        f"C’est la base que le cours retient pour {network} ; d’autres sources en utilisent "
        "d’autres : suivez celle que demande l’énoncé."
    )
    return _rate(
        slug,
        name,
        ENGAGEMENT,
        definition,
        engagements,
        base,
        rules=(Rule("engagements", base.name, ENGAGEMENT_WARNINGS.get(base.name, "")),),
        mistakes=(
            *(_base(f"base-{n}", engagements, v, base, why=why) for n, v in wrong_bases.items()),
            Mistake(
                "likes-only",
                "Vous n’avez compté que les j’aime : l’engagement additionne "
                "toutes les interactions (j’aime, commentaires, partages…).",
                likes / base * 100,
            ),
        ),
        notes=(ENGAGEMENT_NOTE, ENGAGEMENT_CONVENTION, *notes),
    )


# --------------------------------------------------------------------------------------------------
# KPIs added after the seed (issue 15): frequency, cost per lead, break-even ROAS, hard-bounce rate.
# Each formula is the one published by the platforms and marketing references (see the note of
# issue 15); the course's conventions are said in their notes.
# --------------------------------------------------------------------------------------------------

hard_bounces, soft_bounces, leads = Var("hard_bounces"), Var("soft_bounces"), Var("leads")
margin = Var("margin")


def _frequency_note(value: Decimal, values: Mapping[str, Decimal]) -> str:
    if value <= 1:
        return "Chaque personne touchée n’a vu l’annonce qu’une fois en moyenne."
    return (
        f"En moyenne, chaque personne touchée a vu l’annonce {format_quantity(value)} fois. "
        "Plus elle monte, plus le public risque de se lasser : surveillez le CTR et le coût par clic."
    )


def _break_even_note(value: Decimal, values: Mapping[str, Decimal]) -> str:
    return (
        f"La publicité n’est rentable que si son ROAS dépasse {format_quantity(value)} : chaque "
        f"euro dépensé doit rapporter plus de {format_quantity(value, EURO)} de chiffre "
        "d’affaires. Au ROAS seuil, la marge couvre tout juste la dépense publicitaire."
    )


def _margin_rate_not_inverted() -> Mistake:
    """The margin rate itself (0,4) given for the break-even ROAS (2,5): its inverse was asked."""

    def on_answer(answer: Decimal) -> str:
        typed = as_typed(answer)
        inverse = f" : 1 ÷ {typed} = {format_quantity(1 / answer)}" if answer else ""
        return (
            f"{typed} est le taux de marge (marge ÷ chiffre d’affaires) : le ROAS seuil est "
            f"son inverse{inverse}."
        )

    return Mistake(
        "inverted",
        "Vous avez calculé le taux de marge (marge ÷ chiffre d’affaires) sans l’inverser : "
        "le ROAS seuil est 1 ÷ taux de marge.",
        margin / revenue,
        on_answer,
    )


def _hard_bounce_note(value: Decimal, values: Mapping[str, Decimal]) -> str:
    count = values["hard_bounces"]
    if count == 0:
        return "Aucun rejet définitif : toutes les adresses de la liste existent."
    if count == 1:
        subject, pronoun = "1 adresse n’existe", "la"
    else:
        subject, pronoun = f"{format_given(count)} adresses n’existent", "les"
    return (
        f"{subject} pas ou plus : supprimez-{pronoun} de la liste, un hard bounce ne se "
        "corrige pas en renvoyant l’e-mail."
    )


BOUNCE_BASE_NOTE = (
    "Comme la délivrabilité, le taux de hard bounces se rapporte aux e-mails envoyés : les "
    "e-mails rejetés ne font pas partie des délivrés."
)
MARGIN_RATE_NOTE = (
    "Le taux de marge est ici la marge rapportée au chiffre d’affaires, comme dans le cours. En "
    "gestion commerciale, ce rapport s’appelle le taux de marque, et le « taux de marge » y "
    "rapporte la marge au coût d’achat : lisez la définition que donne l’énoncé."
)

ADDED_KPIS: tuple[Kpi, ...] = (
    _rate(
        "taux-hard-bounce",
        "Taux de hard bounces",
        EMAILING,
        "Part des e-mails envoyés rejetés définitivement (adresse inexistante).",
        hard_bounces,
        sent,
        rules=(Rule("hard_bounces", "sent"),),
        mistakes=(
            Mistake(
                "all-bounces",
                "Vous avez compté tous les rejets, hard et soft bounces : c’est le taux de rejet. "
                "Le taux de hard bounces ne compte que les rejets définitifs.",
                (hard_bounces + soft_bounces) / sent * 100,
            ),
            Mistake(
                "soft-instead",
                "Vous avez pris les soft bounces, les rejets temporaires (boîte pleine, serveur "
                "indisponible). Les hard bounces sont les rejets définitifs (adresse "
                "inexistante).",
                soft_bounces / sent * 100,
            ),
            _base(
                "base-delivered",
                hard_bounces,
                delivered,
                sent,
                why="Les e-mails rejetés ne font pas partie des délivrés : un taux de rejet se "
                "rapporte aux e-mails envoyés.",
            ),
        ),
        interpretation=_hard_bounce_note,
        notes=(
            "Un hard bounce est un rejet définitif (adresse inexistante, domaine invalide) : on "
            "supprime l’adresse. Un soft bounce est un rejet temporaire (boîte pleine, serveur "
            "indisponible) : on surveille l’adresse.",
            BOUNCE_BASE_NOTE,
        ),
    ),
    Kpi(
        slug="frequence",
        name="Fréquence",
        family=SOCIAL_ADS,
        definition="Nombre moyen de fois qu’une personne touchée a vu l’annonce.",
        formula=impressions / reach,
        unit=RATIO,
        rules=(Rule("reach", "impressions"),),
        mistakes=(
            _inverted(impressions, reach, None),
            Mistake(
                "base-followers",
                "Vous avez divisé par le nombre d’abonnés. La fréquence se rapporte à la portée "
                "(couverture) : les personnes réellement touchées par l’annonce, abonnées ou non.",
                impressions / followers,
            ),
        ),
        interpretation=_frequency_note,
        notes=(
            "La portée (ou couverture, reach) compte les personnes différentes touchées ; les "
            "impressions comptent les affichages : la fréquence est donc toujours supérieure ou "
            "égale à 1.",
            "Une fréquence trop élevée lasse le public : le CTR baisse et le coût par clic "
            "augmente.",
        ),
        input_names=("impressions", "reach"),
    ),
    Kpi(
        slug="cout-par-lead",
        name="Coût par lead (CPL)",
        family=CONVERSION,
        definition="Ce que coûte, en moyenne, chaque contact (lead) obtenu par l’action.",
        formula=cost / leads,
        unit=EURO,
        mistakes=(
            _inverted(cost, leads, None),
            Mistake(
                "acquisition-instead",
                "Vous avez divisé par le nombre de clients : c’est le coût d’acquisition d’un "
                "client. Le coût par lead divise le coût par tous les leads obtenus, devenus "
                "clients ou non.",
                cost / customers,
            ),
            Mistake(
                "cpc-instead",
                "Vous avez divisé par le nombre de clics : c’est le coût par clic. Un lead est "
                "un contact qui a laissé ses coordonnées, pas un simple clic.",
                cost / clicks,
            ),
        ),
        notes=(
            "Un lead est un contact qui a montré son intérêt en laissant ses coordonnées "
            "(demande de devis, inscription…) : il n’est pas encore client.",
            "Le coût retenu est le coût total de l’action (achat d’espace, frais de création…), "
            "sauf si l’énoncé en précise un autre. Sur le même coût, le coût d’acquisition d’un "
            "client est toujours supérieur ou égal au coût par lead.",
        ),
        input_names=("cost", "leads"),
    ),
    Kpi(
        slug="roas-seuil",
        name="ROAS seuil (ROAS de rentabilité)",
        family=CONVERSION,
        definition="Le ROAS à partir duquel une campagne devient rentable : 1 ÷ taux de marge.",
        formula=Const(1) / (margin / revenue),
        unit=RATIO,
        rules=(Rule("margin", "revenue"),),
        mistakes=(
            _margin_rate_not_inverted(),
            Mistake(
                "base-cost",
                "Vous avez rapporté la marge au coût d’achat des produits vendus. Le ROAS seuil "
                "se calcule avec la marge rapportée au chiffre d’affaires : "
                "1 ÷ (marge ÷ chiffre d’affaires).",
                (revenue - margin) / margin,
            ),
            Mistake(
                "campaign-roas",
                "Vous avez calculé le ROAS de la campagne (chiffre d’affaires ÷ dépense). Le ROAS "
                "seuil ne dépend que du taux de marge ; on compare ensuite le ROAS de la "
                "campagne à ce seuil.",
                revenue / cost,
            ),
        ),
        interpretation=_break_even_note,
        notes=(
            "ROAS seuil = 1 ÷ taux de marge : avec une marge de 40 % du chiffre d’affaires, "
            "1 ÷ 0,40 = 2,5. Au-dessus, la campagne est rentable ; au-dessous, elle perd de "
            "l’argent, même si son ROAS dépasse 1.",
            MARGIN_RATE_NOTE,
            "La marge est comptée avant le coût de la publicité : c’est elle qui doit payer la "
            "campagne.",
        ),
        input_names=("margin", "revenue"),
    ),
)


KPIS: tuple[Kpi, ...] = (
    # E-mailing — the seed's base is the e-mails sent.
    _rate(
        "taux-delivrabilite",
        "Taux de délivrabilité",
        EMAILING,
        "Part des e-mails envoyés qui sont effectivement arrivés à destination.",
        delivered,
        sent,
        rules=(Rule("delivered", "sent"),),
        mistakes=(
            Mistake(
                "bounce-rate",
                "Vous avez calculé le taux de rejet (e-mails non délivrés ÷ envoyés). "
                "La délivrabilité compte les e-mails arrivés.",
                (sent - delivered) / sent * 100,
            ),
        ),
        interpretation=_deliverability_note,
    ),
    _rate(
        "taux-ouverture",
        "Taux d’ouverture",
        EMAILING,
        "Part des e-mails envoyés qui ont été ouverts.",
        opened,
        sent,
        rules=(Rule("opened", "sent"),),
        mistakes=(_base("base-delivered", opened, delivered, sent),),
        notes=(OPENING_NOTE, EMAIL_BASE_NOTE),
    ),
    _rate(
        "taux-ouverture-delivres",
        "Taux d’ouverture (sur délivrés)",
        EMAILING,
        "Part des e-mails délivrés qui ont été ouverts.",
        opened,
        delivered,
        rules=(Rule("opened", "delivered"),),
        mistakes=(_base("base-sent", opened, sent, delivered),),
        notes=(OPENING_NOTE, EMAIL_BASE_NOTE),
    ),
    _rate(
        "taux-clics",
        "Taux de clics",
        EMAILING,
        "Nombre de clics sur un lien rapporté au nombre d’e-mails envoyés.",
        clicks,
        sent,
        rules=(Rule("clicks", "sent"),),
        mistakes=(
            Mistake(
                "reactivity-instead",
                "Vous avez divisé par les e-mails ouverts : c’est le taux de réactivité. "
                "Le taux de clics se rapporte aux e-mails envoyés.",
                clicks / opened * 100,
            ),
            _base("base-delivered", clicks, delivered, sent),
        ),
        notes=(REACTIVITY_NOTE, EMAIL_BASE_NOTE, CTR_NOTE),
    ),
    _rate(
        "taux-clics-delivres",
        "Taux de clics (sur délivrés)",
        EMAILING,
        "Nombre de clics rapporté au nombre d’e-mails délivrés.",
        clicks,
        delivered,
        rules=(Rule("clicks", "delivered"),),
        mistakes=(_base("base-sent", clicks, sent, delivered),),
        notes=(EMAIL_BASE_NOTE, CTR_NOTE),
    ),
    _rate(
        "taux-reactivite",
        "Taux de réactivité",
        EMAILING,
        "Nombre de clics rapporté au nombre d’e-mails ouverts.",
        clicks,
        opened,
        # A warning, not a refusal (content review A13): real statistics count every click but
        # only the opens whose images loaded, and one reader may click several links.
        rules=(Rule("clicks", "opened", CLICKS_ABOVE_OPENS),),
        mistakes=(
            # Dividing by the e-mails sent is both `click-rate-instead` and `base-sent`: the more
            # telling diagnosis is kept, so that the value matches one mistake only.
            Mistake(
                "click-rate-instead",
                "Vous avez divisé par les e-mails envoyés : c’est le taux de clics. "
                "La réactivité se rapporte aux e-mails ouverts.",
                clicks / sent * 100,
            ),
            _base("base-delivered", clicks, delivered, opened),
        ),
        notes=(REACTIVITY_NOTE,),
    ),
    _rate(
        "taux-conversion",
        "Taux de conversion",
        EMAILING,
        "Nombre d’achats réalisés grâce à la campagne rapporté au nombre d’e-mails envoyés.",
        purchases,
        sent,
        rules=(Rule("purchases", "sent"),),
        mistakes=(
            _base("base-delivered", purchases, delivered, sent),
            Mistake(
                "base-clicks",
                "Vous avez divisé par le nombre de clics : c’est la conversion des seules personnes "
                "qui ont cliqué. "
                "Ici, le taux de conversion se rapporte aux e-mails envoyés.",
                purchases / clicks * 100,
            ),
        ),
    ),
    _rate(
        "taux-desabonnement",
        "Taux de désabonnement",
        EMAILING,
        "Nombre de personnes qui se sont désabonnées rapporté au nombre d’e-mails envoyés.",
        unsubscribes,
        sent,
        rules=(Rule("unsubscribes", "sent"),),
        mistakes=(_base("base-delivered", unsubscribes, delivered, sent),),
        notes=(EMAIL_BASE_NOTE,),
    ),
    _rate(
        "taux-desabonnement-delivres",
        "Taux de désabonnement (sur délivrés)",
        EMAILING,
        "Nombre de désabonnements rapporté au nombre d’e-mails délivrés.",
        unsubscribes,
        delivered,
        rules=(Rule("unsubscribes", "delivered"),),
        mistakes=(_base("base-sent", unsubscribes, sent, delivered),),
        notes=(EMAIL_BASE_NOTE,),
    ),
    # Engagement — one base per network.
    _engagement(
        "engagement-twitter",
        "Taux d’engagement Twitter (X)",
        "Interactions avec un tweet rapportées à son nombre d’impressions.",
        impressions,
        "Twitter (X)",
    ),
    _engagement(
        "engagement-linkedin",
        "Taux d’engagement LinkedIn",
        "Interactions avec une publication rapportées à son nombre d’impressions.",
        impressions,
        "LinkedIn",
    ),
    _engagement(
        "engagement-facebook",
        "Taux d’engagement Facebook",
        "Interactions avec une publication rapportées à sa portée sur la période.",
        reach,
        "Facebook",
        "La portée (reach) compte les personnes qui ont vu la publication ; les impressions "
        "comptent les affichages.",
    ),
    _engagement(
        "engagement-instagram",
        "Taux d’engagement Instagram",
        "Interactions avec une publication rapportées au nombre d’abonnés du compte.",
        followers,
        "Instagram",
    ),
    # Social ads.
    Kpi(
        slug="cpm",
        name="CPM (coût pour mille impressions)",
        family=SOCIAL_ADS,
        definition="Ce que coûtent mille affichages (impressions) de la publicité.",
        formula=budget / impressions * 1000,
        unit=EURO,
        mistakes=(
            _thousand_forgotten(
                "forgot-x1000",
                "Vous avez oublié de multiplier par 1 000 : le CPM est le coût "
                "de mille impressions, pas d’une seule",
                budget / impressions,
                "×",
            ),
            # The inversion students make is impressions ÷ budget (10 000 ÷ 200 = 50), with no
            # thousand: multiplied by 1 000 it would give numbers nobody types.
            _inverted(budget, impressions, None),
        ),
        interpretation=_dollar_benchmark("cpm"),
        notes=("Les impressions comptent les affichages de la publicité, pas les personnes.",),
        input_names=("budget", "impressions"),
    ),
    Kpi(
        slug="cpc",
        name="CPC (coût par clic)",
        family=SOCIAL_ADS,
        definition="Ce que coûte, en moyenne, chaque clic obtenu par la publicité.",
        formula=budget / clicks,
        unit=EURO,
        mistakes=(_inverted(budget, clicks, None),),
        interpretation=_dollar_benchmark("cpc"),
        input_names=("budget", "clicks"),
    ),
    _rate(
        "ctr",
        "CTR (taux de clic)",
        SOCIAL_ADS,
        "Part des impressions de la publicité qui ont donné lieu à un clic.",
        clicks,
        impressions,
        rules=(Rule("clicks", "impressions"),),
        mistakes=(_base("base-reach", clicks, reach, impressions),),
        notes=("CTR signifie Click Through Rate.", CTR_NOTE),
    ),
    Kpi(
        slug="cpe",
        name="CPE (coût par engagement)",
        family=SOCIAL_ADS,
        definition="Ce que coûte chaque interaction (j’aime, commentaire, partage) obtenue.",
        formula=budget / engagements,
        unit=EURO,
        mistakes=(_inverted(budget, engagements, None),),
        interpretation=_dollar_benchmark("cpe"),
        input_names=("budget", "engagements"),
    ),
    Kpi(
        slug="budget-cpm",
        name="Budget à partir du CPM",
        family=SOCIAL_ADS,
        definition="Le budget nécessaire pour obtenir un nombre d’impressions à un CPM donné.",
        formula=cpm_var * impressions / 1000,
        unit=EURO,
        mistakes=(
            _thousand_forgotten(
                "forgot-div1000",
                "Vous avez oublié de diviser par 1 000 : le CPM est le prix de mille impressions",
                cpm_var * impressions,
                "÷",
            ),
        ),
        input_names=("cpm", "impressions"),
    ),
    # Conversion and profitability.
    _rate(
        "taux-conversion-concours",
        "Taux de conversion d’un jeu-concours",
        CONVERSION,
        "Participants rapportés au nombre de vues de la publication du jeu.",
        participants,
        views,
        rules=(Rule("participants", "views"),),
        mistakes=(_base("base-followers", participants, followers, views),),
    ),
    Kpi(
        slug="roi",
        name="ROI (retour sur investissement)",
        family=CONVERSION,
        definition="Ce que rapporte une action, net de son coût, pour 100 € investis.",
        formula=(gain - cost) / cost * 100,
        unit=PERCENT,
        mistakes=(
            _forgot_x100((gain - cost) / cost * 100, "un rapport", "1,5"),
            Mistake(
                "inverted",
                "Vous avez inversé la division : c’est le gain net (gain − coût) "
                "qu’on divise par le coût, pas l’inverse.",
                cost / (gain - cost) * 100,
            ),
            # A statement's gain is counted before the cost (a revenue or a margin): divided by
            # the cost, it gives the ROAS only when it is a revenue. The diagnosis names the step
            # missed, and says how the statement's gain reads, not "c'est le ROAS".
            Mistake(
                "roas-instead",
                "Vous avez divisé le gain par le coût sans en retirer le coût : le gain de "
                "l’énoncé est compté avant déduction du coût. Le ROI rapporte le gain net "
                "(gain − coût) au coût.",
                gain / cost * 100,
            ),
        ),
        interpretation=_roi_note,
        notes=(
            "ROI signifie Return On Investment (retour sur investissement).",
            "Le gain est ce que l’action a rapporté avant déduction de son coût : le chiffre "
            "d’affaires des ventes obtenues ou la marge qu’elles dégagent. L’énoncé précise "
            "lequel retenir ; on en retire ensuite le coût pour obtenir le gain net.",
        ),
        input_names=("gain", "cost"),
    ),
    Kpi(
        slug="roas",
        name="ROAS (retour sur dépenses publicitaires)",
        family=CONVERSION,
        definition="Chiffre d’affaires généré par euro dépensé en publicité.",
        formula=revenue / cost,
        unit=RATIO,
        mistakes=(
            _inverted(revenue, cost, None),
            Mistake(
                "roi-instead",
                "Vous avez retiré le coût avant de diviser : c’est le ROI. "
                "Le ROAS divise le chiffre d’affaires par la dépense.",
                (revenue - cost) / cost,
            ),
        ),
        interpretation=_roas_note,
        notes=(
            "ROAS signifie Return On Ad Spend : un ROAS de 4 veut dire 4 € de chiffre "
            "d’affaires pour 1 € de publicité.",
            f"Un ROAS supérieur à 1 ne suffit pas : {BREAK_EVEN_ROAS}.",
            "Le ROAS se calcule d’habitude sur la seule dépense publicitaire (l’achat d’espace) ; "
            "un énoncé peut demander le coût total de la campagne, frais de création compris : "
            "suivez sa consigne.",
        ),
        input_names=("revenue", "cost"),
    ),
    Kpi(
        slug="cout-acquisition",
        name="Coût d’acquisition d’un client",
        family=CONVERSION,
        definition="Ce que coûte, en moyenne, chaque nouveau client obtenu.",
        formula=cost / customers,
        unit=EURO,
        mistakes=(_inverted(cost, customers, None),),
        notes=(
            "Le coût retenu est le coût total de l’action (achat d’espace, frais de création…), "
            "sauf si l’énoncé en précise un autre.",
        ),
        input_names=("cost", "customers"),
    ),
    *ADDED_KPIS,
)

KPIS_BY_SLUG: dict[str, Kpi] = {kpi.slug: kpi for kpi in KPIS}

UNIT_MISTAKE_CODE = "wrong-unit"


UNIT_NAMES = {PERCENT: "en pourcentage (%)", EURO: "en euros (€)"}


def unit_mistake_message(expected: str, given: str) -> str:
    """Diagnosis for `%` where `€` is expected, or the reverse (code `wrong-unit`).

    A ratio (the ROAS) written as a percentage is not a wrong unit: the grader reads 440 % as 4,40.
    """
    if expected == RATIO and given == EURO:
        return (
            "Ce résultat s’écrit sans unité : c’est un rapport, pas un montant en euros "
            "(un ROAS de 4 signifie 4 € de chiffre d’affaires pour 1 € de publicité)."
        )
    if expected == RATIO:
        return "Ce résultat s’écrit sans unité : c’est un rapport (par exemple 4,40)."
    return (
        f"Attention à l’unité : le résultat s’exprime {UNIT_NAMES.get(expected, expected)}, "
        f"pas {UNIT_NAMES.get(given, given)}."
    )


def percent_ratio_message(answer: Decimal) -> str:
    """A ratio multiplied by 100 but written without `%` (440 for a ROAS of 4,40)."""
    ratio, percent = format_quantity(answer / 100), as_typed(answer, PERCENT)
    return (
        f"{as_typed(answer)} est le rapport multiplié par 100 : écrivez le rapport "
        f"({ratio}) ou ajoutez le signe « % » ({percent})."
    )


def get_kpi(slug: str) -> Kpi | None:
    return KPIS_BY_SLUG.get(slug)


def kpis_by_family() -> list[tuple[Family, list[Kpi]]]:
    return [(family, [k for k in KPIS if k.family == family]) for family in FAMILIES]


# What a projector says of a group of students who made a mistake ("9 élèves ont …").
MISTAKE_SUMMARIES: dict[str, str] = {
    "forgot-x100": "ont donné une proportion au lieu d’un pourcentage (oubli du × 100)",
    "forgot-x1000": "ont oublié de multiplier par 1 000",
    "forgot-div1000": "ont oublié de diviser par 1 000",
    "inverted": "ont inversé la division",
    "click-rate-instead": "ont calculé le taux de clics au lieu de la réactivité",
    "reactivity-instead": "ont calculé la réactivité au lieu du taux de clics",
    "base-delivered": "ont divisé par les e-mails délivrés",
    "base-sent": "ont divisé par les e-mails envoyés",
    "bounce-rate": "ont calculé le taux de rejet au lieu de la délivrabilité",
    "base-impressions": "ont pris les impressions comme base",
    "base-reach": "ont pris la portée comme base",
    "base-followers": "ont pris les abonnés comme base",
    "likes-only": "n’ont compté que les j’aime",
    "base-clicks": "ont divisé par les clics au lieu des e-mails envoyés",
    "roas-instead": "n’ont pas retiré le coût du gain (ROI)",
    "roi-instead": "ont calculé le ROI au lieu du ROAS",
    "all-bounces": "ont compté tous les rejets au lieu des seuls hard bounces",
    "soft-instead": "ont pris les soft bounces au lieu des hard bounces",
    "acquisition-instead": "ont divisé par les clients au lieu des leads",
    "cpc-instead": "ont divisé par les clics au lieu des leads",
    "base-cost": "ont rapporté la marge au coût d’achat au lieu du chiffre d’affaires",
    "campaign-roas": "ont calculé le ROAS de la campagne au lieu du ROAS seuil",
    UNIT_MISTAKE_CODE: "se sont trompés d’unité",
}
