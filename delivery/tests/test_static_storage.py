"""Static addresses are worked out once per name and process, and stay the manifest's."""

from delivery.static_storage import RememberingManifestStorage


def test_a_static_address_is_looked_up_in_the_manifest_once(tmp_path, monkeypatch):
    storage = RememberingManifestStorage(location=tmp_path, base_url="/static/")
    storage.hashed_files = {"css/herald.css": "css/herald.0123abcd.css"}
    lookups = []
    looked_up = storage.stored_name

    def stored_name(name):
        lookups.append(name)
        return looked_up(name)

    monkeypatch.setattr(storage, "stored_name", stored_name)

    assert storage.url("css/herald.css") == "/static/css/herald.0123abcd.css"
    assert storage.url("css/herald.css") == "/static/css/herald.0123abcd.css"
    assert lookups == ["css/herald.css"]
    assert storage.url("css/herald.css", force=True) == "/static/css/herald.0123abcd.css"
    assert lookups == ["css/herald.css", "css/herald.css"]
