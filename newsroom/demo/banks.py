"""Herald's own phrase banks for the demo's news beats, written for Herald (nothing copied).

A beat is a set of topics. A topic gives headline triples (subject, whether it is plural, the
base form of its verb, the rest), a standfirst that says what the lede says, the lede and the
paragraphs after it, subheadings, quotes with the role of the person quoted, tags, the kind of
picture drawn for it, and the towns it may be filed from when not any. ``{slots}`` are filled
per story from the story's place (its dateline) and a few numbers, so that every story stays
about one place. The sport beats are in ``banks_sport``; ``text.CopyDesk`` combines both.
"""

# Third-person singular forms of every verb a headline uses: the agreement test checks that a
# plural subject never takes one of these, and a singular subject always does.
VERBS = {
    "approve": "approves",
    "pass": "passes",
    "warn": "warns",
    "promise": "promises",
    "table": "tables",
    "reject": "rejects",
    "vote": "votes",
    "demand": "demands",
    "march": "marches",
    "call": "calls",
    "face": "faces",
    "win": "wins",
    "hear": "hears",
    "postpone": "postpones",
    "grant": "grants",
    "order": "orders",
    "jail": "jails",
    "set": "sets",
    "close": "closes",
    "reopen": "reopens",
    "delay": "delays",
    "cut": "cuts",
    "add": "adds",
    "urge": "urges",
    "issue": "issues",
    "bring": "brings",
    "raise": "raises",
    "hold": "holds",
    "slip": "slips",
    "gain": "gains",
    "report": "reports",
    "plan": "plans",
    "open": "opens",
    "launch": "launches",
    "expand": "expands",
    "hire": "hires",
    "shed": "sheds",
    "fine": "fines",
    "roll": "rolls",
    "test": "tests",
    "return": "returns",
    "draw": "draws",
    "celebrate": "celebrates",
    "turn": "turns",
    "meet": "meets",
    "agree": "agrees",
    "sign": "signs",
    "count": "counts",
    "beat": "beats",
    "edge": "edges",
    "stun": "stuns",
    "thrash": "thrashes",
    "name": "names",
    "recall": "recalls",
    "lose": "loses",
    "chase": "chases",
    "claim": "claims",
    "take": "takes",
    "lead": "leads",
    "fight": "fights",
    "keep": "keeps",
    "book": "books",
    "seal": "seals",
    "unveil": "unveils",
    "welcome": "welcomes",
    "restore": "restores",
    "brace": "braces",
    "ask": "asks",
    "struggle": "struggles",
}

# Each South African dateline with its municipality and province. Herald's places table holds
# them all, so a story filed from one shows in that town's local news.
TOWNS = {
    "Johannesburg": ("City of Johannesburg", "Gauteng"),
    "Soweto": ("City of Johannesburg", "Gauteng"),
    "Pretoria": ("City of Tshwane", "Gauteng"),
    "Cape Town": ("City of Cape Town", "Western Cape"),
    "Stellenbosch": ("Stellenbosch municipality", "Western Cape"),
    "George": ("George municipality", "Western Cape"),
    "Durban": ("eThekwini municipality", "KwaZulu-Natal"),
    "Pietermaritzburg": ("Msunduzi municipality", "KwaZulu-Natal"),
    "Richards Bay": ("City of uMhlathuze", "KwaZulu-Natal"),
    "Gqeberha": ("Nelson Mandela Bay municipality", "Eastern Cape"),
    "East London": ("Buffalo City municipality", "Eastern Cape"),
    "Mthatha": ("King Sabata Dalindyebo municipality", "Eastern Cape"),
    "Bloemfontein": ("Mangaung municipality", "Free State"),
    "Welkom": ("Matjhabeng municipality", "Free State"),
    "Polokwane": ("Polokwane municipality", "Limpopo"),
    "Mbombela": ("City of Mbombela", "Mpumalanga"),
    "Kimberley": ("Sol Plaatje municipality", "Northern Cape"),
    "Upington": ("Dawid Kruiper municipality", "Northern Cape"),
    "Rustenburg": ("Rustenburg municipality", "North West"),
    "Potchefstroom": ("JB Marks municipality", "North West"),
}

