"""One sign-in for every site of the network, whatever their domains (docs/accounts.md).

One site is the account home: sign-in, sign-up and social sign-in happen there. Another site
signs a member in by top-level redirects: it sets a state cookie of its own and asks the home
(``begin``); the home, where the member is signed in, hands it a single-use ticket bound to
that site and that state (``authorize``); the site redeems it from the shared database and
sets its own first-party session (``redeem``). Right after signing in at the home, a short
chain does the same for every other site (``chain``). Sessions of one browser share a group,
and signing out on any site ends the group's sessions on the server.
"""
