"""Location Settings as a reader uses them: choose places, see the components change, sign in
and find the choices kept on every site."""

import re

from playwright.sync_api import expect

from tests.browser.test_accounts import _join


def _component(page, name):
    return page.locator(f'#components [data-slot="{name}"] .component')


def test_reader_picks_places_sees_components_change_and_keeps_them_on_sign_in(
    page, herald_server, sport_url
):
    news = herald_server.url
    page.goto(news + "/")
    expect(_component(page, "weather")).to_have_attribute("data-location", "johannesburg")
    expect(_component(page, "weather").get_by_role("heading")).to_contain_text("Johannesburg")

    page.locator("#components").get_by_role("link", name="Choose your location").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Location Settings")
    weather = page.get_by_label("Weather:")
    weather.press_sequentially("Cape T", delay=30)
    expect(page.locator("#place-suggestions option").first).to_have_attribute(
        "value", "Cape Town, Western Cape"
    )
    weather.fill("Cape Town, Western Cape")
    page.get_by_label("Traffic alerts:").fill("Atlantis-on-Sea")
    page.get_by_role("button", name="Submit").click()
    expect(page.locator(".error")).to_contain_text("We don't know a place called")
    expect(page.get_by_label("Weather:")).to_have_value("Cape Town, Western Cape")  # kept
    page.get_by_label("Traffic alerts:").fill("Durban")
    page.get_by_role("button", name="Submit").click()
    expect(page.locator(".messages")).to_contain_text("Your location settings are saved")

    page.goto(news + "/")
    expect(_component(page, "weather")).to_have_attribute("data-location", "cape-town")
    expect(_component(page, "weather")).to_contain_text("°C")
    expect(_component(page, "traffic")).to_have_attribute("data-location", "durban")
    expect(_component(page, "traffic").get_by_role("heading")).to_contain_text("Durban")
    expect(_component(page, "listings")).to_have_attribute("data-location", "johannesburg")

    _join(page, herald_server, "ayanda@example.com", "ayanda_k", "Ayanda K")
    page.goto(news + "/settings/locations/")
    expect(page.locator(".help").first).to_contain_text("kept on your profile")
    expect(page.get_by_label("Weather:")).to_have_value("Cape Town, Western Cape")
    expect(page.get_by_label("Traffic alerts:")).to_have_value("Durban, KwaZulu-Natal")

    # Another site of the network, with a session cookie of its own: joining signed the
    # member in there too (the network sign-in), and they find the same choices.
    page.goto(sport_url + "/")
    expect(page.locator("#user-menu")).to_contain_text("Ayanda K")
    expect(_component(page, "weather")).to_have_attribute("data-location", "cape-town")
    expect(_component(page, "traffic")).to_have_attribute("data-location", "durban")


def test_without_javascript_the_home_page_shows_the_site_default_and_a_link(browser, herald_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(herald_server.url + "/")
    weather = _component(page, "weather")
    expect(weather).to_have_attribute("data-location", "johannesburg")
    expect(weather).to_contain_text(re.compile(r"°C|Forecast unavailable"))
    expect(_component(page, "traffic")).to_be_visible()
    page.get_by_role("link", name="Choose your location").click()
    # A half-valid form keeps what it can: listings saved, the unknown town explained.
    page.get_by_label("Listings:").fill("Durban")
    page.get_by_label("Traffic alerts:").fill("Xanadu Heights")
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_role("status")).to_contain_text("Saved: Listings")
    expect(page.get_by_text("We don't know a place called “Xanadu Heights”")).to_be_visible()
    page.get_by_label("Traffic alerts:").fill("Cape Town")
    page.get_by_role("button", name="Submit").click()
    # Saved, the reader lands on their own local page, rendered for their places.
    expect(page).to_have_url(re.compile(r"/local/(\?flash)?$"))
    expect(page.locator(".messages")).to_contain_text("saved")
    expect(_component(page, "listings")).to_have_attribute("data-location", "durban")
    expect(_component(page, "traffic")).to_have_attribute("data-location", "cape-town")
    expect(_component(page, "weather")).to_have_attribute("data-location", "johannesburg")
    page.get_by_role("link", name="Change your locations").click()
    expect(page.get_by_label("Listings:")).to_have_value("Durban, KwaZulu-Natal")
    page.get_by_role("button", name="Reset to the site's default").click()
    expect(page.get_by_label("Listings:")).to_have_value("")
    context.close()


