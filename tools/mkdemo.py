#!/usr/bin/env python3
"""Writes sitrep's bundled demo recording (what `sitrep --demo` replays).

    python3 tools/mkdemo.py data/demo

The output directory is cleared and rewritten with a recording in the format
of docs/recording.md:

    recording.json    version, start/end, title, speed 60 (2 h play in 2 min)
    config.ini        the config it was "recorded" with: columns ALL EU FR IT JP US
    responses.jsonl   every poll of every source, in time order (200 or 304)
    bodies/           response bodies, named by the sha256 of their content

Nothing in it was ever received from anywhere: this script invents two hours
of a Monday evening in Europe (2026-11-23 17:00-19:00 UTC). Every service,
page, statement and URL is fictional (.example domains).

  Scene 1 (from ~10m): Orbit Messenger's crowd reports rise in IT and FR, and
  in JP from ~14m; its siblings Orbit Chat, Orbit Feed and Orbit Photos
  spike in the same countries, somewhat less. Peak 20-60m, decline 62-75m,
  normal by ~80m. The four official pages say "All Systems Operational" the
  whole time: only the crowd shows it.

  Scene 2 (from ~50m): Parley (calls and messaging) fails across Europe,
  France worst, then parts of North America. Its page posts an incident at
  ~58m, updates at ~70m, identified ~78m, monitoring ~82m, resolved ~86m.
  At ~88m a reconnection storm: a second incident (presence, contacts,
  messaging), updates ~100m, monitoring ~108m, resolved ~112m; the crowd is
  back to normal by ~115m.

  Scene 1 through public posts (from the start): before any report source
  rises and with no statement at all, people post about Orbit on a
  fictional Mastodon instance (social.example, hashtag timeline #orbitdown):
  in Italian and French from the first minutes, Japanese from ~4m, distinct
  authors each. sitrep counts them as mentions, possible in IT, FR and JP, a few
  minutes ahead of the reports. A few unrelated posts (an English photo
  thread, one account repeating itself) stay out of the count.

  Around them, twelve healthy services polled every 5 minutes; Cloudnine has
  a database maintenance in South America and Ridego a minor incident in
  Sydney, for realism.

Polls mimic a live sitrep with ETags: every source is first polled in the
first 5 seconds, then at its interval with a little jitter; a poll whose
content did not change since the previous one is a 304 without a body.
Report feeds carry the last 3 hours of 5-minute buckets, the last one in
progress, so they change at every poll.

Deterministic: only seeded random.Random instances and fixed times are used,
so running it twice gives byte-identical output. Standard library only.
"""

import bisect
import calendar
import hashlib
import json
import math
import os
import random
import shutil
import sys
import time

START = calendar.timegm((2026, 11, 23, 17, 0, 0))  # Monday, 18:00 in Paris
DURATION = 2 * 3600
END = START + DURATION
BUCKET = 300  # report feed bucket width
KEEP = 36  # buckets per feed body: 3 hours, the last one in progress
TITLE = "sitrep demo: two outages on a Monday evening (fictional)"
SPEED = 60


def m(minutes, seconds=0):
    """Seconds since the epoch, minutes (and seconds) into the recording."""
    return START + int(minutes * 60) + seconds


# ---- small helpers ----------------------------------------------------------


def iso_z(t):
    """2026-11-23T17:00:00Z"""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(int(t)))


def _sunday(year, month, nth):
    """Day of the month of the nth Sunday (nth = -1: the last one)."""
    days = [d for d in range(1, 32) if d <= calendar.monthrange(year, month)[1]
            and calendar.weekday(year, month, d) == 6]
    return days[nth if nth < 0 else nth - 1]


def utc_offset(tz, t):
    """Hours east of UTC of the few time zones the pages use, with DST."""
    year = time.gmtime(int(t)).tm_year
    if tz == "Europe/Paris":
        on = calendar.timegm((year, 3, _sunday(year, 3, -1), 1, 0, 0))
        off = calendar.timegm((year, 10, _sunday(year, 10, -1), 1, 0, 0))
        return 2 if on <= t < off else 1
    if tz == "America/Los_Angeles":
        on = calendar.timegm((year, 3, _sunday(year, 3, 2), 10, 0, 0))
        off = calendar.timegm((year, 11, _sunday(year, 11, 1), 9, 0, 0))
        return -7 if on <= t < off else -8
    return 0


def iso_page(t, tz):
    """Statuspage style: milliseconds and the page's own UTC offset."""
    offset_h = utc_offset(tz, t)
    ms = int(round((t - int(t)) * 1000))
    local = int(t) + offset_h * 3600
    stamp = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(local)) + ".%03d" % ms
    if offset_h == 0:
        return stamp + "Z"
    sign = "+" if offset_h > 0 else "-"
    return stamp + "%s%02d:00" % (sign, abs(offset_h))


def sp_id(*parts):
    """A Statuspage-like 12-character base36 id, stable for its parts."""
    digest = int.from_bytes(hashlib.sha256("/".join(parts).encode()).digest()[:12], "big")
    alphabet = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    for _ in range(12):
        digest, r = divmod(digest, 36)
        out += alphabet[r]
    return out


def dump(obj):
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def rng_for(*parts):
    return random.Random("/".join(str(p) for p in parts))


def poisson(rng, lam):
    if lam <= 0:
        return 0
    if lam < 40:
        limit, k, p = math.exp(-lam), 0, 1.0
        while True:
            p *= rng.random()
            if p <= limit:
                return k
            k += 1
    return max(0, int(round(rng.gauss(lam, math.sqrt(lam)))))


def curve(points, x):
    """Piecewise-linear through (x, y) points, flat outside them."""
    if x <= points[0][0]:
        return points[0][1]
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        if x <= x1:
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    return points[-1][1]


