"""Generator version 2: numbers that make sense (issue 15, "Realistic numbers"; content review
M5, M6, M14, M15, M16, A15, A16, A17). Pure: no Django import.

Same KPIs, same Exercise, same statements but a few (`realistic_statements.py`); the template is
drawn first, then the business among those that fit it (its network, its words), then the numbers
for the business's size and the statement's network (`realistic_worlds.py`). At difficulty 3 a
KPI input is always worked out first (the réactivité's clicks from the clicks on each link).

`generate.generate(…, generator=2)` calls `generate_v2`; version 1 is untouched.
"""

from __future__ import annotations

import functools
import random
from decimal import Decimal

from calculators.kpis import KPIS_BY_SLUG, Expr, evaluate
from quiz.engine.generate import (
    COMPILED,
    DERIVATIONS,
    NICE_SHARE,
    STEPS_OF_VERSION_2,
    Campaign,
    Exercise,
    Template,
    _defined,
    _derivation_for,
)
from quiz.engine.phrasings import CAMPAIGNS
from quiz.engine.realistic_profiles import NETWORKS, PROFILES, SIZES, Network, fitting, network_of
from quiz.engine.realistic_statements import V2_TEMPLATES
from quiz.engine.realistic_worlds import V2_WORLDS, WorldV2, email_world

VERSION = 2
# The KPIs whose difficulty 3 gives every input: none (the test keeps it so).
NO_STEP_AT_DIFFICULTY_3: frozenset[str] = frozenset()


@functools.cache
def _compiled(text: str) -> Template:
    return Template.compile(text)


V2_COMPILED: dict[tuple[str, int], tuple[Template, ...]] = {
    key: tuple(_compiled(text) for text in V2_TEMPLATES[key]) if key in V2_TEMPLATES else templates
    for key, templates in COMPILED.items()
}

# Per (slug, difficulty): each template with the businesses that fit it and its network's ranges.
Choice = tuple[Template, tuple[str, ...], Network]
CHOICES: dict[tuple[str, int], tuple[Choice, ...]] = {
    (slug, difficulty): tuple(
        (template, fitting(template.text, slug), NETWORKS[network_of(template.text)])
        for template in templates
    )
    for (slug, difficulty), templates in V2_COMPILED.items()
}
CAMPAIGN_CHOICES: tuple[tuple[Template, tuple[str, ...]], ...] = tuple(
    (template, fitting(template.text, "taux-conversion"))
    for template in (_compiled(text) for text in CAMPAIGNS)
)
WORLD_OF: dict[str, WorldV2] = {
    slug: V2_WORLDS.get(slug) or V2_WORLDS[kpi.family.slug] for slug, kpi in KPIS_BY_SLUG.items()
}


@functools.cache
def derivable(given: frozenset[str], kpi_slug: str) -> tuple[tuple[str, Expr], ...]:
    """What a student can work out from these quantities: version 1's steps, then version 2's
    where the KPI needs them (the e-mails sent from the delivered and the bounces, a contest's
    views from each network's: not the views of an ad's impressions)."""
    inputs = KPIS_BY_SLUG[kpi_slug].input_names
    names = (*DERIVATIONS, *(name for name in STEPS_OF_VERSION_2 if name in inputs))
    return tuple(
        (name, expression)
        for name in names
        if (expression := _derivation_for(name, given)).names() <= given
    )


def generate_v2(kpi_slug: str, difficulty: int, seed: int) -> Exercise:
    """Version 2 of `generate` (its arguments already checked)."""
    rng = random.Random(seed)
    template, businesses, network = rng.choice(CHOICES[(kpi_slug, difficulty)])
    business = rng.choice(businesses)
    size = SIZES[PROFILES[business].size]
    nice = rng.random() < NICE_SHARE
    world = WORLD_OF[kpi_slug](rng, kpi_slug, template.names, nice, size, network)
    given = {name: Decimal(world[name]) for name in template.names}
    data = dict(given)
    for name, expression in derivable(frozenset(given), kpi_slug):
        if name not in data:
            data[name] = _defined(evaluate(expression, given))
    return Exercise(kpi_slug, difficulty, seed, business, template, given, data, generator=VERSION)


def generate_campaign_v2(seed: int, questions: int, slugs: tuple[str, ...]) -> Campaign:
    """Version 2 of `generate_campaign`: a business that sells online, a list of its size."""
    rng = random.Random(seed)
    template, businesses = rng.choice(CAMPAIGN_CHOICES)
    business = rng.choice(businesses)
    size = SIZES[PROFILES[business].size]
    world = email_world(rng, "taux-clics", template.names, True, size, NETWORKS[None])
    given = {name: Decimal(world[name]) for name in template.names}
    asked = tuple(rng.sample(slugs, k=min(questions, len(slugs))))
    return Campaign(seed, business, template, given, asked, VERSION)
