"""Herald's own phrase banks for the demo's sport beats, written for Herald (nothing copied).

Each sport has its own home sides (whether the name takes a plural verb, home ground, town), a
national side with its opponents and grounds, competitions and topics. A story is about one
game at one ground, and its dateline is the ground's town. Players and coaches quoted are
invented names with plausible roles; no real person is quoted.
"""

from .banks import VERBS

VERBS.update({"give": "gives", "sink": "sinks", "go": "goes", "crash": "crashes"})

SPORTS = {
    "soccer": {
        "label": "football",
        # name: (takes a plural verb, home ground, town)
        "clubs": {
            "Kaizer Chiefs": (True, "FNB Stadium", "Johannesburg"),
            "Orlando Pirates": (True, "Orlando Stadium", "Soweto"),
            "Mamelodi Sundowns": (True, "Loftus Versfeld", "Pretoria"),
            "SuperSport United": (False, "Lucas Moripe Stadium", "Pretoria"),
            "AmaZulu": (True, "Moses Mabhida Stadium", "Durban"),
            "Golden Arrows": (True, "Sugar Ray Xulu Stadium", "Durban"),
            "Stellenbosch FC": (False, "Danie Craven Stadium", "Stellenbosch"),
            "Cape Town City": (False, "Cape Town Stadium", "Cape Town"),
            "TS Galaxy": (False, "Mbombela Stadium", "Mbombela"),
            "Polokwane City": (False, "Peter Mokaba Stadium", "Polokwane"),
            "Chippa United": (False, "Nelson Mandela Bay Stadium", "Gqeberha"),
            "Richards Bay FC": (False, "King Zwelithini Stadium", "Richards Bay"),
        },
        "club_competitions": ["Betway Premiership", "Nedbank Cup", "MTN8", "Carling Knockout"],
        "national": {
            "Bafana Bafana": ["World Cup qualifier", "Africa Cup of Nations qualifier"],
            "Banyana Banyana": ["Women's Africa Cup of Nations qualifier", "Cosafa Women's Cup"],
        },
        "national_grounds": [
            ("FNB Stadium", "Johannesburg"),
            ("Moses Mabhida Stadium", "Durban"),
            ("Orlando Stadium", "Soweto"),
            ("Mbombela Stadium", "Mbombela"),
        ],
        "opponents": ["Nigeria", "Ghana", "Morocco", "Zambia", "Senegal", "Cameroon", "Egypt"],
        "tags": ["soccer", "football"],
        "club_tags": ["psl"],
        "national_tags": ["bafana bafana"],
        "picture": "pitch",
    },
    "rugby": {
        "label": "rugby",
        "clubs": {
            "Bulls": (True, "Loftus Versfeld", "Pretoria"),
            "Stormers": (True, "Cape Town Stadium", "Cape Town"),
            "Sharks": (True, "Kings Park", "Durban"),
            "Lions": (True, "Ellis Park", "Johannesburg"),
            "Cheetahs": (True, "Free State Stadium", "Bloemfontein"),
            "Pumas": (True, "Mbombela Stadium", "Mbombela"),
            "Griquas": (True, "Griqua Park", "Kimberley"),
        },
        "club_competitions": ["United Rugby Championship", "Currie Cup"],
        "national": {"Springboks": ["Rugby Championship", "July Test series"]},
        "national_grounds": [
            ("Ellis Park", "Johannesburg"),
            ("Loftus Versfeld", "Pretoria"),
            ("Kings Park", "Durban"),
            ("Cape Town Stadium", "Cape Town"),
            ("Nelson Mandela Bay Stadium", "Gqeberha"),
        ],
        "opponents": ["New Zealand", "Australia", "Argentina", "Ireland", "France", "Wales"],
        "tags": ["rugby"],
        "club_tags": ["urc", "currie cup"],
        "national_tags": ["springboks"],
        "picture": "posts",
    },
    "cricket": {
        "label": "cricket",
        "clubs": {
            "MI Cape Town": (False, "Newlands", "Cape Town"),
            "Paarl Royals": (True, "Boland Park", "Paarl"),
            "Joburg Super Kings": (True, "the Wanderers", "Johannesburg"),
            "Durban's Super Giants": (True, "Kingsmead", "Durban"),
            "Pretoria Capitals": (True, "SuperSport Park", "Centurion"),
            "Sunrisers Eastern Cape": (True, "St George's Park", "Gqeberha"),
        },
        "club_competitions": ["SA20"],
        "national": {"Proteas": ["Test series", "one-day series", "T20 series"]},
        "national_grounds": [
            ("the Wanderers", "Johannesburg"),
            ("Newlands", "Cape Town"),
            ("Kingsmead", "Durban"),
            ("SuperSport Park", "Centurion"),
            ("St George's Park", "Gqeberha"),
            ("Mangaung Oval", "Bloemfontein"),
            ("Buffalo Park", "East London"),
        ],
        "opponents": ["Australia", "India", "England", "Pakistan", "Sri Lanka", "New Zealand"],
        "tags": ["cricket"],
        "club_tags": ["sa20"],
        "national_tags": ["proteas"],
        "picture": "scoreboard",
    },
    "motorsport": {
        "label": "motorsport",
        # Racing teams invented for the demo, each with the circuit it calls home.
        "clubs": {
            "Highveld Racing": (False, "Kyalami", "Midrand"),
            "Jacaranda Motorsport": (False, "Zwartkops Raceway", "Pretoria"),
            "Cape Point Racing": (False, "Killarney", "Cape Town"),
            "Bayside Motorsport": (False, "Aldo Scribante", "Gqeberha"),
            "Buffalo Racing": (False, "the East London Grand Prix circuit", "East London"),
            "Red Star Racing": (False, "Red Star Raceway", "Delmas"),
        },
        "club_competitions": [
            "Global Touring Car championship",
            "national sports car championship",
        ],
        "national": {},
        "national_grounds": [],
        "opponents": [],
        "tags": ["motorsport"],
        "club_tags": ["touring cars", "sports cars"],
        "national_tags": [],
        "picture": "track",
    },
}