# ---- Statuspage pages ---------------------------------------------------------

STATUS_RANK = {
    "operational": 0,
    "under_maintenance": 1,
    "degraded_performance": 2,
    "partial_outage": 3,
    "major_outage": 4,
}
INDICATOR_RANK = {"none": 0, "maintenance": 1, "minor": 2, "major": 3, "critical": 4}
INDICATOR_FROM_STATUS = {
    "operational": "none",
    "under_maintenance": "maintenance",
    "degraded_performance": "minor",
    "partial_outage": "minor",
    "major_outage": "major",
}
INDICATOR_TEXT = {
    "none": "All Systems Operational",
    "maintenance": "Service Under Maintenance",
    "minor": "Minor Service Outage",
    "major": "Partial System Outage",
    "critical": "Major Service Outage",
}


class Page:
    """A Statuspage v2 page whose summary.json is computed for any moment
    from a list of timed events."""

    def __init__(self, key, name, host, tz="Etc/UTC", since=None):
        self.key = key
        self.name = name
        self.host = host
        self.tz = tz
        self.id = sp_id("page", key)
        self.since = since if since is not None else START - 9 * 86400 - 3 * 3600 - 1234
        self.comps = []  # (ckey, name, group ckey or None, is_group)
        self.events = []  # (t, seq, function(state, t))

    # -- building

    def group(self, name, children):
        gkey = "g:" + name
        self.comps.append((gkey, name, None, True))
        for child in children:
            self.comps.append(("%s/%s" % (name, child), child, gkey, False))
        return self

    def leaves(self, *names):
        for n in names:
            self.comps.append((n, n, None, False))
        return self

    def at(self, t, fn):
        self.events.append((t, len(self.events), fn))
        return self

    def incident(self, t, ikey, name, impact, status, body, statuses, affected):
        """Opens an incident; statuses: {component key: status} set with it,
        affected: the component keys it lists."""

        def fn(st, t=t):
            changes = self._set(st, statuses, t)
            st["incidents"][ikey] = {
                "id": sp_id(self.key, "incident", ikey),
                "name": name,
                "impact": impact,
                "status": status,
                "created_at": t,
                "updated_at": t,
                "started_at": t - 60 * 4,
                "monitoring_at": None,
                "resolved_at": None,
                "affected": list(affected),
                "updates": [(t, status, body, changes)],
                "maintenance": False,
            }

        return self.at(t, fn)

    def update(self, t, ikey, status, body, statuses=None):
        def fn(st, t=t):
            inc = st["incidents"][ikey]
            changes = self._set(st, statuses or {}, t)
            inc["status"] = status
            inc["updated_at"] = t
            if status in ("monitoring",) and inc["monitoring_at"] is None:
                inc["monitoring_at"] = t
            if status in ("resolved", "completed"):
                inc["resolved_at"] = t
            inc["updates"].append((t, status, body, changes))

        return self.at(t, fn)

    def maintenance(self, t, ikey, name, sched_for, sched_until, body, affected):
        def fn(st, t=t):
            st["incidents"][ikey] = {
                "id": sp_id(self.key, "maintenance", ikey),
                "name": name,
                "impact": "maintenance",
                "status": "scheduled",
                "created_at": t,
                "updated_at": t,
                "started_at": sched_for,
                "monitoring_at": None,
                "resolved_at": None,
                "scheduled_for": sched_for,
                "scheduled_until": sched_until,
                "affected": list(affected),
                "updates": [(t, "scheduled", body, [])],
                "maintenance": True,
            }

        return self.at(t, fn)

    def _set(self, st, statuses, t):
        changes = []
        for ckey in sorted(statuses):
            new = statuses[ckey]
            old = st["status"][ckey][0]
            if new != old:
                st["status"][ckey] = (new, t)
                changes.append((ckey, old, new))
        if changes or statuses:
            st["touched"] = max(st["touched"], t)
        return changes

    # -- the document at time t

    def _created(self, ckey):
        r = rng_for(self.key, "created", ckey)
        return START - r.randint(400, 2400) * 86400 - r.randint(0, 86399) + r.random()

    def state(self, t):
        st = {"status": {}, "incidents": {}, "touched": self.since}
        for ckey, _, _, _ in self.comps:
            last_change = self._created(ckey) + 86400 * rng_for(self.key, "upd", ckey).randint(5, 300)
            st["status"][ckey] = ("operational", last_change)
        for et, _, fn in sorted(self.events, key=lambda e: (e[0], e[1])):
            if et > t:
                break
            fn(st, et)
            st["touched"] = max(st["touched"], et)
        return st

    def body(self, t):
        st = self.state(t)
        ts = lambda x: iso_page(x, self.tz)
        names = {ck: n for ck, n, _, _ in self.comps}
        children = {}
        for ck, _, g, _ in self.comps:
            if g:
                children.setdefault(g, []).append(ck)

        def comp_status(ck):
            if ck in children:
                return max((st["status"][c][0] for c in children[ck]), key=STATUS_RANK.get)
            return st["status"][ck][0]

        def comp_updated(ck):
            if ck in children:
                return max(st["status"][c][1] for c in children[ck] + [ck])
            return st["status"][ck][1]

        def comp_obj(ck):
            _, name, g, is_group = next(c for c in self.comps if c[0] == ck)
            if g:  # position within the group
                pos = 1 + children[g].index(ck)
            else:  # top-level groups and ungrouped components share one sequence
                pos = 1 + [c[0] for c in self.comps if c[2] is None].index(ck)
            obj = {
                "id": sp_id(self.key, "component", ck),
                "name": name,
                "status": comp_status(ck),
                "created_at": ts(self._created(ck)),
                "updated_at": ts(comp_updated(ck)),
                "position": pos,
                "description": None,
                "group_id": sp_id(self.key, "component", g) if g else None,
                "page_id": self.id,
                "group": is_group,
            }
            if is_group:
                obj["components"] = [sp_id(self.key, "component", c) for c in children[ck]]
            return obj

        def full_name(ck):
            g = next(c for c in self.comps if c[0] == ck)[2]
            return "%s - %s" % (names[g], names[ck]) if g else names[ck]

        components = [comp_obj(ck) for ck, _, _, _ in self.comps]

        incidents, maints = [], []
        indicator = "none"
        for ikey, inc in st["incidents"].items():
            if inc["resolved_at"] is not None:
                continue  # summary.json lists unresolved incidents and
                # upcoming or in-progress maintenances only
            updates = []
            for n, (ut, ustatus, ubody, changes) in enumerate(inc["updates"]):
                updates.append(
                    {
                        "id": sp_id(self.key, "update", ikey, str(n)),
                        "status": ustatus,
                        "body": ubody,
                        "incident_id": inc["id"],
                        "created_at": ts(ut),
                        "updated_at": ts(ut),
                        "display_at": ts(ut),
                        "affected_components": [
                            {
                                "code": sp_id(self.key, "component", ck),
                                "name": full_name(ck),
                                "old_status": old,
                                "new_status": new,
                            }
                            for ck, old, new in changes
                        ]
                        or None,
                        "deliver_notifications": True,
                        "custom_tweet": None,
                        "tweet_id": None,
                    }
                )
            updates.reverse()  # newest first
            obj = {
                "id": inc["id"],
                "name": inc["name"],
                "status": inc["status"],
                "created_at": ts(inc["created_at"]),
                "updated_at": ts(inc["updated_at"]),
                "monitoring_at": ts(inc["monitoring_at"]) if inc["monitoring_at"] else None,
                "resolved_at": None,
                "impact": inc["impact"],
                "shortlink": "https://%s/incidents/%s" % (self.host, inc["id"]),
                "started_at": ts(inc["started_at"]),
                "page_id": self.id,
                "incident_updates": updates,
                "components": [comp_obj(ck) for ck in inc["affected"]],
                "reminder_intervals": None,
            }
            if inc["maintenance"]:
                obj["scheduled_for"] = ts(inc["scheduled_for"])
                obj["scheduled_until"] = ts(inc["scheduled_until"])
                obj["scheduled_remind_prior"] = True
                obj["scheduled_reminded_at"] = None
                obj["scheduled_auto_in_progress"] = True
                obj["scheduled_auto_completed"] = True
                maints.append(obj)
                if inc["status"] in ("in_progress", "verifying"):
                    indicator = max(indicator, "maintenance", key=INDICATOR_RANK.get)
            else:
                incidents.append(obj)
                indicator = max(indicator, inc["impact"], key=INDICATOR_RANK.get)
        for ck, _, _, is_group in self.comps:
            if not is_group:
                indicator = max(indicator, INDICATOR_FROM_STATUS[comp_status(ck)], key=INDICATOR_RANK.get)
        incidents.sort(key=lambda o: o["created_at"], reverse=True)
        maints.sort(key=lambda o: o["scheduled_for"])
        return {
            "page": {
                "id": self.id,
                "name": self.name,
                "url": "https://" + self.host,
                "time_zone": self.tz,
                "updated_at": ts(st["touched"]),
            },
            "components": components,
            "incidents": incidents,
            "scheduled_maintenances": maints,
            "status": {"indicator": indicator, "description": INDICATOR_TEXT[indicator]},
        }