# Roads and landmarks a transport story can name, by town.
ROADS = {
    "Johannesburg": ["the M1 north", "the N1 western bypass", "Jan Smuts Avenue"],
    "Soweto": ["the Soweto Highway", "Klipspruit Valley Road"],
    "Pretoria": ["the N1 at Proefplaas", "the R21", "Lynnwood Road"],
    "Cape Town": ["the N2 near the airport", "the M3 at Newlands", "Voortrekker Road"],
    "Stellenbosch": ["the R44", "Adam Tas Road"],
    "George": ["the N2 at the Kaaimans pass", "York Street"],
    "Durban": ["the N3 at the Westville viaduct", "the M4 north", "Umgeni Road"],
    "Pietermaritzburg": ["the N3 at Townhill", "Chief Albert Luthuli Street"],
    "Richards Bay": ["the John Ross Highway", "the N2 at Empangeni"],
    "Gqeberha": ["the William Moffett Expressway", "the N2 at Greenbushes"],
    "East London": ["the N2 at Mount Coke", "Oxford Street"],
    "Mthatha": ["the N2 through town", "Sissons Street"],
    "Bloemfontein": ["the N1 at Brandwag", "Nelson Mandela Drive"],
    "Welkom": ["the R30", "Stateway"],
    "Polokwane": ["the N1 ring road", "Thabo Mbeki Street"],
    "Mbombela": ["the N4 at Crocodile Gorge", "Samora Machel Drive"],
    "Kimberley": ["the N12 at Kimberley", "Du Toitspan Road"],
    "Upington": ["the N14 bridge", "Schröder Street"],
    "Rustenburg": ["the N4 platinum highway", "Nelson Mandela Drive"],
    "Potchefstroom": ["the N12 at Potchefstroom", "Walter Sisulu Avenue"],
}

FIRST_NAMES = [
    "Thandiwe", "Sipho", "Lerato", "Pieter", "Ayesha", "Johan", "Nomvula", "Themba",
    "Karabo", "Naledi", "Riaan", "Priya", "Bongani", "Zanele", "Mpho", "Anele",
    "Francois", "Fatima", "Lindiwe", "Kagiso", "Marike", "Tshepo", "Nandi", "Deon",
]  # fmt: skip
SURNAMES = [
    "Dlamini", "Nkosi", "Mokoena", "van der Merwe", "Naidoo", "Botha", "Khumalo",
    "Petersen", "Mahlangu", "Pillay", "Ndlovu", "Jacobs", "Molefe", "Steyn", "Cele",
    "Adams", "Mthembu", "du Plessis", "Maseko", "Govender", "Sithole", "Hendricks",
    "Radebe", "Kruger",
]  # fmt: skip

# The big cities, whose budgets run to billions.
METROS = {"Johannesburg", "Soweto", "Pretoria", "Cape Town", "Durban", "Gqeberha", "East London"}
METROS |= {"Bloemfontein"}

# Most news is filed from the big cities: datelines are drawn from this list, in which they
# appear more often.
DATELINES = [
    *["Johannesburg"] * 5,
    *["Cape Town"] * 5,
    *["Durban"] * 3,
    *["Pretoria"] * 3,
    *TOWNS,
]

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

