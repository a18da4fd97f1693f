# Varnish 7 (Debian's `varnish`) in front of gunicorn: docs/operations.md, "Caching proxy".
#
# Caches what the site marks public (Cache-Control: public, s-maxage=300): anonymous visitors'
# pages. Never caches the admin, previews (under /admin/), documents (Wagtail checks their
# privacy), POST or any method but GET/HEAD, requests carrying the site's cookies (session,
# CSRF, language, messages) or Authorization, responses that set a cookie or say private /
# no-cache / no-store. The site purges it on every publication (core/frontend_cache.py).
vcl 4.1;

# The app server (gunicorn). bench/ and tests/ write their own port here.
backend app {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 35s;
}

# Who may purge: the app servers only (they send PURGE on publication). Add their private
# addresses when they run on other machines.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (!client.ip ~ purgers) {
            return (synth(405, "Not allowed"));
        }
        if (req.http.X-Purge-Scope == "site") {
            # Every page shows every other's titles (menu, plan du site, listings): a
            # publication changes them all. Lurker-friendly: tested on objects only.
            ban("obj.http.X-Ess-Cached ~ .");
            return (synth(200, "Banned"));
        }
        return (purge);
    }
    # Only the proxy in front may say what the client asked for: never trust a client's.
    unset req.http.X-Forwarded-Host;
    unset req.http.X-Forwarded-Port;
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(admin|documents|_util)(/|$)" || req.url ~ "^/[a-z]{2}/_util/") {
        return (pass);
    }
    if (req.http.Authorization) {
        return (pass);
    }
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|csrftoken|django_language|messages)=") {
        return (pass);
    }
    # Other cookies of the domain (analytics…) change nothing the site shows.
    unset req.http.Cookie;
    return (hash);
}

sub vcl_hash {
    hash_data(req.url);
    hash_data(req.http.host);
    # http and https pages apart, as the app's own cache keeps them.
    hash_data(req.http.X-Forwarded-Proto);
    return (lookup);
}

sub vcl_backend_response {
    if (beresp.http.Set-Cookie
        || beresp.http.Cache-Control !~ "public"
        || beresp.http.Cache-Control ~ "private|no-cache|no-store") {
        # Hit-for-miss: not cached, and later requests are not queued behind this one.
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    set beresp.http.X-Ess-Cached = "1";
    return (deliver);
}

sub vcl_deliver {
    unset resp.http.X-Ess-Cached;
    unset resp.http.Via;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "hit";
    } else {
        set resp.http.X-Cache = "miss";
    }
    return (deliver);
}