# ---- report feeds ---------------------------------------------------------------

FEED_REGIONS = ["FR", "IT", "DE", "ES", "GB", "JP", "US", "CA"]
EU_SET = ("FR", "IT", "DE", "ES", "GB")
MIN_SPLIT = 60  # reports in the last hour before a feed gives categories


def trend(region, t):
    """How the normal level moves through the evening (1 at 17:00 UTC)."""
    h = (t - START) / 3600.0
    if region in EU_SET:
        return 1 + 0.07 * h  # the European evening peak is coming
    if region == "JP":
        return max(0.5, 1 - 0.09 * h)  # 02:00 in Tokyo and getting quieter
    return 1 + 0.03 * h  # midday in America


class Feed:
    """The crowd report feed of one service: a normal level per region, a
    multiplier curve per region (minutes -> x normal) and what the reports
    are about."""

    def __init__(self, key, base, mult, normal_mix, outage_mix):
        self.key = key
        self.base = base  # region -> reports per 5 minutes at 17:00 UTC
        self.mult = mult  # function(region, minute) -> multiplier
        self.normal_mix = normal_mix  # {category: share}
        self.outage_mix = outage_mix  # function(minute) -> {category: share}
        self._final = {}
        self._arrivals = {}

    def baseline(self, region, b):
        return self.base[region] * trend(region, b + BUCKET / 2)

    def factor(self, region, b):
        minute = (b + BUCKET / 2 - START) / 60.0
        x = self.mult(region, minute)
        if x > 1.05:  # a little bucket-to-bucket wobble on the excess
            x = 1 + (x - 1) * (1 + 0.24 * (rng_for(self.key, "wobble", region, b).random() - 0.5))
        return x

    def final(self, region, b):
        k = (region, b)
        if k not in self._final:
            lam = self.baseline(region, b) * self.factor(region, b)
            self._final[k] = poisson(rng_for(self.key, "count", region, b), lam)
        return self._final[k]

    def so_far(self, region, b, t):
        """Reports of bucket b received by time t."""
        if t >= b + BUCKET:
            return self.final(region, b)
        k = (region, b)
        if k not in self._arrivals:
            r = rng_for(self.key, "arrivals", region, b)
            self._arrivals[k] = sorted(r.random() * BUCKET for _ in range(self.final(region, b)))
        return bisect.bisect_left(self._arrivals[k], t - b)

    def categories(self, region, buckets):
        total, acc = 0.0, {}
        for b in buckets:
            normal = self.baseline(region, b)
            excess = normal * max(0.0, self.factor(region, b) - 1)
            minute = (b + BUCKET / 2 - START) / 60.0
            for name, share in self.normal_mix.items():
                acc[name] = acc.get(name, 0.0) + normal * share
            for name, share in self.outage_mix(minute).items():
                acc[name] = acc.get(name, 0.0) + excess * share
            total += normal + excess
        shares = {n: math.floor(v / total * 100 + 1e-9) / 100 for n, v in acc.items() if v / total >= 0.01}
        return dict(sorted(shares.items(), key=lambda kv: (-kv[1], kv[0])))

    def body(self, t):
        t = int(t)
        current = t - t % BUCKET
        first = current - (KEEP - 1) * BUCKET
        buckets = [first + i * BUCKET for i in range(KEEP)]
        regions = []
        for region in FEED_REGIONS:
            counts = [self.so_far(region, b, t) for b in buckets]
            entry = {
                "region": region,
                "start": iso_z(first),
                "counts": counts,
                "baseline": [int(self.baseline(region, b) + 0.5) for b in buckets],
            }
            # What the latest reports (the last 15-20 minutes) are about; like
            # a careful newsroom, only when the last hour has enough of them
            # to say something.
            if sum(counts[-13:-1]) >= MIN_SPLIT:
                entry["categories"] = self.categories(region, buckets[-4:])
            regions.append(entry)
        return {
            "sitrep_report_feed": 1,
            "source": "Newsdesk reader reports",
            "generated_at": iso_z(t),
            "bucket_seconds": BUCKET,
            "regions": regions,
        }