NEWS_TOPICS = {
    "politics": [
        {
            "headlines": [
                ("{council}", False, "pass", "{budget} budget after late sitting"),
                ("Ratepayers", True, "reject", "{short} tariff increases"),
                ("{council}", False, "table", "budget with more money for water pipes"),
                ("Opposition councillors", True, "vote", "against {short} budget"),
            ],
            "standfirst": "Councillors in {place} approved a {budget} budget that puts "
            "more money into water and roads, but residents will pay {pct}% more for "
            "electricity from July.",
            "lede": "Councillors in {place} approved a {budget} budget on {day} night after "
            "a sitting that ran past midnight. The {council} will spend more on water pipes and "
            "road repairs, and electricity tariffs will rise by {pct}% from July.",
            "paragraphs": [
                "Opposition parties voted against the budget, arguing that the tariff increase "
                "would hurt pensioners and small businesses most.",
                "The finance committee said about a third of the capital budget would go to "
                "replacing old water pipes, some of them laid more than sixty years ago.",
                "Residents who spoke during the public comment period asked for a clear list "
                "of projects by ward, so that they could check what was delivered.",
                "The budget must now be submitted to the provincial treasury in {province}, "
                "which will review whether the {council} can collect the revenue it expects.",
            ],
            "subheads": ["Where the money goes", "Tariffs from July", "What residents asked"],
            "quotes": [
                (
                    "This budget fixes what is under the ground before it builds anything new.",
                    "member of the mayoral committee for finance",
                ),
                (
                    "People cannot pay more for a service that keeps failing them.",
                    "opposition caucus leader",
                ),
            ],
            "tags": ["local government", "water", "budget"],
        },
        {
            "headlines": [
                ("Residents", True, "march", "to {short} offices over housing delays"),
                ("Community leaders", True, "demand", "answers on stalled housing project"),
                ("Housing department", False, "promise", "new timeline for {place} project"),
                ("Housing minister", False, "promise", "to unblock {place} project"),
            ],
            "standfirst": "Hundreds of residents marched through {place} to demand answers "
            "about a housing project that was due to be finished two years ago.",
            "lede": "Hundreds of residents marched to the offices of the {council} in {place} on "
            "{day}, carrying placards and a memorandum about a housing project that was meant "
            "to be finished two years ago. Only {n} of the planned houses have been handed over.",
            "paragraphs": [
                "The marchers said families had been living in temporary structures since the "
                "land was cleared, with shared taps and toilets.",
                "A housing official accepted the memorandum and promised a reply within seven "
                "days.",
                "The provincial housing department in {province} said the contractor had been "
                "replaced and work would resume next month.",
                "Police monitored the march, which ended peacefully in the early afternoon.",
            ],
            "subheads": ["Two years late", "A memorandum and a deadline", "What happens next"],
            "quotes": [
                (
                    "We were told to be patient, and we have been patient for too long.",
                    "community leader",
                ),
                (
                    "The new contractor is on site and the first houses will be ready this year.",
                    "provincial housing department spokesperson",
                ),
            ],
            "tags": ["housing", "protest"],
        },
        {
            "headlines": [
                ("Premier", False, "promise", "more clinic staff for {province}"),
                ("Health minister", False, "visit", "{place} clinics with the longest queues"),
                ("Health workers", True, "welcome", "plan to hire {n} nurses"),
                ("Provincial legislature", False, "debate", "state of clinics in {province}"),
            ],
            "standfirst": "The {province} government will hire {n} nurses and keep clinics "
            "around {place} open longer, the premier said in the annual address.",
            "lede": "The premier of {province} promised on {day} to hire {n} nurses and to keep "
            "the busiest clinics around {place} open until eight in the evening, in an address "
            "to the provincial legislature that focused on health care.",
            "paragraphs": [
                "Patients at some clinics wait more than four hours to be seen, according to "
                "figures the health department presented to the legislature.",
                "Opposition members said previous promises to fill vacant posts had not been "
                "kept and asked for a timetable.",
                "Unions representing health workers welcomed the plan but said the province "
                "also had to pay overtime on time.",
                "The address also covered school transport and road maintenance, which will "
                "be debated next week.",
            ],
            "subheads": ["Longer hours at clinics", "Vacant posts", "Reaction"],
            "quotes": [
                (
                    "A clinic that closes at four is no use to someone who works until five.",
                    "premier of {province}",
                ),
                (
                    "We have heard this before. We want to see the appointment letters.",
                    "opposition health spokesperson",
                ),
            ],
            "tags": ["health", "provincial government"],
        },
    ],
    "courts": [
        {
            "headlines": [
                ("Court", False, "postpone", "fraud trial of former {short} officials"),
                ("Former officials", True, "face", "fraud charges over R{m} million tender"),
                ("State", False, "hear", "from first witness in {place} tender trial"),
            ],
            "standfirst": "Four former officials of the {council} are accused of fraud over a "
            "R{m} million tender; the case was postponed so that the defence can study new "
            "evidence.",
            "lede": "The trial of four former officials of the {council} accused of fraud over a "
            "R{m} million tender was postponed in the {place} Regional Court on {day}, after "
            "the defence asked for time to study documents handed over by the State.",
            "paragraphs": [
                "The four are accused of inflating the price of a contract for water meters "
                "and of receiving payments from the company that won it.",
                "They have pleaded not guilty and remain free on bail.",
                "The prosecution told the court that it intends to call {n} witnesses, among "
                "them two forensic auditors.",
                "The case returns to court next month, when the magistrate is expected to set "
                "dates for the trial.",
            ],
            "subheads": ["The tender", "Bail and next steps", "Witnesses"],
            "quotes": [
                (
                    "The State is ready to proceed, and its witnesses are available.",
                    "National Prosecuting Authority regional spokesperson",
                ),
                (
                    "My clients have always co-operated and look forward to clearing their names.",
                    "defence attorney",
                ),
            ],
            "tags": ["courts", "corruption"],
        },
        {
            "headlines": [
                ("High Court", False, "order", "{short} to restore water to households"),
                ("Residents", True, "win", "court battle over water cut-offs in {place}"),
                ("Municipality", False, "ask", "for more time to fix water supply"),
            ],
            "standfirst": "The High Court ordered the {council} to restore water to households "
            "in {place} within fourteen days and to report back on its repairs.",
            "lede": "The High Court ordered the {council} on {day} to restore running water to "
            "about {k} households in {place} within fourteen days, after residents' "
            "associations argued that months of cut-offs had violated their right to water.",
            "paragraphs": [
                "The judge found that the municipality had not explained why repairs to a "
                "pump station had taken more than five months.",
                "The municipality must file a report on the repairs with the court, and "
                "deliver water by tanker until supply is restored.",
                "The residents' lawyers said they would go back to court if the order was ignored.",
                "The municipality said it was studying the judgment.",
            ],
            "subheads": ["Fourteen days", "Tankers in the meantime", "The municipality's reply"],
            "quotes": [
                ("Today the court listened to people who had no water.", "residents' attorney"),
                (
                    "We respect the court and our teams are working on the pump station.",
                    "municipal spokesperson",
                ),
            ],
            "tags": ["courts", "water"],
        },
        {
            "headlines": [
                ("Magistrate", False, "jail", "cable thief for twelve years"),
                ("Cable thieves", True, "face", "tougher sentences, says prosecutor"),
                ("Court", False, "set", "bail for suspects in {place} cable theft case"),
            ],
            "standfirst": "A man caught with copper cable stolen from a substation in {place} "
            "was sentenced to twelve years in prison; the outages had left thousands "
            "without power.",
            "lede": "A man arrested with copper cable stolen from a substation in {place} was "
            "sentenced to twelve years in prison by the {place} Magistrate's Court on {day}. "
            "The theft left about {k} households without electricity for three days.",
            "paragraphs": [
                "The court heard that he was found with the cable in the boot of a car a "
                "short distance from the substation.",
                "The magistrate said theft of infrastructure harmed whole communities, "
                "including clinics and schools.",
                "Two other men arrested with him are due to stand trial separately.",
                "The {council} said cable theft had cost it R{m} million in the past year.",
            ],
            "subheads": ["Caught near the substation", "A message to others", "The cost"],
            "quotes": [
                (
                    "Every metre of cable stolen is a school or a clinic without power.",
                    "senior public prosecutor",
                ),
                (
                    "We welcome the sentence and thank the residents who reported the theft.",
                    "municipal electricity manager",
                ),
            ],
            "tags": ["courts", "crime", "electricity"],
        },
    ],
    "transport": [
        {
            "headlines": [
                ("Roadworks", True, "close", "{road} for three weekends"),
                ("Motorists", True, "brace", "for delays on {road}"),
                ("Roads agency", False, "plan", "night work on {road}"),
            ],
            "standfirst": "Part of {road} in {place} will close for three weekends while it is "
            "resurfaced; drivers are asked to use alternative routes.",
            "lede": "Part of {road} in {place} will close for three weekends from {day} while the "
            "road is resurfaced, the roads agency said. Traffic will be diverted, and drivers "
            "should expect delays of up to {n} minutes.",
            "paragraphs": [
                "The closures run from eight on Friday evening until five on Monday morning.",
                "Metro police officers will be posted at the main intersections to direct "
                "traffic during the closures.",
                "The agency said the surface had deteriorated after heavy trucks began using "
                "the road to avoid tolls.",
                "Taxi associations said they would adjust their routes and asked commuters to "
                "leave earlier.",
            ],
            "subheads": ["When the road is closed", "Diversions", "Why now"],
            "quotes": [
                (
                    "A weekend of delays now saves months of potholes later.",
                    "roads agency project manager",
                ),
                (
                    "Our drivers will adapt, but commuters must plan ahead.",
                    "taxi association chairperson",
                ),
            ],
            "tags": ["traffic", "roads"],
        },
        {
            "headlines": [
                ("Commuter trains", True, "return", "to {place} line after four years"),
                ("Rail agency", False, "reopen", "{place} line with a reduced timetable"),
                ("Passengers", True, "welcome", "trains back in {place}"),
            ],
            "standfirst": "Trains are running again on a commuter line in {place} that closed "
            "four years ago after cable theft and vandalism; a full timetable is promised "
            "by the end of the year.",
            "lede": "Commuter trains returned to a line in {place} on {day} for the first time in "
            "four years, after the rail agency replaced stolen cables and repaired {n} stations. "
            "Trains will run every forty minutes at first.",
            "paragraphs": [
                "The line closed after repeated theft of overhead cables and damage to signals.",
                "Commuters who spoke to Herald said a train ticket cost a fraction of the taxi "
                "fare they had paid in the meantime.",
                "The agency said security guards and drones would patrol the line at night.",
                "A full timetable, with trains every fifteen minutes at peak times, is "
                "promised by the end of the year.",
            ],
            "subheads": ["Four years without trains", "Fares", "Keeping the line safe"],
            "quotes": [
                ("I saved more than half my transport money this week.", "commuter"),
                (
                    "We are rebuilding the network one line at a time, and this is one more.",
                    "regional manager of the rail agency",
                ),
            ],
            "tags": ["trains", "transport"],
        },
        {
            "headlines": [
                ("Fuel price", False, "slip", "but diesel users pay more"),
                ("Motorists", True, "count", "cost of {pct}% rise in taxi fares"),
                ("Taxi owners", True, "raise", "fares after diesel increase"),
            ],
            "standfirst": "Taxi fares in {place} rise by {pct}% from {day} after a higher "
            "diesel price; petrol is a little cheaper this month.",
            "lede": "Taxi fares on most routes in {place} will rise by {pct}% from {day}, the "
            "local taxi council said, after the monthly fuel adjustment raised the price of "
            "diesel while petrol became slightly cheaper.",
            "paragraphs": [
                "The energy department said a weaker rand and higher international prices had "
                "pushed up the cost of diesel.",
                "Commuters said the increase would take a large share of their monthly wages.",
                "Taxi owners said insurance and maintenance had also become more expensive.",
                "The next fuel adjustment is announced at the end of the month.",
            ],
            "subheads": ["What commuters pay", "Why diesel rose", "Next month"],
            "quotes": [
                (
                    "We held fares for a year; we cannot hold them any longer.",
                    "taxi council chairperson",
                ),
                ("It is more money out of the same wage.", "commuter"),
            ],
            "tags": ["fuel price", "taxis", "transport"],
        },
    ],
    "weather": [
        {
            "headlines": [
                ("Weather service", False, "issue", "orange warning for {place}"),
                ("Heavy rain", False, "bring", "flooding to low-lying parts of {place}"),
                ("Disaster teams", True, "urge", "residents to avoid flooded roads"),
            ],
            "standfirst": "Heavy rain is expected in {place} until {day}; the weather service "
            "warns of flooding on low-lying roads and in informal settlements.",
            "lede": "The weather service issued an orange level-{lvl} warning for {place} and "
            "surrounding areas, with up to {mm} millimetres of rain expected before {day}. "
            "Flooding is likely on low-lying roads and bridges.",
            "paragraphs": [
                "Disaster management teams have opened community halls for families who need "
                "to leave their homes.",
                "Motorists are asked not to drive through flowing water, even where it looks "
                "shallow.",
                "Schools in the worst-affected areas may close early, the provincial education "
                "department in {province} said.",
                "The rain is expected to clear by the weekend, with cold and windy conditions "
                "to follow.",
            ],
            "subheads": [
                "Where the rain falls",
                "Stay off flooded roads",
                "Clearing by the weekend",
            ],
            "quotes": [
                (
                    "Thirty centimetres of flowing water is enough to carry a car away.",
                    "disaster management spokesperson",
                ),
                ("The heaviest falls are expected overnight.", "forecaster at the weather service"),
            ],
            "tags": ["weather", "floods"],
        },
        {
            "headlines": [
                ("Heatwave", False, "hold", "{place} in its grip until {day}"),
                ("Health officials", True, "warn", "of heat stress as temperatures reach {hot}°C"),
                ("Farmers", True, "brace", "for another week without rain"),
            ],
            "standfirst": "Temperatures in {place} will reach {hot}°C until {day}; health "
            "officials ask residents to drink water and check on elderly neighbours.",
            "lede": "A heatwave will keep temperatures in {place} around {hot}°C until {day}, "
            "the weather service said, several degrees above the average for the time of year. "
            "Health officials asked people to stay out of the sun at midday.",
            "paragraphs": [
                "Elderly people, small children and outdoor workers are most at risk of heat "
                "stress.",
                "The {council} asked residents to use water sparingly, as reservoirs were "
                "running lower than usual.",
                "Fire services warned that dry vegetation could catch fire easily.",
                "Cooler air with a chance of thundershowers is expected after the heatwave.",
            ],
            "subheads": ["Who is most at risk", "Save water", "Relief in sight"],
            "quotes": [
                (
                    "Drink water before you feel thirsty.",
                    "provincial health department spokesperson",
                ),
                (
                    "These temperatures are unusual for this early in the season.",
                    "forecaster at the weather service",
                ),
            ],
            "tags": ["weather", "heatwave", "water"],
        },
    ],
}

