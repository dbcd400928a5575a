import logging

from delivery import process_check


def test_a_second_process_without_redis_is_warned(settings, tmp_path, caplog):
    settings.REDIS_URL = ""
    settings.HERALD_VAR_DIR = tmp_path
    assert process_check.process_check_alone()  # the first process takes the lock
    with caplog.at_level(logging.WARNING, logger="herald.startup"):
        # A second open of the lock file conflicts just as another process's would.
        assert not process_check.process_check_alone()
    assert "REDIS_URL is not set" in caplog.text
    process_check._held.pop().close()


def test_processes_sharing_redis_are_not_warned(settings, tmp_path, caplog):
    settings.REDIS_URL = "redis://127.0.0.1:6379/0"
    settings.HERALD_VAR_DIR = tmp_path
    assert process_check.process_check_alone() and process_check.process_check_alone()
    assert caplog.text == ""