# Scene 1: Orbit Messenger, minutes -> x normal, per country.
ORBIT_CURVES = {
    "FR": [(10, 1), (15, 4), (20, 13), (30, 19), (45, 21), (60, 17), (62, 15), (70, 5), (75, 1.6), (80, 1)],
    "IT": [(10, 1), (14, 5), (20, 17), (35, 25), (50, 23), (60, 20), (62, 17), (70, 6), (75, 1.8), (80, 1)],
    "JP": [(14, 1), (18, 6), (24, 21), (40, 29), (60, 24), (62, 21), (70, 7), (75, 2), (80, 1)],
    "DE": [(15, 1), (25, 1.3), (60, 1.35), (72, 1)],
    "ES": [(15, 1), (25, 1.4), (60, 1.4), (72, 1)],
    "GB": [(15, 1), (25, 1.25), (60, 1.3), (72, 1)],
    "US": [(20, 1), (30, 1.1), (60, 1.1), (70, 1)],
    "CA": [(20, 1), (30, 1.1), (60, 1.1), (70, 1)],
}


def orbit_mult(share):
    def mult(region, minute):
        return 1 + (curve(ORBIT_CURVES[region], minute) - 1) * share

    return mult


# Scene 2: Parley, two waves.
PARLEY_CURVES = {
    # wave 1 from ~50m; the fix lands ~82m; the reconnection storm from ~86m
    "FR": [(50, 1), (53, 5), (58, 22), (65, 28), (78, 25), (82, 9), (85, 4), (87, 8), (91, 15),
           (96, 17), (100, 14), (103, 7), (106, 2.2), (109, 1.2), (112, 1)],
    "DE": [(52, 1), (56, 4), (60, 10), (78, 9), (82, 3.5), (85, 2), (87, 4), (91, 7), (100, 6),
           (103, 3), (106, 1.5), (109, 1.1), (112, 1)],
    "IT": [(52, 1), (56, 4), (61, 11), (78, 9), (82, 3.5), (85, 2), (87, 4), (91, 7), (100, 6),
           (103, 3), (106, 1.5), (109, 1.1), (112, 1)],
    "ES": [(52, 1), (57, 4), (62, 9), (78, 8), (82, 3.2), (85, 2), (87, 3.8), (92, 6), (100, 5.5),
           (103, 2.8), (106, 1.5), (109, 1.1), (112, 1)],
    "GB": [(53, 1), (57, 3), (62, 8), (78, 7), (82, 3), (85, 1.9), (87, 3.6), (92, 6), (100, 5),
           (103, 2.6), (106, 1.4), (109, 1.1), (112, 1)],
    "US": [(55, 1), (58, 3), (63, 7), (78, 6), (82, 2.8), (85, 1.8), (87, 3.5), (91, 6), (100, 5),
           (103, 2.6), (106, 1.4), (109, 1.1), (112, 1)],
    "CA": [(56, 1), (60, 2), (64, 3.5), (78, 3), (82, 1.6), (85, 1.2), (88, 1.8), (92, 2.6),
           (100, 2.4), (103, 1.6), (106, 1.1), (109, 1)],
    "JP": [(50, 1), (60, 1.15), (80, 1.15), (90, 1)],
}


def parley_mult(region, minute):
    return curve(PARLEY_CURVES[region], minute)


def parley_mix(minute):
    if minute < 87:
        return {"Login": 0.44, "Messages": 0.27, "Calls": 0.24}
    return {"Presence": 0.41, "Contacts": 0.29, "Messages": 0.22}