def test_traffic_and_listings_pages(page, herald_server):
    page.goto(herald_server.url + "/")
    page.locator(".multimedia").get_by_role("link", name="Traffic alerts").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Traffic alerts")
    expect(page.locator(".traffic-place").first).to_be_visible()
    page.goto(herald_server.url + "/listings/")
    page.get_by_label("Place").select_option(label="Durban, KwaZulu-Natal")
    page.get_by_label("Category").select_option(label="Music")
    page.get_by_role("button", name="Show").click()
    expect(page).to_have_url(re.compile(r"place=durban&category=music"))
    titles = page.locator(".listing__title")
    expect(titles.first).to_contain_text("Durban")
    for text in titles.all_inner_texts():
        assert text.endswith(", Durban")


def test_an_editor_posts_a_traffic_alert_that_readers_see_at_once(browser, herald_server):
    import datetime

    from tests.browser.conftest import admin_sign_in

    context = browser.new_context()
    desk = context.new_page()
    admin_sign_in(desk, herald_server)
    reader = browser.new_page()
    reader.goto(herald_server.url + "/components/traffic/?location=bloemfontein")
    expect(reader.locator(".component")).to_be_visible()  # now in the page cache

    desk.goto(herald_server.url + "/admin/snippets/components/trafficalert/add/")
    desk.get_by_role("button", name=re.compile("Choose place", re.I)).click()  # the chooser
    modal = desk.locator(".modal-dialog")
    modal.get_by_role("textbox", name=re.compile("Search", re.I)).fill("Bloemfontein")
    modal.get_by_role("link", name="Bloemfontein, Free State").click()
    expect(desk.locator("#panel-place-section")).to_contain_text("Bloemfontein, Free State")
    desk.locator("#id_road").fill("N8 at Naval Hill")
    desk.locator("#id_kind").select_option(label="Road closure")
    desk.locator("#id_severity").select_option(label="Severe")
    desk.locator("#id_description").fill("Closed for the city marathon until noon.")
    from zoneinfo import ZoneInfo

    from django.conf import settings

    later = datetime.datetime.now(ZoneInfo(settings.TIME_ZONE)) + datetime.timedelta(hours=6)
    desk.locator("#id_expires_at").fill(later.strftime("%Y-%m-%d %H:%M"))
    desk.get_by_role("button", name="Save").click()
    expect(desk.locator(".messages")).to_contain_text("created")

    # A new reader (browsers may keep a fragment for max-age, 60 s): the server's caches were
    # purged, so the new alert is there at once, first as the most severe.
    reader = browser.new_page()
    reader.goto(herald_server.url + "/components/traffic/?location=bloemfontein")
    expect(reader.locator(".traffic-alert").first).to_contain_text("N8 at Naval Hill")
    reader.goto(herald_server.url + "/traffic/")
    expect(reader.locator("#traffic-bloemfontein")).to_have_text("Bloemfontein, Free State")
    expect(reader.locator("main")).to_contain_text("Closed for the city marathon")
    context.close()


def test_a_member_proposes_a_listing_and_an_editor_publishes_it(browser, herald_server):
    from tests.browser.conftest import admin_sign_in
    from tests.browser.test_accounts import _join

    base = herald_server.url
    member = browser.new_context().new_page()
    _join(member, herald_server, "naledi@example.com", "naledi_p", "Naledi P")
    member.goto(base + "/listings/")
    member.get_by_role("link", name="Propose a listing").click()
    member.get_by_label("Title").fill("Choir evening at the City Hall")
    member.get_by_label("Category").select_option(label="Music")
    member.get_by_label("Place").fill("Atlantis-on-Sea")
    member.get_by_label("Venue").fill("City Hall")
    member.get_by_label("Starts").fill("2099-03-01T18:00")
    member.get_by_role("button", name="Send for review").click()
    expect(member.locator(".error")).to_contain_text("We don't know a place called")
    expect(member.get_by_label("Venue")).to_have_value("City Hall")  # kept
    member.get_by_label("Place").fill("Kimberley")
    member.get_by_role("button", name="Send for review").click()
    expect(member.locator(".messages")).to_contain_text("Editors will look at your listing")

    desk = browser.new_context().new_page()
    admin_sign_in(desk, herald_server)
    desk.goto(base + "/admin/snippets/components/listing/?status=proposed")
    desk.get_by_role("link", name="Choir evening at the City Hall").first.click()
    desk.get_by_role("combobox", name="Decision").select_option("published")
    desk.get_by_role("button", name="Save").click()
    expect(desk.locator(".messages")).to_contain_text("updated")
    desk.get_by_role("link", name="Choir evening at the City Hall").first.click()
    expect(desk.get_by_text("Now: Published")).to_be_visible()  # the decision was recorded

    reader = browser.new_context().new_page()
    reader.goto(base + "/listings/?place=kimberley")
    expect(reader.locator(".listing__title")).to_contain_text(["Choir evening at the City Hall"])