# The News site's South Africa section mixes these beats.
NEWS_BEATS = ["politics", "courts", "transport", "weather"]

WORLD_PLACES = {
    "London": "the United Kingdom",
    "Washington": "the United States",
    "Brussels": "the European Union",
    "Geneva": "Switzerland",
    "New Delhi": "India",
    "Beijing": "China",
    "Brasília": "Brazil",
    "Tokyo": "Japan",
}
AFRICA_PLACES = {
    "Nairobi": "Kenya",
    "Lagos": "Nigeria",
    "Harare": "Zimbabwe",
    "Gaborone": "Botswana",
    "Maputo": "Mozambique",
    "Windhoek": "Namibia",
    "Addis Ababa": "Ethiopia",
    "Lusaka": "Zambia",
    "Accra": "Ghana",
}

ABROAD_TOPICS = {
    "world": [
        {
            "headlines": [
                ("Trade ministers", True, "agree", "to cut tariffs on farm goods"),
                ("South African exporters", True, "welcome", "deal struck in {place}"),
                ("Trade minister", False, "hail", "farm tariff deal in {place}"),
                ("Talks in {place}", True, "end", "with a deal on farm tariffs"),
            ],
            "standfirst": "Trade ministers meeting in {place} agreed to lower tariffs on farm "
            "goods over five years, which could help South African citrus and wine exporters.",
            "lede": "Trade ministers meeting in {place} agreed on {day} to lower tariffs on fruit, "
            "wine and grain over the next five years, after talks that ran a day beyond "
            "schedule. South Africa's citrus and wine exporters stand to gain.",
            "paragraphs": [
                "The agreement still has to be approved by each country's parliament.",
                "Exporters said lower tariffs would make South African fruit cheaper on "
                "supermarket shelves abroad.",
                "Some farmers' groups in {country} opposed the deal, saying it would expose "
                "them to more competition.",
                "The ministers will meet again next year to review progress.",
            ],
            "subheads": ["What was agreed", "Good news for citrus", "Opposition"],
            "quotes": [
                (
                    "Every cent off a tariff is a cent more for a farm worker's wage.",
                    "chief executive of an exporters' association",
                ),
                ("This is a fair deal for both sides.", "South Africa's trade minister"),
            ],
            "tags": ["trade", "world"],
        },
        {
            "headlines": [
                ("Climate negotiators", True, "agree", "on fund for drought-hit countries"),
                ("Poorer nations", True, "call", "for faster climate finance"),
                ("Summit in {place}", False, "close", "with a promise on climate finance"),
            ],
            "standfirst": "Negotiators in {place} agreed to set up a fund for countries hit by "
            "drought and floods; how much rich nations will pay in is still open.",
            "lede": "Climate negotiators meeting in {place} agreed on {day} to set up a fund for "
            "countries hit by drought and floods, but left the amounts that richer countries "
            "will pay in to be settled next year.",
            "paragraphs": [
                "South Africa's delegation said the fund must be easy for African countries "
                "to draw on.",
                "Campaigners outside the venue said the agreement did not go far enough.",
                "The host, {country}, said it would pay the fund's first contribution.",
                "Details of how the fund will be run are due within six months.",
            ],
            "subheads": ["A fund, but how big?", "Africa's position", "Next steps"],
            "quotes": [
                ("A fund without money is only a promise.", "climate campaigner"),
                ("We leave with more than we came for.", "head of South Africa's delegation"),
            ],
            "tags": ["climate", "world"],
        },
    ],
    "africa": [
        {
            "headlines": [
                ("Regional leaders", True, "meet", "in {place} on cross-border trade"),
                ("Truck drivers", True, "welcome", "plan to speed up border crossings"),
                ("Summit in {place}", False, "agree", "on one-stop border posts"),
            ],
            "standfirst": "Leaders of southern African countries meeting in {place} agreed to "
            "open one-stop border posts, which could cut waiting times for trucks from days "
            "to hours.",
            "lede": "Leaders of southern African countries meeting in {place} agreed on {day} to "
            "open one-stop border posts on the busiest trade routes, where trucks now wait up "
            "to three days to cross.",
            "paragraphs": [
                "At a one-stop post, officials of both countries check a truck once instead "
                "of twice.",
                "Freight companies say delays at borders add a large share to the cost of "
                "goods in the region.",
                "{country}'s government said the first post could open within eighteen months.",
                "South Africa's ports and rail lines carry much of the region's trade.",
            ],
            "subheads": ["Waiting at the border", "How a one-stop post works", "The timetable"],
            "quotes": [
                (
                    "I have slept three nights in my cab at the same border.",
                    "long-distance truck driver",
                ),
                ("Trade grows when goods move.", "regional trade commissioner"),
            ],
            "tags": ["africa", "trade"],
        },
        {
            "headlines": [
                ("Voters", True, "queue", "from dawn in {country}'s election"),
                ("Observers", True, "praise", "calm voting in {country}"),
                ("Electoral commission", False, "count", "votes after high turnout"),
            ],
            "standfirst": "Voters in {country} queued from before dawn in an election observers "
            "described as calm; results are expected within a week.",
            "lede": "Voters in {country} queued from before dawn on {day} to choose a new "
            "parliament, and observers described voting in {place} and elsewhere as calm. The "
            "electoral commission expects to announce results within a week.",
            "paragraphs": [
                "Turnout appeared high in the cities, observers said, with shorter queues in "
                "rural areas.",
                "Some polling stations opened late because ballot papers arrived late.",
                "Observer missions from the region will publish their reports after the "
                "results are announced.",
                "South Africa's government said it looked forward to working with whoever won.",
            ],
            "subheads": ["Long queues", "Late ballot papers", "When the results come"],
            "quotes": [
                (
                    "Polling staff worked through the night, and they deserve thanks.",
                    "member of South Africa's observer team",
                ),
                (
                    "Voting was orderly at every station we visited.",
                    "head of the regional observer mission",
                ),
            ],
            "tags": ["africa", "elections"],
        },
    ],
}
VERBS.update(
    {
        "visit": "visits",
        "hail": "hails",
        "end": "ends",
        "queue": "queues",
        "praise": "praises",
        "debate": "debates",
    }
)

