# Varnish in front of Herald (Varnish 7 with varnish-modules for xkey).
#
#   varnishd -a :80 -f /etc/varnish/herald.vcl -s malloc,1G
#
# Caches what Herald marks public (Cache-Control: public, s-maxage) for readers without a
# session, tags each object with Herald's Surrogate-Key header, and drops exactly the objects
# of the keys Herald names when it sends
#
#   PURGE / HTTP/1.1
#   xkey-purge: page-42 section-7 tag-economy
#
# (set HERALD_VARNISH_URLS=http://varnish-host:80/ on every Herald process). Keep the backend
# and the purgers ACL (herald-rules.vcl, beside this file) in step with your machines;
# docs/deployment.md explains the set-up. For app servers on several ports or machines, load
# herald-several.vcl instead.
vcl 4.1;

import std;
import xkey;

backend herald {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
    .probe = {
        .url = "/healthz";
        .timeout = 2s;
        .interval = 5s;
        .window = 5;
        .threshold = 3;
    }
}

include "./herald-rules.vcl";