BALL_TOPICS = {
    "soccer": [
        {
            "result": "win",
            "headlines": [
                ("{team}", None, "beat", "{rival} {score} in the {competition}"),
                ("{team}", None, "edge", "{rival} {score} at {ground}"),
                ("Late goal", False, "give", "{team} victory over {rival}"),
            ],
            "standfirst": "{the_team} beat {the_rival} {score} at {ground} on {day}; {player} "
            "scored the winner in the {minute}th minute.",
            "lede": "{the_team} beat {the_rival} {score} in the {competition} at {ground} in "
            "{town} on {day}. {player} scored the winner in the {minute}th minute, turning in a "
            "cross at the near post.",
            "paragraphs": [
                "The visitors had the better of the first half and hit the crossbar before "
                "the break.",
                "The home side changed shape after half-time and pressed higher up the field.",
                "A crowd of about {crowd} thousand stayed on their feet for the last ten minutes.",
                "The next match is away from home, next weekend.",
            ],
            "subheads": ["A tight first half", "The winner", "Next up"],
            "quotes": [
                ("We were patient, and patience won it.", "{side} coach"),
                ("I just had to get a foot to it.", "{side} forward"),
            ],
        },
        {
            "result": "draw",
            "headlines": [
                ("{team}", None, "draw", "{score} with {rival} at {ground}"),
                ("{team}", None, "keep", "unbeaten run with a draw against {rival}"),
            ],
            "standfirst": "{the_team} and {the_rival} drew {score} at {ground} on {day}, a result "
            "that keeps both sides in the hunt in the {competition}.",
            "lede": "{the_team} and {the_rival} drew {score} in the {competition} at {ground} in "
            "{town} on {day}, with both goalkeepers making important saves in the second half.",
            "paragraphs": [
                "{player} gave the home side the lead with a header from a corner.",
                "The equaliser came from a penalty after a foul on the edge of the area.",
                "Neither coach was happy with the referee's time-keeping at the end.",
                "The point keeps {the_team} in the top half of the table.",
            ],
            "subheads": ["An early lead", "The penalty", "Where it leaves them"],
            "quotes": [
                ("A point away from home would be fine; at home it is two lost.", "{side} coach"),
                ("We will take the draw and move on.", "{side} captain"),
            ],
        },
        {
            "result": "squad",
            "national": True,
            "headlines": [
                ("{side} coach", False, "name", "squad for {competition} against {rival}"),
                ("{team}", None, "recall", "veteran defender for {rival} match"),
            ],
            "standfirst": "The {side} coach named a squad of {n} for the {competition} against "
            "{the_rival} at {ground}, recalling an experienced defender.",
            "lede": "The {side} coach named a squad of {n} players in {town} on {day} for the "
            "{competition} against {the_rival} at {ground} next week, recalling an experienced "
            "defender who missed the last two matches with a knee injury.",
            "paragraphs": [
                "Three uncapped players were included after strong seasons with their clubs.",
                "The squad meets in {town} on Sunday and trains at {ground} all week.",
                "{the_rival} are ahead of South Africa in the world rankings.",
                "Tickets are on sale at the stadium and online.",
            ],
            "subheads": ["The squad", "New faces", "Tickets"],
            "quotes": [
                ("Every player here has earned a place.", "{side} coach"),
                ("The fans at {ground} will be our twelfth player.", "{side} captain"),
            ],
        },
    ],
    "rugby": [
        {
            "result": "win",
            "headlines": [
                ("{team}", None, "beat", "{rival} {score} in the {competition}"),
                ("{team}", None, "thrash", "{rival} {score} at {ground}"),
                ("Second-half tries", True, "sink", "{rival} at {ground}"),
            ],
            "standfirst": "{the_team} beat {the_rival} {score} at {ground} on {day}, scoring "
            "three tries after half-time.",
            "lede": "{the_team} beat {the_rival} {score} in the {competition} at {ground} in "
            "{town} on {day}, scoring three tries in the second half after trailing at the break.",
            "paragraphs": [
                "The forwards took control at the scrum and the lineout after half-time.",
                "{player} scored two of the tries, both from driving mauls.",
                "The flyhalf kicked every conversion and a long penalty from near halfway.",
                "The side travels for its next match in ten days.",
            ],
            "subheads": ["Behind at the break", "The pack takes over", "Next up"],
            "quotes": [
                ("The forwards won that game for us.", "{side} coach"),
                ("We spoke at half-time about winning the collisions.", "{side} captain"),
            ],
        },
        {
            "result": "squad",
            "national": True,
            "headlines": [
                ("{side} coach", False, "name", "{n} players for {rival} Test"),
                ("{team}", None, "welcome", "back injured lock for {rival} Test"),
            ],
            "standfirst": "The {side} coach named {n} players for the {competition} match against "
            "{the_rival} at {ground}, with a lock back from injury.",
            "lede": "The {side} coach named {n} players in {town} on {day} for the {competition} "
            "match against {the_rival} at {ground}, bringing back a lock who missed six weeks "
            "with a shoulder injury.",
            "paragraphs": [
                "Two uncapped loose forwards were included after strong club seasons.",
                "The squad trains in {town} this week before the team is announced on Thursday.",
                "{the_rival} have won two of the last five matches between the sides.",
                "The match is sold out, the union said.",
            ],
            "subheads": ["The squad", "Back from injury", "A sold-out ground"],
            "quotes": [
                ("Depth is what wins a long season.", "{side} coach"),
                ("It is good to be back with the group.", "{side} lock"),
            ],
        },
    ],
    "cricket": [
        {
            "result": "win",
            "headlines": [
                ("{team}", None, "beat", "{rival} by {margin} at {ground}"),
                ("{team}", None, "chase", "down {runs} to beat {rival}"),
                ("Century at {ground}", False, "give", "{team} win over {rival}"),
            ],
            "standfirst": "{the_team} beat {the_rival} by {margin} at {ground} on {day}, with "
            "{player} scoring a century.",
            "lede": "{the_team} beat {the_rival} by {margin} in the {competition} at {ground} in "
            "{town} on {day}, with {player} scoring a century in front of a full house.",
            "paragraphs": [
                "{the_rival} chose to bat first on a pitch that helped the seamers in the morning.",
                "The spinners took four wickets in the middle overs to slow the scoring.",
                "{player} reached a hundred with a six over long-on.",
                "The next match is at the same ground in two days.",
            ],
            "subheads": ["The toss", "Spin in the middle overs", "A hundred"],
            "quotes": [
                ("It is special to score a hundred at home.", "{side} batter"),
                ("We bowled with discipline in the middle overs.", "{side} captain"),
            ],
        },
        {
            "result": "squad",
            "national": True,
            "headlines": [
                ("Selectors", True, "name", "{side} squad for {competition} against {rival}"),
                ("{team}", None, "recall", "fast bowler for {rival} series"),
            ],
            "standfirst": "Selectors named a {side} squad of {n} for the {competition} against "
            "{the_rival}, which starts at {ground}; a fast bowler is back after injury.",
            "lede": "Selectors named a {side} squad of {n} players in {town} on {day} for the "
            "{competition} against {the_rival}, which begins at {ground}. A fast bowler who "
            "missed the last series with a back injury returns.",
            "paragraphs": [
                "Two young batters were included after scoring heavily in domestic cricket.",
                "The squad gathers in {town} for a training camp before the first match.",
                "{the_rival} arrive next week and play a warm-up match in Potchefstroom.",
                "Tickets for the first day at {ground} are almost sold out.",
            ],
            "subheads": ["The squad", "A fast bowler returns", "The visitors"],
            "quotes": [
                ("We picked for the conditions at home.", "convener of selectors"),
                ("The body feels good and I am ready.", "{side} fast bowler"),
            ],
        },
    ],
    "motorsport": [
        {
            "result": "race",
            "headlines": [
                ("{player}", False, "win", "{competition} round at {ground}"),
                ("{team}", False, "take", "a one-two at {ground}"),
                ("{player}", False, "lead", "the {competition} after {ground} double"),
            ],
            "standfirst": "{player} of {the_team} won both races of the {competition} round at "
            "{ground} on {day} and leads the championship.",
            "lede": "{player} of {the_team} won both races of the {competition} round at {ground} "
            "near {town} on {day}, finishing {gap} seconds clear of the field in the second race "
            "and moving to the top of the championship.",
            "paragraphs": [
                "Rain before the first race left the track slippery, and two cars went off at "
                "the first corner.",
                "{player} started from pole position and led every lap of the second race.",
                "The team changed the car's set-up overnight after a difficult qualifying session.",
                "The next round is in four weeks.",
            ],
            "subheads": ["A wet start", "Lights to flag", "The championship"],
            "quotes": [
                ("The car was perfect in the second race.", "{team} driver"),
                ("The crew worked until midnight on the set-up.", "{team} team principal"),
            ],
        },
    ],
}
