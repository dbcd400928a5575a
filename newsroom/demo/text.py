"""Generated newsroom copy. Nothing here is a real article: each story is put together from
Herald's own phrase banks (``banks``, ``banks_sport``) for its beat, about one place or one game,
so that its headline, dateline, standfirst, body, quote, caption and tags agree.

Filling a story is a handful of ``str.format`` calls on strings written once, so a million
articles stay fast to make; the same seed writes the same copy.
"""

import random
from dataclasses import dataclass, field

from .banks import (
    ABROAD_TOPICS,
    AFRICA_PLACES,
    BUSINESS_TOPICS,
    DATELINES,
    FIRST_NAMES,
    LIFESTYLE_TOPICS,
    METROS,
    NEWS_BEATS,
    NEWS_TOPICS,
    ROADS,
    SURNAMES,
    TECH_TOPICS,
    TOWNS,
    VERBS,
    WEEKDAYS,
    WORLD_PLACES,
)
from .banks_sport import BALL_TOPICS, SPORTS


def _grounds(sport):
    """Every (ground, town) a sport plays at."""
    return [(ground, town) for _plural, ground, town in sport["clubs"].values()] + sport[
        "national_grounds"
    ]


# Every South African dateline (the places table holds them all): ArticleFactory links a story
# to its town's local news by these names.
PLACES = sorted(set(TOWNS) | {town for sport in SPORTS.values() for *_, town in _grounds(sport)})
# Which drawn pictures suit each beat (see ``pictures.KINDS``).
PICTURES = {
    "politics": ["facade", "skyline"],
    "courts": ["facade"],
    "transport": ["roadmap"],
    "weather": ["weather"],
    "world": ["skyline"],
    "africa": ["skyline"],
    "business": ["chart"],
    "tech": ["circuit"],
    "lifestyle": ["sunset", "skyline"],
}
CAPTIONS = {
    "facade": "Illustration: the public entrance of a government building in {place}",
    "skyline": "Illustration: {place} at dusk",
    "roadmap": "Illustration: the roads around {place}",
    "weather": "Illustration: the sky over {place}",
    "chart": "Illustration: how the markets moved this week",
    "circuit": "Illustration: the technology behind the story",
    "sunset": "Illustration: an evening out in {place}",
    "pitch": "Illustration: the pitch at {ground}",
    "posts": "Illustration: the posts at {ground}",
    "scoreboard": "Illustration: the scoreboard at {ground}",
    "track": "Illustration: the circuit at {ground}",
}
SQUADS = {"soccer": (23, 26), "rugby": (30, 36), "cricket": (15, 17), "motorsport": (2, 4)}
# Sides whose name takes "the" in running text ("the Springboks beat"), not in headlines.
WITH_THE = {"Springboks", "Proteas", "Bulls", "Stormers", "Sharks", "Lions", "Cheetahs", "Pumas"}
WITH_THE |= {"Griquas"}
SIDES = {"Springboks": "Springbok"}
NUMBERS = ["nought", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
AGENCIES = ["AFP", "Reuters", "AP", "Bloomberg"]
CREDITS = ["Herald", "Herald", "Herald graphics"]


@dataclass
class Story:
    """One story's copy; ``subject``, ``verb`` and ``plural`` say how its headline agrees."""

    beat: str
    headline: str
    subject: str
    verb: str
    plural: bool
    standfirst: str
    dateline: str
    paragraphs: list[str]
    subheading: str
    quote: str
    attribution: str
    caption: str
    picture: str
    tags: list[str] = field(default_factory=list)
    source: str = ""
    teams: tuple[str, ...] = ()


def between(rng: random.Random, low: int, high: int) -> int:
    """``rng.randint(low, high)`` at a third of its cost (one C call): stories draw many."""
    return low + int(rng.random() * (high - low + 1))


def _the(side: str) -> str:
    return f"the {side}" if side in WITH_THE else side


def _sentence(text: str) -> str:
    """``text`` with a capital first letter ("the Bulls beat…" opens a sentence)."""
    return text[0].upper() + text[1:] if text[:1].islower() else text


def pick(rng: random.Random, items):
    """``rng.choice(items)``, likewise cheaper."""
    return items[int(rng.random() * len(items))]


def block_id(rng: random.Random) -> str:
    """A StreamField block id, as ``str(uuid.UUID(int=…))`` writes it, without making one."""
    h = f"{rng.getrandbits(128):032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


class CopyDesk:
    """Writes stories from the phrase banks, drawing from a seeded random generator."""

    def __init__(self, seed: int, pool_size: int = 400):
        self.rng = random.Random(seed)
        names = [f"{first} {last}" for first in FIRST_NAMES for last in SURNAMES]
        self.rng.shuffle(names)
        self.names = names[: max(pool_size // 4, 12)]

    # A story --------------------------------------------------------------------------------

    def story(self, beat: str) -> Story:
        """A story for ``beat``: a news beat, "news" (one of them at random), a sport, or
        "sport" (one sport at random)."""
        rng = self.rng
        if beat == "news":
            beat = pick(rng, NEWS_BEATS)
        elif beat == "sport":
            beat = pick(rng, list(SPORTS))
        if beat in SPORTS:
            return self._sport_story(beat)
        if beat in NEWS_TOPICS:
            topic = pick(rng, NEWS_TOPICS[beat])
            place = pick(rng, DATELINES)
            slots = self._town_slots(place)
            pictures, source = PICTURES[beat], ""
        elif beat in ABROAD_TOPICS:
            topic = pick(rng, ABROAD_TOPICS[beat])
            places = WORLD_PLACES if beat == "world" else AFRICA_PLACES
            place = pick(rng, list(places))
            slots = self._number_slots() | {"place": place, "country": places[place]}
            pictures, source = PICTURES[beat], pick(rng, AGENCIES)
        else:
            topics = {"business": BUSINESS_TOPICS, "tech": TECH_TOPICS}.get(beat)
            topic = pick(rng, topics or LIFESTYLE_TOPICS)
            beat = beat if topics else "lifestyle"
            place = pick(rng, topic.get("places", DATELINES))
            slots = self._town_slots(place)
            pictures, source = [topic["picture"]], pick(rng, ["", "", "", "Bloomberg"])
        picture = pick(rng, pictures)
        tags = [*topic["tags"]]
        if place in TOWNS:
            tags.append(place.lower())
        return self._fill(beat, topic, slots, place, picture, tags, source)

    def _sport_story(self, sport_name: str) -> Story:
        rng, sport = self.rng, SPORTS[sport_name]
        topic = pick(rng, BALL_TOPICS[sport_name])
        national = topic.get("national") or (bool(sport["national"]) and rng.random() < 0.3)
        if national:
            team = pick(rng, list(sport["national"]))
            plural, competition = True, pick(rng, sport["national"][team])
            rival = pick(rng, sport["opponents"])
            ground, town = pick(rng, sport["national_grounds"])
            tags = sport["national_tags"]
        else:
            team, rival = rng.sample(list(sport["clubs"]), 2)
            plural, ground, town = sport["clubs"][team]
            competition = pick(rng, sport["club_competitions"])
            tags = sport["club_tags"]
        slots = self._number_slots() | {
            "n": between(rng, *SQUADS[sport_name]),
            "team": team,
            # running text says "the Springboks beat the Bulls", headlines "Springboks beat"
            "the_team": _the(team),
            "side": SIDES.get(team, team),  # "the Springbok coach"
            "the_rival": _the(rival),
            "rival": rival,
            "ground": ground,
            "town": town,
            "competition": competition,
            "player": pick(rng, self.names),
            "score": self._score(sport_name, topic["result"]),
            "margin": pick(
                rng, [f"{NUMBERS[between(rng, 2, 8)]} wickets", f"{between(rng, 12, 90)} runs"]
            ),
            "runs": between(rng, 160, 330),
            "minute": between(rng, 55, 89),
            "crowd": between(rng, 12, 60),
            "gap": f"{between(rng, 1, 9)}.{between(rng, 0, 9)}",
        }
        teams = (team,) if national or sport_name == "motorsport" else (team, rival)
        story = self._fill(
            sport_name,
            topic,
            slots,
            town,
            sport["picture"],
            [*sport["tags"], pick(rng, tags) if tags else sport["label"], town.lower()],
            "",
            team_plural=plural,
        )
        story.teams = teams
        return story

    def _score(self, sport: str, result: str) -> str:
        rng = self.rng
        if sport == "soccer":
            if result == "draw":
                goals = between(rng, 0, 3)
                return f"{goals}-{goals}"
            winner = between(rng, 1, 4)
            return f"{winner}-{between(rng, 0, winner - 1)}"
        winner = between(rng, 18, 45)
        return f"{winner}-{between(rng, max(0, winner - 20), winner - 1)}"

    def _town_slots(self, place: str) -> dict:
        council, province = TOWNS.get(place, (f"{place} municipality", "the province"))
        short = council.removeprefix("City of ").removesuffix(" municipality")
        return self._number_slots() | {
            "place": place,
            "council": council,
            "short": short,
            "province": province,
            "road": pick(self.rng, ROADS.get(place, ["the main road"])),
            "budget": (
                f"R{between(self.rng, 20, 90)} billion"
                if place in METROS
                else f"R{between(self.rng, 300, 900)} million"
            ),
        }

    def _number_slots(self) -> dict:
        rng = self.rng
        return {
            "day": pick(rng, WEEKDAYS),
            "n": between(rng, 12, 40),
            "late": between(rng, 65, 120),
            "k": between(rng, 2, 30) * 1000,
            "m": between(rng, 3, 90),
            "bn": between(rng, 8, 90),
            "pct": between(rng, 4, 15),
            "infl": f"{between(rng, 2, 5)}.{between(rng, 0, 9)}",
            "lvl": between(rng, 5, 8),
            "mm": between(rng, 50, 180),
            "hot": between(rng, 36, 42),
        }

    def _fill(self, beat, topic, slots, place, picture, tags, source, team_plural=True):
        rng = self.rng
        subject, plural, verb, rest = pick(rng, topic["headlines"])
        if plural is None:  # the team's own number: "Kaizer Chiefs beat", "TS Galaxy beats"
            plural = team_plural
        subject = subject.format(**slots)
        verb_form = verb if plural else VERBS[verb]
        headline = f"{subject} {verb_form} {rest.format(**slots)}"
        if not headline[1:2].isupper():  # "eThekwini municipality" keeps its own capitals
            headline = headline[0].upper() + headline[1:]
        paragraphs = [_sentence(topic["lede"].format(**slots))]
        follow = topic["paragraphs"]
        keep = sorted(rng.sample(range(len(follow)), between(rng, 3, len(follow))))
        paragraphs += [_sentence(follow[i].format(**slots)) for i in keep]
        quote, role = pick(rng, topic["quotes"])
        return Story(
            beat=beat,
            headline=headline,
            subject=subject,
            verb=verb_form,
            plural=plural,
            standfirst=_sentence(topic["standfirst"].format(**slots)),
            dateline=place,
            paragraphs=paragraphs,
            subheading=pick(rng, topic["subheads"]).format(**slots),
            quote=quote.format(**slots),
            attribution=f"{pick(rng, self.names)}, {role.format(**slots)}",
            caption=CAPTIONS[picture].format(place=place, ground=slots.get("ground", place)),
            picture=picture,
            tags=list(dict.fromkeys(tags)),
            source=source,
        )

    # What the article factory and the galleries ask for ------------------------------------

    def headline(self, beat: str) -> str:
        return self.story(beat).headline

    def body(self, picture_ids: list[int], story: Story | None = None) -> list[dict]:
        """A StreamField body in its stored form: paragraphs, a subheading, a quote, a picture."""
        rng = self.rng
        story = story or self.story("news")
        blocks = [{"type": "paragraph", "value": f"<p>{text}</p>"} for text in story.paragraphs]
        blocks.insert(2, {"type": "subheading", "value": story.subheading})
        blocks.insert(
            4, {"type": "quote", "value": {"quote": story.quote, "attribution": story.attribution}}
        )
        if picture_ids and rng.random() < 0.5:
            blocks.insert(
                3,
                {
                    "type": "image",
                    "value": {
                        "image": pick(rng, picture_ids),
                        "caption": story.caption,
                        "credit": pick(rng, CREDITS),
                    },
                },
            )
        for block in blocks:
            block["id"] = block_id(rng)
        return blocks

    def gallery(self, beat: str, count: int) -> tuple[str, str, list[Story]]:
        """A News in Pictures gallery: its title, intro and ``count`` stories, one a picture
        (its headline and first sentence make the caption)."""
        stories = [self.story(beat) for _ in range(count + 1)]
        return f"In pictures: {stories[0].headline}", stories[0].standfirst, stories[1:]


CAPTION_LENGTH = 250  # GalleryImage.caption's max_length


def picture_caption(story: Story) -> str:
    """A gallery picture's caption: the first sentence of the story's lede, or its headline
    when that sentence is longer than a caption may be."""
    first = story.paragraphs[0].split(". ")[0].rstrip(".") + "."
    return first if len(first) <= CAPTION_LENGTH else story.headline