# Scene 1 in public posts: distinct authors a 5-minute bucket saying Orbit is
# down, per language, by minute of the demo.
MENTION_CURVES = {
    "it": [(0, 6), (2, 16), (30, 18), (60, 14), (68, 4), (74, 0.2)],
    "fr": [(0, 4), (3, 18), (35, 21), (60, 15), (68, 4), (74, 0.2)],
    "ja": [(2, 1), (5, 20), (40, 24), (60, 18), (68, 5), (75, 0.2)],
}
MENTION_TEXT = {
    "it": ["Orbit non funziona da dieci minuti, anche a voi? #orbitdown",
           "Orbit Messenger non funziona, i messaggi non partono #orbitdown",
           "ma Orbit non funziona solo a me? #orbitdown"],
    "fr": ["Orbit ne marche plus chez moi, panne ? #orbitdown",
           "Impossible d'envoyer un message sur Orbit, ça ne marche pas #orbitdown",
           "Orbit Messenger en panne à Paris aussi ? #orbitdown"],
    "ja": ["オービット落ちてる？メッセージが送れない #orbitdown",
           "またオービット障害かな #orbitdown",
           "Orbitにログインできない、オービット落ち？ #orbitdown"],
}
MENTION_HOST = "social.example"


class Mentions:
    """The #orbitdown hashtag timeline of a fictional Mastodon instance:
    every post of the two hours before the demo and of the demo, each
    arriving a few seconds to two minutes after it was written; a poll
    gets what arrived since the one before (min_id), newest first."""

    def __init__(self):
        rng = rng_for("mentions")
        posts = []
        serial = 0
        for b in range(START - 7200, END, BUCKET):
            minute = (b - START + BUCKET / 2) / 60.0  # the middle of the bucket
            for lang, pts in sorted(MENTION_CURVES.items()):
                for _ in range(poisson(rng, curve(pts, minute) if b >= START else 0.1)):
                    serial += 1
                    posts.append((b + rng.randint(0, BUCKET - 1), "u%d" % serial, lang,
                                  rng.choice(MENTION_TEXT[lang])))
            # around it, what a tag timeline also holds and must not count
            if rng.random() < 0.3:
                posts.append((b + rng.randint(0, BUCKET - 1), "photos", "en",
                              "Orbit photo of the day: the harbour at dusk #orbitdown #photography"))
            if START + 1800 <= b < START + 2400:
                for _ in range(6):  # one account, many posts: one author
                    posts.append((b + rng.randint(0, BUCKET - 1), "loud", "fr",
                                  "ORBIT EN PANNE ?! ça ne marche pas #orbitdown"))
        self.posts = []
        for i, (t, who, lang, text) in enumerate(sorted(posts)):
            arrival = t + rng.randint(3, 120)
            self.posts.append({
                "id": str(((arrival * 1000) << 16) + i),
                "uri": "https://%s/users/%s/statuses/%d" % (MENTION_HOST, who, 1000 + i),
                "created_at": iso_z(t).replace("Z", ".000Z"),
                "language": lang,
                "visibility": "public",
                "reblog": None,
                "spoiler_text": "",
                "content": "<p>%s</p>" % text.replace("#orbitdown", '<a href="https://%s/tags/'
                                                      'orbitdown" class="mention hashtag">#<span>'
                                                      'orbitdown</span></a>' % MENTION_HOST),
                "account": {"acct": who, "url": "https://%s/@%s" % (MENTION_HOST, who),
                            "bot": False},
                "tags": [{"name": "orbitdown"}],
                "_arrival": arrival,
            })
        self.last = None

    def body(self, t):
        since = START - 7200 if self.last is None else self.last
        self.last = t
        fresh = [p for p in self.posts if since < p["_arrival"] <= t]
        fresh = sorted(fresh, key=lambda p: -int(p["id"]))[:40]
        return [{k: v for k, v in p.items() if not k.startswith("_")} for p in fresh]


MENTIONS = {"orbit-messenger": None}  # made once, in main (it is a few hundred posts)


FEEDS = {
    "orbit-messenger": Feed(
        "orbit-messenger",
        {"FR": 11, "IT": 9, "DE": 10, "ES": 7, "GB": 11, "JP": 4, "US": 14, "CA": 5},
        orbit_mult(1.0),
        {"Messages": 0.46, "Login": 0.24, "Calls": 0.16},
        lambda minute: {"Messages": 0.61, "Login": 0.23, "Calls": 0.09},
    ),
    "orbit-chat": Feed(
        "orbit-chat",
        {"FR": 5, "IT": 4, "DE": 5, "ES": 3, "GB": 5, "JP": 2, "US": 7, "CA": 2},
        orbit_mult(0.6),
        {"Messages": 0.42, "Login": 0.27, "Notifications": 0.18},
        lambda minute: {"Messages": 0.57, "Login": 0.26, "Notifications": 0.11},
    ),
    "orbit-feed": Feed(
        "orbit-feed",
        {"FR": 14, "IT": 11, "DE": 12, "ES": 9, "GB": 13, "JP": 3, "US": 18, "CA": 6},
        orbit_mult(0.4),
        {"Feed": 0.38, "Login": 0.29, "Posting": 0.19},
        lambda minute: {"Feed": 0.55, "Login": 0.21, "Posting": 0.17},
    ),
    "orbit-photos": Feed(
        "orbit-photos",
        {"FR": 9, "IT": 8, "DE": 8, "ES": 6, "GB": 9, "JP": 5, "US": 12, "CA": 4},
        orbit_mult(0.5),
        {"Feed": 0.33, "Login": 0.24, "Stories": 0.18, "Direct": 0.14},
        lambda minute: {"Direct": 0.38, "Stories": 0.31, "Feed": 0.19, "Login": 0.08},
    ),
    "parley": Feed(
        "parley",
        {"FR": 9, "IT": 6, "DE": 8, "ES": 5, "GB": 9, "JP": 2, "US": 12, "CA": 4},
        parley_mult,
        {"Calls": 0.34, "Messages": 0.29, "Login": 0.21},
        parley_mix,
    ),
}