BUSINESS_TOPICS = [
    {
        "headlines": [
            ("Rand", False, "gain", "as inflation slows to {infl}%"),
            ("Reserve Bank", False, "hold", "repo rate as inflation eases"),
            ("Economists", True, "expect", "a rate cut before the end of the year"),
            ("Finance minister", False, "welcome", "slower inflation"),
        ],
        "standfirst": "Inflation slowed to {infl}% last month and the rand strengthened; "
        "economists now expect the Reserve Bank to cut interest rates soon.",
        "lede": "Consumer inflation slowed to {infl}% last month, the statistics agency said on "
        "{day}, and the rand strengthened against the dollar in trading in {place}. Lower "
        "food and fuel prices did most of the work.",
        "paragraphs": [
            "Economists said the figure gave the Reserve Bank room to cut interest rates at "
            "one of its next meetings.",
            "Food inflation, which hurts poorer households most, fell for the fourth month in "
            "a row.",
            "Bond yields fell after the release, and shares of banks and retailers rose on the "
            "JSE.",
            "The Reserve Bank's monetary policy committee meets again next month.",
        ],
        "subheads": ["Food prices ease", "The markets", "What the Reserve Bank may do"],
        "quotes": [
            ("The door to a rate cut is now open.", "chief economist at a Johannesburg bank"),
            ("Shoppers will feel it first in the price of bread and maize meal.", "retail analyst"),
        ],
        "tags": ["economy", "rand", "inflation"],
        "places": ["Johannesburg", "Pretoria"],
        "picture": "chart",
    },
    {
        "headlines": [
            ("Mining group", False, "report", "higher profit on platinum prices"),
            ("Platinum miners", True, "plan", "to hire after a better year"),
            ("Mining shares", True, "lead", "the JSE higher"),
        ],
        "standfirst": "A mining group with shafts near {place} reported a higher profit as "
        "platinum prices rose, and said it would reopen a shaft and hire {n} workers.",
        "lede": "A mining group with shafts near {place} reported a {pct}% rise in half-year "
        "profit on {day}, helped by higher platinum prices and fewer interruptions to "
        "electricity supply. It plans to reopen a shaft and hire {n} workers.",
        "paragraphs": [
            "The group's shares rose on the JSE after the results were published.",
            "Unions welcomed the hiring plans and said they would push for higher wages at "
            "next year's talks.",
            "The company said better rail and port performance had helped it export more.",
            "It will pay an interim dividend for the first time in two years.",
        ],
        "subheads": ["Higher prices", "New jobs", "A dividend again"],
        "quotes": [
            (
                "Our people delivered a safe and steady half-year.",
                "chief executive of the mining group",
            ),
            ("Workers made this profit and must share in it.", "regional union organiser"),
        ],
        "tags": ["mining", "jobs", "markets"],
        "places": ["Rustenburg", "Polokwane", "Welkom", "Kimberley", "Mbombela"],
        "picture": "chart",
    },
    {
        "headlines": [
            ("Small businesses", True, "struggle", "with late payments from the state"),
            ("Suppliers", True, "wait", "months to be paid, survey finds"),
            ("Business chamber", False, "call", "for a thirty-day payment rule"),
        ],
        "standfirst": "Small businesses in {place} wait an average of {late} days to be paid by "
        "government departments, a business chamber survey found.",
        "lede": "Small businesses that supply government departments in {place} wait an average "
        "of {late} days to be paid, according to a survey by the local business chamber "
        "published on {day}, more than twice the thirty days the rules allow.",
        "paragraphs": [
            "Almost a third of the businesses surveyed said they had laid off staff because "
            "of late payments.",
            "The chamber wants departments that pay late to be named in Parliament every quarter.",
            "The treasury said it was working with departments to clear old invoices.",
            "Business owners said they had taken out expensive loans to pay their workers.",
        ],
        "subheads": ["Ninety days and more", "Jobs lost", "What the treasury says"],
        "quotes": [
            ("A small firm cannot be the state's bank.", "chief executive of the business chamber"),
            (
                "I paid my staff with my own savings for three months.",
                "owner of a cleaning company",
            ),
        ],
        "tags": ["economy", "small business", "jobs"],
        "picture": "chart",
    },
]
VERBS.update({"expect": "expects", "wait": "waits"})

