# What Herald's Varnish does, whatever its backends: included by herald.vcl (one app server)
# and herald-several.vcl (several, behind a director). Not loaded on its own.

# Who may purge: the Herald processes (and task workers) only.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (req.http.xkey-purge) {
            set req.http.x-purged = xkey.purge(req.http.xkey-purge);
            return (synth(200, "Purged " + req.http.x-purged + " objects"));
        }
        return (purge);
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Long-lived streams and private areas go straight through.
    if (req.url ~ "^/live/stream" || req.url ~ "^/(admin|accounts)/") {
        return (pass);
    }
    # A reader with a message waiting (the "messages" cookie, after signing in, commenting…)
    # gets the next page rendered for them: it shows the message once and clears the cookie.
    # A session does not count: Herald marks public only what it rendered without reading one,
    # so signed-in members are served the same copies as everyone.
    if (req.http.Cookie ~ {"(^|;\s*)messages="?[^;"]"}) {
        return (pass);
    }
    # Whether a session is sent: all that a page marked "Vary: Cookie" (one that reads
    # differently for members, such as the plain comments page) varies by. vcl_backend_response
    # keys those copies on this header, so members never get the anonymous one.
    if (req.http.Cookie ~ "(^|;\s*)sessionid=[^;]") {
        set req.http.X-Herald-Session = "1";
    } else {
        unset req.http.X-Herald-Session;
    }
    # Herald stores each page with its gzip and Brotli copies and sends the one asked for;
    # Varnish has no Brotli of its own. So the client's Accept-Encoding is reduced to one of
    # three values (br, gzip, none) that the copies vary by (vcl_backend_response) and that
    # Herald is asked for (vcl_backend_fetch), instead of a copy per browser's header.
    if (req.http.Accept-Encoding ~ "(?i)(^|,)\s*br\s*(,|;|$)"
        && req.http.Accept-Encoding !~ "(?i)(^|,)\s*br\s*;\s*q\s*=\s*0(\.0*)?\s*(,|$)") {
        set req.http.X-Herald-Encoding = "br";
    } elsif (req.http.Accept-Encoding ~ "(?i)(^|,)\s*(x-)?gzip\s*(,|;|$)"
        && req.http.Accept-Encoding !~ "(?i)(^|,)\s*(x-)?gzip\s*;\s*q\s*=\s*0(\.0*)?\s*(,|$)") {
        set req.http.X-Herald-Encoding = "gzip";
    } else {
        unset req.http.X-Herald-Encoding;
    }
    # Tracking parameters never reach Herald (which would ignore them anyway) nor the cache key.
    set req.url = regsuball(req.url, "(?<=[?&])(utm_[a-z]+|fbclid|gclid|mc_[a-z]+)=[^&]*&?", "");
    # Herald's "?flash" (a redirect that left a message) is the same page to every cache.
    set req.url = regsuball(req.url, "(?<=[?&])flash(=[^&]*)?(&|$)", "");
    set req.url = regsub(req.url, "[?&]$", "");
    set req.url = std.querysort(req.url);
    # Past their time, copies are served for a few seconds while a background fetch brings the
    # new one, and for up to a day while Herald is unreachable (beresp.grace below).
    if (std.healthy(req.backend_hint)) {
        set req.grace = 10s;
    }
    # Other cookies (a CSRF token, the location choice) do not change public pages: look up the
    # copy regardless. Herald marks anything that depends on them private, and that is passed.
    return (hash);
}

sub vcl_backend_fetch {
    # Varnish asks backends for gzip whatever the client said: ask for the normalised value.
    if (bereq.http.X-Herald-Encoding) {
        set bereq.http.Accept-Encoding = bereq.http.X-Herald-Encoding;
    } else {
        unset bereq.http.Accept-Encoding;
    }
}

sub vcl_backend_response {
    if (bereq.url ~ "^/live/stream") {
        set beresp.do_stream = true;
        set beresp.uncacheable = true;
        return (deliver);
    }
    if (beresp.http.Vary ~ "(?i)(^|,)\s*cookie\s*(,|$)") {
        # Any Cookie header would make a copy per browser: what these pages read is whether
        # there is a session (vcl_recv). Kept on uncacheable answers too (a member's render).
        set beresp.http.Vary = regsub(beresp.http.Vary, "(?i)\bcookie\b", "X-Herald-Session");
    }
    if (beresp.http.Vary ~ "(?i)(^|,)\s*accept-encoding\s*(,|$)") {
        # One copy per normalised encoding (vcl_recv), not per browser's Accept-Encoding.
        set beresp.http.Vary = regsub(beresp.http.Vary, "(?i)\baccept-encoding\b",
            "X-Herald-Encoding");
    }
    if (beresp.http.Set-Cookie
        || beresp.http.Cache-Control ~ "(private|no-store|no-cache)"
        || beresp.http.Cache-Control !~ "public") {
        # Remember for a while that this URL is not cacheable, so requests don't queue for it.
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    set beresp.http.xkey = beresp.http.Surrogate-Key;
    # Keep copies past their time: served while a fresh one is fetched (stale-while-revalidate)
    # and while Herald is unreachable (stale-if-error).
    set beresp.grace = 24h;
    return (deliver);
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    if (resp.http.Vary) {
        set resp.http.Vary = regsub(resp.http.Vary, "X-Herald-Session", "Cookie");
        set resp.http.Vary = regsub(resp.http.Vary, "X-Herald-Encoding", "Accept-Encoding");
        # Varnish adds its own Accept-Encoding to a gzip object's Vary: say it once.
        set resp.http.Vary = regsub(resp.http.Vary,
            "(?i)\b(accept-encoding)(\s*,\s*accept-encoding\b)+", "\1");
    }
    unset resp.http.xkey;
    unset resp.http.Surrogate-Key;
    unset resp.http.Via;
    unset resp.http.X-Varnish;
}