# ---- the pages ----------------------------------------------------------------

def build_pages():
    pages = {}

    pages["orbit-messenger"] = Page("orbit-messenger", "Orbit Messenger", "status.orbitmessenger.example").leaves(
        "Messaging", "Login", "Voice and video calls", "Notifications", "Web app", "Developer API")
    pages["orbit-chat"] = Page("orbit-chat", "Orbit Chat", "status.orbitchat.example").leaves(
        "Chats", "Group chats", "Login", "Media sharing", "Notifications")
    pages["orbit-feed"] = Page("orbit-feed", "Orbit Feed", "status.orbitfeed.example").leaves(
        "News feed", "Posting", "Login", "Groups", "Marketplace", "Notifications")
    pages["orbit-photos"] = Page("orbit-photos", "Orbit Photos", "status.orbitphotos.example").leaves(
        "Feed", "Stories", "Direct", "Uploads", "Login", "Search")

    # Parley: one group per region, the same five components in each.
    p = Page("parley", "Parley", "status.parley.example", tz="Europe/Paris")
    five = ["Login", "Messaging", "Calls", "Presence", "Contacts"]
    for g in ("Europe", "North America", "Asia Pacific"):
        p.group(g, five)
    p.leaves("Website", "Developer API")
    eu = lambda c: "Europe/" + c
    na = lambda c: "North America/" + c

    wave1 = [eu("Login"), eu("Messaging"), eu("Calls"), na("Login"), na("Messaging")]
    p.incident(
        m(58, 12), "connectivity", "Users unable to sign in, send messages or make calls", "major",
        "investigating",
        "We are aware of an issue causing users to lose connectivity to Parley. Signing in, "
        "sending messages and starting calls may fail. Our engineers are investigating and we "
        "will share more as soon as we can.",
        {eu("Login"): "major_outage", eu("Messaging"): "major_outage", eu("Calls"): "major_outage",
         na("Login"): "partial_outage", na("Messaging"): "partial_outage"},
        wave1)
    p.update(
        m(70, 40), "connectivity", "investigating",
        "We are still investigating the loss of connectivity. Users in Europe are the most "
        "affected, France in particular; some users in North America are affected too. Calls "
        "already in progress may drop. Next update within 30 minutes.")
    p.update(
        m(78, 5), "connectivity", "identified",
        "We have identified the cause: a configuration change to our sign-in service. We are "
        "rolling it back and deploying a fix; connectivity should come back gradually.")
    p.update(
        m(82, 30), "connectivity", "monitoring",
        "The fix is deployed. Signing in, messaging and calls are recovering across Europe and "
        "North America. We are monitoring the results.",
        {c: "operational" for c in wave1})
    p.update(
        m(86, 50), "connectivity", "resolved",
        "This incident has been resolved. Users can sign in, send messages and make calls "
        "normally. We will publish a review of what happened.")

    wave2 = [eu("Presence"), eu("Contacts"), eu("Messaging"), na("Presence")]
    p.incident(
        m(88, 20), "reconnect", "Presence, contact lists and messaging degraded as clients reconnect",
        "major", "investigating",
        "As millions of clients reconnect at once, presence, contact lists and message delivery "
        "are overloaded. Contacts may appear offline, contact lists may not load and messages "
        "may arrive late. We are investigating.",
        {eu("Presence"): "major_outage", eu("Contacts"): "partial_outage",
         eu("Messaging"): "partial_outage", na("Presence"): "partial_outage"},
        wave2)
    p.update(
        m(99, 45), "reconnect", "identified",
        "We are scaling capacity for presence and contact lists. North America is recovering; "
        "Europe is still affected and we are adding more capacity there.",
        {na("Presence"): "degraded_performance"})
    p.update(
        m(108, 10), "reconnect", "monitoring",
        "Extra capacity is in place and reconnections have slowed down. Presence, contact lists "
        "and messaging are working again; presence in Europe may still lag for a few minutes. "
        "We are monitoring.",
        {eu("Presence"): "degraded_performance", eu("Contacts"): "operational",
         eu("Messaging"): "operational", na("Presence"): "operational"})
    p.update(
        m(112, 30), "reconnect", "resolved",
        "This incident has been resolved. Presence, contact lists and messaging are back to "
        "normal everywhere.",
        {eu("Presence"): "operational"})
    pages["parley"] = p

    # The healthy neighbours.
    pages["codeforge"] = Page("codeforge", "Codeforge", "status.codeforge.example",
                              tz="America/Los_Angeles").leaves(
        "Git operations", "Web", "API requests", "Pull requests", "Pipelines", "Packages", "Pages",
        "Webhooks")
    pages["paystream"] = (
        Page("paystream", "Paystream", "status.paystream.example")
        .group("Payments API", ["Card payments", "Bank transfers", "Payouts"])
        .group("Dashboard", ["Dashboard", "Reports"])
        .leaves("Webhooks"))
    mb = Page("mailbox", "Mailbox", "status.mailbox.example").leaves(
        "Webmail", "IMAP and POP", "SMTP", "Mobile apps", "Calendar", "Search")
    mb.maintenance(
        START - 2 * 86400 + 3600 * 9 + 17 * 60, "reindex", "Search index rebuild",
        m(0) + 86400 + 9 * 3600, m(0) + 86400 + 11 * 3600,
        "We will rebuild the search index on Wednesday between 02:00 and 04:00 UTC. Mail keeps "
        "flowing; search results may be incomplete for a while.",
        ["Search"])
    pages["mailbox"] = mb

    c9 = Page("cloudnine", "Cloudnine", "status.cloudnine.example")
    for g in ("Europe", "North America", "Asia Pacific"):
        c9.group(g, ["Compute", "Object Storage", "Managed Databases", "Networking"])
    c9.group("South America", ["Compute", "Object Storage", "Managed Databases"])
    c9.maintenance(
        START - 3 * 86400 + 3600 * 2 + 41 * 60, "sa-db", "Managed database upgrades in South America",
        m(30), m(90),
        "We will upgrade managed database clusters in South America. Each cluster fails over once; "
        "expect a few seconds of interrupted connections.",
        ["South America/Managed Databases"])
    c9.update(m(30, 4), "sa-db", "in_progress",
              "The maintenance is in progress.",
              {"South America/Managed Databases": "under_maintenance"})
    c9.update(m(83, 20), "sa-db", "completed",
              "The maintenance is complete. All clusters are on the new version.",
              {"South America/Managed Databases": "operational"})
    pages["cloudnine"] = c9

    pages["streamly"] = Page("streamly", "Streamly", "status.streamly.example").leaves(
        "Video playback", "Sign in", "Search", "Recommendations", "Live channels")
    pages["mapwise"] = Page("mapwise", "Mapwise", "status.mapwise.example").leaves(
        "Maps API", "Directions API", "Geocoding", "Traffic data", "Mobile SDK")
    pages["docsy"] = Page("docsy", "Docsy", "status.docsy.example").leaves(
        "Editor", "Sharing", "Comments", "Export", "Search")
    pages["shopline"] = Page("shopline", "Shopline", "status.shopline.example").leaves(
        "Storefront", "Checkout", "Admin", "Order processing", "Shipping labels")

    rg = (Page("ridego", "Ridego", "status.ridego.example")
          .leaves("Rider app", "Driver app", "Payments")
          .group("Cities", ["Paris", "Milan", "Berlin", "London", "New York", "Toronto", "Tokyo",
                            "Sydney"]))
    rg.incident(
        m(24, 30), "syd", "Longer pickup times in Sydney", "minor", "investigating",
        "Riders in Sydney may wait longer for a pickup and some trips may not find a driver. We "
        "are looking into it.",
        {"Cities/Sydney": "degraded_performance"}, ["Cities/Sydney"])
    rg.update(m(41, 0), "syd", "identified",
              "A dispatch service for the Sydney area is running behind. We are adding capacity.")
    rg.update(m(57, 15), "syd", "monitoring",
              "Pickup times in Sydney are back to normal. We are monitoring.",
              {"Cities/Sydney": "operational"})
    rg.update(m(68, 0), "syd", "resolved", "This incident has been resolved.")
    pages["ridego"] = rg

    pages["newsdesk"] = Page("newsdesk", "Newsdesk", "status.newsdesk.example").leaves(
        "Website", "Mobile apps", "Live blogs", "Newsletters", "Reader reports feed")
    pages["tunebox"] = Page("tunebox", "Tunebox", "status.tunebox.example").leaves(
        "Streaming", "Downloads", "Search", "Playlists", "Podcasts", "Sign in")
    pages["gamehub"] = Page("gamehub", "Gamehub", "status.gamehub.example").leaves(
        "Matchmaking", "Store", "Friends and chat", "Cloud saves", "Sign in")
    return pages