TECH_TOPICS = [
    {
        "headlines": [
            ("Mobile operators", True, "cut", "data prices by up to {pct}%"),
            ("Regulator", False, "welcome", "cheaper mobile data"),
            ("Operator", False, "roll", "out 5G in {place}"),
        ],
        "standfirst": "Two mobile operators cut the price of their data bundles by up to "
        "{pct}%, and one is switching on 5G in {place}.",
        "lede": "Two of the country's mobile operators cut the price of monthly data bundles by "
        "up to {pct}% on {day}, and one said it would switch on its 5G network in {place} "
        "before the end of the month.",
        "paragraphs": [
            "The communications regulator has pushed operators for years to lower data costs.",
            "Prepaid customers, who buy small bundles, pay the most per gigabyte.",
            "The operator said new masts were powered by batteries and solar panels so that "
            "they keep working during power cuts.",
            "Consumer groups said the cuts were welcome but should reach the smallest bundles too.",
        ],
        "subheads": ["Cheaper bundles", "5G in {place}", "Still too expensive?"],
        "quotes": [
            ("Data is how people look for work now.", "consumer rights campaigner"),
            ("Every new mast has its own batteries.", "chief technology officer of the operator"),
        ],
        "tags": ["technology", "mobile"],
        "picture": "circuit",
    },
    {
        "headlines": [
            ("Start-up", False, "raise", "R{m} million to grow payments app"),
            ("Investors", True, "back", "{place} fintech start-up"),
            ("Fintech firm", False, "hire", "{n} developers in {place}"),
        ],
        "standfirst": "A payments start-up from {place} raised R{m} million and will hire "
        "{n} developers to take its app to more spaza shops.",
        "lede": "A payments start-up based in {place} has raised R{m} million from investors, "
        "it said on {day}, and will hire {n} developers to take its app, which lets spaza "
        "shops accept card payments on a phone, to more provinces.",
        "paragraphs": [
            "The app charges shop owners a small fee per payment and needs no separate card "
            "machine.",
            "The founders met at university and started the company in a shared office.",
            "Investors said informal retail was one of the largest markets in the country not "
            "yet served by banks.",
            "The start-up plans to offer small loans to shop owners next year.",
        ],
        "subheads": ["A phone as a card machine", "Where the money goes", "Loans next"],
        "quotes": [
            ("Every spaza shop should be able to take a card.", "co-founder of the start-up"),
            ("This team knows its customers.", "partner at the investment fund"),
        ],
        "tags": ["technology", "startups", "fintech"],
        "places": ["Johannesburg", "Cape Town", "Durban", "Pretoria", "Stellenbosch"],
        "picture": "circuit",
    },
]
VERBS.update({"back": "backs"})

