# Varnish in front of several Herald app servers (Varnish 7 with varnish-modules for xkey):
# processes on several ports, or on several machines (docs/deployment.md, "Several machines").
# One server started with `granian --workers N` on one port needs none of this: use herald.vcl.
#
#   varnishd -a :80 -f /etc/varnish/herald-several.vcl -s malloc,1G
#
# Requests are shared round-robin among the healthy app servers. A server that stops answering
# is noticed by its probe within about two seconds and left out until it answers again; until
# then, a read (GET or HEAD) that finds its connection refused or reset is sent on to the next
# server instead of failing, so readers see no error while one server is down. Everything else
# (caching, purges by surrogate key, who may purge) is herald-rules.vcl, shared with herald.vcl.
# List every app server below, and add it to the director in vcl_init.
vcl 4.1;

import directors;
import std;
import xkey;

probe herald_health {
    .url = "/healthz";
    .timeout = 1s;
    .interval = 1s;
    .window = 3;
    .threshold = 2;
    .initial = 2;  # healthy from the start; the retry below covers one that is not
}

backend app1 {
    .host = "127.0.0.1";
    .port = "8001";
    .connect_timeout = 1s;
    .first_byte_timeout = 30s;
    .probe = herald_health;
}

backend app2 {
    .host = "127.0.0.1";
    .port = "8002";
    .connect_timeout = 1s;
    .first_byte_timeout = 30s;
    .probe = herald_health;
}

sub vcl_init {
    new herald = directors.round_robin();
    herald.add_backend(app1);
    herald.add_backend(app2);
}

# Before the shared rules, which look at the chosen backend's health.
sub vcl_recv {
    set req.backend_hint = herald.backend();
}

sub vcl_backend_fetch {
    if (bereq.retries > 0) {
        set bereq.backend = herald.backend();  # the next server, not the one that failed
    }
}

sub vcl_backend_error {
    # No answer at all (refused, reset, timed out): a read is safe to send to another server.
    if ((bereq.method == "GET" || bereq.method == "HEAD") && bereq.retries < 3) {
        return (retry);
    }
}

include "./herald-rules.vcl";