# ---- config -------------------------------------------------------------------

SERVICES = [
    # id, display name, family, status interval (s), has a report feed, extra config lines
    ("orbit-messenger", "Orbit Messenger", "orbit", 60, True, []),
    ("orbit-chat", "Orbit Chat", "orbit", 60, True, []),
    ("orbit-feed", "Orbit Feed", "orbit", 60, True, []),
    ("orbit-photos", "Orbit Photos", "orbit", 60, True, []),
    ("parley", "Parley", None, 60, True, [
        "# One component group per region, the same components in each.",
        'region = group "^Europe$" => EU',
        'region = group "^North America$" => NA',
        'region = group "^Asia Pacific$" => APAC',
    ]),
    ("codeforge", "Codeforge", None, 300, False, []),
    ("paystream", "Paystream", None, 300, False, []),
    ("mailbox", "Mailbox", None, 300, False, []),
    ("cloudnine", "Cloudnine", None, 300, False, [
        'region = group "^Europe$" => EU',
        'region = group "^North America$" => NA',
        'region = group "^Asia Pacific$" => APAC',
        'region = group "^South America$" => LATAM',
    ]),
    ("streamly", "Streamly", None, 300, False, []),
    ("mapwise", "Mapwise", None, 300, False, []),
    ("docsy", "Docsy", None, 300, False, []),
    ("shopline", "Shopline", None, 300, False, []),
    ("ridego", "Ridego", None, 300, False, [
        "# The \"Cities\" group lists the cities Ridego runs in.",
        'region = path "^Cities - (.+)$" => city:$1',
    ]),
    ("newsdesk", "Newsdesk", None, 300, False, []),
    ("tunebox", "Tunebox", None, 300, False, []),
    ("gamehub", "Gamehub", None, 300, False, []),
]


def status_url(pages, sid):
    return "https://%s/api/v2/summary.json" % pages[sid].host


def feed_url(sid):
    return "https://reports.newsdesk.example/%s.json" % sid


def mentions_url():
    return "https://%s/api/v1/timelines/tag/orbitdown?limit=40" % MENTION_HOST


