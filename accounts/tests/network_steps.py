"""Following a sign-in at the account home through the network's other sites, with one test
client (whose cookies go to every host, so each site sees the home's session)."""

from urllib.parse import urlsplit

NETWORK_STEPS = "/accounts/network/"


def past_network_steps(client, response, home="localhost"):
    """The redirect a sign-in ends with once the chain through the other sites is done: its
    Location as a path when it is on the home, else as it is."""
    for _ in range(20):
        location = response.get("Location", "")
        parts = urlsplit(location)
        if NETWORK_STEPS not in parts.path:
            return response
        host = parts.netloc or home
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        response = client.get(path, HTTP_HOST=host)
    raise AssertionError("the network's sign-in steps did not end")