LIFESTYLE_TOPICS = [
    {
        "headlines": [
            ("Food market", False, "celebrate", "ten years in {place}"),
            ("Chefs", True, "draw", "crowds to {place} food festival"),
            ("Home cooks", True, "take", "top prizes at {place} festival"),
        ],
        "standfirst": "A Saturday food market in {place} turned ten with a weekend festival; "
        "home cooks took most of the prizes.",
        "lede": "A Saturday food market in {place} celebrated its tenth birthday with a "
        "festival that drew thousands of visitors last weekend. Home cooks took most of the "
        "prizes in the cooking competition.",
        "paragraphs": [
            "The market started with twelve stalls in a car park and now has more than a hundred.",
            "The winning dish was a lamb curry cooked to a recipe handed down over three "
            "generations.",
            "Organisers said most stallholders are small family businesses.",
            "The market is open every Saturday from eight in the morning.",
        ],
        "subheads": ["From twelve stalls", "The winning curry", "When to go"],
        "quotes": [
            (
                "My grandmother would have laughed to see me win.",
                "winner of the cooking competition",
            ),
            ("We never planned to grow this big.", "founder of the market"),
        ],
        "tags": ["food", "markets"],
        "picture": "sunset",
    },
    {
        "headlines": [
            ("Theatre", False, "reopen", "in {place} after a long restoration"),
            ("Artists", True, "welcome", "new stage for {place}"),
            ("Festival", False, "bring", "new plays to {place}"),
        ],
        "standfirst": "A theatre in {place} reopened after two years of restoration, with "
        "a season of new South African plays.",
        "lede": "A theatre in {place} reopened on {day} after two years of restoration, with a "
        "season of new South African plays and a free open day for schools. The building is "
        "more than a hundred years old.",
        "paragraphs": [
            "The restoration kept the original balcony and replaced the seats, lights and "
            "sound system.",
            "Tickets for the opening season sold out within a week.",
            "The theatre will keep a quarter of its tickets at a lower price for students.",
            "Local writers and actors will run workshops in the rehearsal rooms.",
        ],
        "subheads": ["A hundred-year-old stage", "New plays", "Tickets"],
        "quotes": [
            ("Every seat is new, but the ghosts are the same.", "theatre manager"),
            ("Young actors needed a stage like this.", "playwright"),
        ],
        "tags": ["arts", "theatre"],
        "places": ["Johannesburg", "Cape Town", "Durban", "Gqeberha", "Bloemfontein", "Kimberley"],
        "picture": "skyline",
    },
]
