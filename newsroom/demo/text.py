"""Generated newsroom copy. Nothing here is a real article: headlines come from word pools and
paragraphs from Faker, drawn once into pools so that a million articles stay fast to make."""

import random
import uuid

from faker import Faker

PLACES = [
    "Johannesburg",
    "Cape Town",
    "Durban",
    "Pretoria",
    "Gqeberha",
    "Bloemfontein",
    "East London",
    "Polokwane",
    "Mbombela",
    "Kimberley",
    "Stellenbosch",
    "Soweto",
]
AGENCIES = ["AFP", "Reuters", "AP", "Bloomberg", "", "", "", ""]
SUBJECTS = {
    "news": [
        "Municipality",
        "Minister",
        "Residents",
        "Police",
        "Court",
        "Provincial government",
        "Community leaders",
        "Parliament",
        "Teachers' union",
        "Health department",
    ],
    "business": [
        "Rand",
        "JSE",
        "Retailers",
        "Reserve Bank",
        "Mining group",
        "Start-up",
        "Eskom",
        "Banks",
        "Farmers",
        "Investors",
    ],
    "tech": ["Mobile operators", "Developers", "Regulator", "Fintech firm", "Scientists"],
    "lifestyle": ["Chefs", "Festival", "Artists", "Wine farm", "Travellers"],
    "sport": [
        "Bafana Bafana",
        "Springboks",
        "Proteas",
        "Banyana Banyana",
        "Sharks",
        "Stormers",
        "Orlando Pirates",
        "Kaizer Chiefs",
        "Bulls",
        "Lions",
    ],
}
VERBS = [
    "weigh",
    "unveil",
    "reject",
    "back",
    "warn of",
    "plan",
    "win",
    "face",
    "rally behind",
    "celebrate",
    "question",
    "push for",
    "brace for",
    "welcome",
    "delay",
]
OBJECTS = [
    "new budget",
    "water plan",
    "fuel price hike",
    "load shedding schedule",
    "rates",
    "reforms",
    "strike",
    "record quarter",
    "title bid",
    "coaching shake-up",
    "stadium deal",
    "housing project",
    "rail upgrade",
    "election date",
    "rescue package",
    "comeback",
]
TAGS = {
    "news": [
        "elections",
        "load shedding",
        "crime",
        "education",
        "health",
        "water",
        "housing",
        "local government",
        "courts",
        "parliament",
        "climate",
    ],
    "business": ["economy", "markets", "rand", "mining", "jobs", "energy", "fuel price"],
    "tech": ["technology", "mobile", "startups", "science"],
    "lifestyle": ["food", "travel", "arts", "music"],
    "sport": [
        "soccer",
        "rugby",
        "cricket",
        "springboks",
        "bafana bafana",
        "psl",
        "urc",
        "athletics",
    ],
}


class CopyDesk:
    """Writes headlines, standfirsts and bodies from seeded pools."""

    def __init__(self, seed: int, pool_size: int = 400):
        self.rng = random.Random(seed)
        faker = Faker("en_GB")
        faker.seed_instance(seed)
        self.paragraphs = [faker.paragraph(nb_sentences=4) for _ in range(pool_size)]
        self.sentences = [faker.sentence(nb_words=14) for _ in range(pool_size)]
        self.quotes = [faker.sentence(nb_words=16) for _ in range(pool_size // 4)]
        self.names = [faker.name() for _ in range(pool_size // 4)]

    def headline(self, beat: str) -> str:
        rng = self.rng
        subject = rng.choice(SUBJECTS.get(beat, SUBJECTS["news"]))
        text = f"{subject} {rng.choice(VERBS)} {rng.choice(OBJECTS)}"
        if rng.random() < 0.4:
            text = f"{rng.choice(PLACES)}: {text}"
        return text[0].upper() + text[1:]

    def standfirst(self) -> str:
        return " ".join(self.rng.sample(self.sentences, 2))

    def body(self, picture_ids: list[int]) -> list[dict]:
        """A StreamField body in its stored form: paragraphs, a subheading, a quote, a picture."""
        rng = self.rng
        blocks = [self._paragraph() for _ in range(rng.randint(4, 7))]
        blocks.insert(2, {"type": "subheading", "value": rng.choice(OBJECTS).capitalize()})
        blocks.insert(
            4,
            {
                "type": "quote",
                "value": {"quote": rng.choice(self.quotes), "attribution": rng.choice(self.names)},
            },
        )
        if picture_ids and rng.random() < 0.5:
            blocks.insert(
                3,
                {
                    "type": "image",
                    "value": {
                        "image": rng.choice(picture_ids),
                        "caption": rng.choice(self.sentences),
                        "credit": rng.choice(["AFP", "Reuters", "Herald", "Gallo Images"]),
                    },
                },
            )
        for block in blocks:
            block["id"] = str(uuid.UUID(int=rng.getrandbits(128)))
        return blocks

    def _paragraph(self) -> dict:
        return {"type": "paragraph", "value": f"<p>{self.rng.choice(self.paragraphs)}</p>"}

    def tags(self, beat: str) -> list[str]:
        pool = TAGS.get(beat, TAGS["news"]) + ["cape town", "johannesburg", "durban", "africa"]
        return self.rng.sample(pool, self.rng.randint(2, 4))

    def source(self) -> str:
        return self.rng.choice(AGENCIES)

    def dateline(self) -> str:
        return self.rng.choice(PLACES)