MENTION_CONFIG = [
    "# Public posts on a Mastodon instance: mentions, not reports (docs/signals.md).",
    "keyword  = #orbitdown",
    "keyword  = orbit down",
    "keyword  = it: orbit non funziona",
    "keyword  = fr: orbit ne marche",
    "keyword  = fr: orbit en panne",
    "keyword  = ja: オービット落ち",
    "keyword  = ja: オービット障害",
    "stop     = photo of the day",
]


def config_text(pages):
    out = [
        "# The config of sitrep's demo recording (written by tools/mkdemo.py).",
        "# Every service, page and URL here is fictional: the .example hosts do not",
        "# exist. Replay it with `sitrep --demo`, or `sitrep --replay DIR`.",
        "",
        "[sitrep]",
        "columns  = ALL EU FR IT JP US",
        "interval = 60s",
        "# Tuned for a two-hour demo: 10 minutes of high reports make a problem,",
        "# 10 quiet minutes clear it (the defaults are 30m).",
        "crowd_duration = 10m",
        "crowd_clear    = 10m",
        "",
    ]
    for sid, name, family, interval, has_feed, extra in SERVICES:
        out.append("[service %s]" % sid)
        out.append("name   = %s" % name)
        if family:
            out.append("family = %s" % family)
        out.append("format = statuspage")
        out.append("url    = %s" % status_url(pages, sid))
        if interval != 60:
            out.append("interval = %dm" % (interval // 60))
        out.extend(extra)
        out.append("")
        if has_feed:
            out.append("[source %s reports]" % sid)
            out.append("format   = reportfeed")
            out.append("url      = %s" % feed_url(sid))
            out.append("interval = 60s")
            out.append("")
        if sid in MENTIONS:
            out.append("[source %s mentions]" % sid)
            out.append("format   = mastodon-tag")
            out.append("url      = %s" % mentions_url())
            out.append("interval = 60s")
            out.extend(MENTION_CONFIG)
            out.append("")
    return "\n".join(out)


# ---- the recording ----------------------------------------------------------------


def polls():
    """(request start in ms, service, source, kind, url, interval s) of every poll."""
    pages = build_pages()
    out = []
    for sid, _, _, interval, has_feed, _ in SERVICES:
        sources = [("status", "statuspage", status_url(pages, sid), interval)]
        if has_feed:
            sources.append(("reports", "reportfeed", feed_url(sid), 60))
        if sid in MENTIONS:
            sources.append(("mentions", "mastodon-tag", mentions_url(), 60))
        for src, kind, url, every in sources:
            r = rng_for("schedule", sid, src)
            begin = START * 1000 + r.randint(150, 4600)
            k = 0
            while True:
                at = begin + k * every * 1000 + (r.randint(-60, 60) if k else 0)
                if at + 1000 > END * 1000:  # every answer arrives before end_ms
                    break
                out.append((at, sid, src, kind, url, every))
                k += 1
    return pages, out


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: %s OUTPUT_DIR   (e.g. data/demo)\n" % argv[0])
        return 2
    outdir = argv[1]
    known = {"recording.json", "config.ini", "responses.jsonl", "bodies"}
    if os.path.exists(outdir):
        if not os.path.isdir(outdir) or not set(os.listdir(outdir)) <= known:
            sys.stderr.write("%s: not a demo recording directory; refusing to clear it\n" % outdir)
            return 1
        shutil.rmtree(outdir)
    os.makedirs(os.path.join(outdir, "bodies"))

    pages, schedule = polls()
    lines, written, last = [], set(), {}
    for at, sid, src, kind, url, every in sorted(schedule, key=lambda p: (p[0], p[1], p[2])):
        r = rng_for("elapsed", sid, src, at)
        elapsed = r.randint(35, 420) if kind == "statuspage" else r.randint(18, 160)
        t = at / 1000.0
        if kind == "statuspage":
            doc = pages[sid].body(t)
        elif kind == "mastodon-tag":
            if MENTIONS[sid] is None:
                MENTIONS[sid] = Mentions()
            doc = MENTIONS[sid].body(t)
        else:
            doc = FEEDS[sid].body(t)
        data = dump(doc).encode("utf-8")
        digest = hashlib.sha256(data).hexdigest()[:16]
        etag = '"%s"' % digest
        line = {"t_ms": at + elapsed, "service": sid, "source": src, "url": url}
        if last.get((sid, src)) == digest:
            line["status"] = 304
            line["headers"] = ["etag: " + etag]
        else:
            name = "bodies/%s.json" % digest
            if name not in written:
                with open(os.path.join(outdir, name), "wb") as f:
                    f.write(data)
                written.add(name)
            line["status"] = 200
            line["headers"] = ["content-type: application/json; charset=utf-8", "etag: " + etag]
            line["body"] = name
            last[(sid, src)] = digest
        line["elapsed_ms"] = elapsed
        line["next_poll_ms"] = at + every * 1000
        lines.append(line)
    lines.sort(key=lambda l: (l["t_ms"], l["service"], l["source"]))

    with open(os.path.join(outdir, "responses.jsonl"), "w", encoding="utf-8", newline="\n") as f:
        for line in lines:
            f.write(json.dumps(line, separators=(",", ":"), ensure_ascii=False) + "\n")
    with open(os.path.join(outdir, "config.ini"), "w", encoding="utf-8", newline="\n") as f:
        f.write(config_text(pages))
    recording = {
        "sitrep_recording": 1,
        "title": TITLE,
        "start_ms": START * 1000,
        "end_ms": END * 1000,
        "started_at": iso_z(START),
        "ended_at": iso_z(END),
        "speed": SPEED,
    }
    with open(os.path.join(outdir, "recording.json"), "w", encoding="utf-8", newline="\n") as f:
        f.write(json.dumps(recording, indent=2, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
