#!/usr/bin/env python3
"""Calibration tables for beatsim incident types from public call data.

Usage (from the repository root):
    python3 docs/calibration/calibrate.py [DATA_DIR] [--markdown]

DATA_DIR defaults to ../shared/data/real relative to the repository root and
must contain the folders nashville_mnpd_cfs_2024, berkeley_pd_cfs_2018_2019
and seattle_spd_call_data_samples.  Output is plain text: one section per
table, each introduced by a "## name" line, with the table as CSV (default)
or as a Markdown table (--markdown).

Python 3 standard library only.  Deterministic (the bootstrap uses a fixed
seed).

Model types (TYPES below):
  burglary          break-in to premises (not alarms, not vehicles)
  street_theft      theft from person / larceny (see caveats in the mapping)
  dispute_disorder  disputes, disturbances, disorderly/intoxicated persons
  traffic           collisions, traffic violations, obstruction
  assistance        requests for assistance / service, welfare, hazards
  violent           assault, robbery, weapons, shootings, sexual assault
  other             everything else (alarms, officer-initiated activity,
                    vehicle crime, fraud, drugs, unknown codes, ...)
"""

import collections
import csv
import datetime
import json
import math
import os
import random
import statistics
import sys

TYPES = ["burglary", "street_theft", "dispute_disorder", "traffic",
         "assistance", "violent"]
ALL_TYPES = TYPES + ["other"]
DOW = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

# ---------------------------------------------------------------------------
# Mapping tables
# ---------------------------------------------------------------------------

# Nashville MNPD: by Tencode.  Any code not listed here is "other" and is
# counted as unmapped.  Codes 70/71 (burglary) whose Tencode Suffix starts
# with "A" (ALARM) are burglar alarms, not burglaries: they go to "other"
# (reported separately as the variant "burglary_alarm").
NSH_MAP = {
    # burglary (suffix A = alarm is diverted to other, see above)
    "70": "burglary",        # BURGLARY - RESIDENCE
    "71": "burglary",        # BURGLARY - NON-RESIDENCE
    # street theft: MNPD has a single THEFT code; it cannot separate theft
    # from person from shoplifting or other larceny.  Broad proxy.
    "50": "street_theft",    # THEFT
    # dispute / disorder
    "44": "dispute_disorder",  # DISORDERLY PERSON
    "42": "dispute_disorder",  # INTOXICATED PERSON
    "62": "dispute_disorder",  # PERSON SCREAMING
    "59": "dispute_disorder",  # PERSON INDECENTLY EXPOSED
    # traffic
    "93": "traffic",         # TRAFFIC VIOLATION (mostly officer-initiated stops)
    "45": "traffic",         # VEHICLE ACCIDENT - PROPERTY DAMAGE
    "46": "traffic",         # VEHICLE ACCIDENT - PERSONAL INJURY
    "49": "traffic",         # VEHICLE BLOCKING RIGHT OF WAY
    # assistance / service request
    "43": "assistance",      # WANT OFFICER FOR INVESTIGATION / ASSISTANCE
    "87": "assistance",      # SAFETY HAZARD
    "75": "assistance",      # MISSING PERSON
    "65": "assistance",      # DANGEROUS / INJURED ANIMAL
    "35": "assistance",      # MENTALLY ILL PERSON
    "63": "assistance",      # SUICIDAL PERSON
    "64": "assistance",      # CORPSE / D. O. A.
    "73": "assistance",      # HAZARDOUS LIQUID / GAS LEAK
    "61": "assistance",      # FIRE
    # violent crime
    "57": "violent",         # FIGHT / ASSAULT
    "83": "violent",         # SHOTS FIRED
    "53": "violent",         # HOLDUP / ROBBERY
    "54": "violent",         # PERSON WITH WEAPON
    "52": "violent",         # SHOOTING
    "51": "violent",         # CUTTING / STABBING
    "68": "violent",         # KIDNAPPING
    "1000": "violent",       # BANK ROBBERY
    "3000": "violent",       # BARRICADED SUSPECT
    # explicitly other
    "3": "other",            # (blank description; meaning undocumented)
    "15": "other",           # COMMUNITY POLICING ACTIVITY   (self-initiated)
    "96": "other",           # BUSINESS CHECK                (self-initiated)
    "16": "other",           # TRANSPORT PRISONER / SUSPECT  (admin)
    "92": "other",           # FIXED POST                    (admin)
    "95": "other",           # MEAL BREAK                    (admin)
    "94": "other",           # PERSONAL RELIEF               (admin)
    "14": "other",           # ESCORT / CONVOY               (admin)
    "88": "other",           # INVESTIGATE 911 HANG-UP CALL
    "40": "other",           # SUSPICIOUS PERSON
    "58": "other",           # PROWLER
    "77": "other",           # GANG ACTIVITY
    "66": "other",           # BOMB THREAT
    "8000": "other",         # EXPLOSION
    "2000": "other",         # AIRCRAFT CRASH
}
# Officer-initiated / administrative codes, excluded from the
# "share_excl_admin" denominator.
NSH_ADMIN = {"15", "96", "16", "92", "95", "94", "14"}

# Berkeley PD: by OFFENSE.  Reported offences, so no traffic and almost no
# service calls.  Vehicle break-ins (BURGLARY AUTO, THEFT FROM AUTO) are not
# premises burglary nor theft from person: they go to other.
BRK_MAP = {
    "BURGLARY RESIDENTIAL": "burglary",
    "BURGLARY COMMERCIAL": "burglary",
    # street theft (broad): all larceny except from/of vehicles.  Strict
    # definition (THEFT FROM PERSON only) is reported as a variant.
    "THEFT FROM PERSON": "street_theft",
    "THEFT MISD. (UNDER $950)": "street_theft",
    "THEFT FELONY (OVER $950)": "street_theft",
    "DISTURBANCE": "dispute_disorder",
    "DISTURBANCE - NOISE": "dispute_disorder",
    "2ND RESPONSE": "dispute_disorder",     # CVLEGEND NOISE VIOLATION
    "DOMESTIC VIOLENCE": "dispute_disorder",  # family dispute (judgement call)
    "ALCOHOL OFFENSE": "dispute_disorder",
    "MISSING ADULT": "assistance",
    "MISSING JUVENILE": "assistance",
    "ASSAULT/BATTERY FEL.": "violent",
    "ASSAULT/BATTERY MISD.": "violent",
    "ROBBERY": "violent",
    "HOMICIDE": "violent",
    "KIDNAPPING": "violent",
    "SEXUAL ASSAULT FEL.": "violent",
    "SEXUAL ASSAULT MISD.": "violent",
    "BRANDISHING": "violent",
    "GUN/WEAPON": "violent",
    "BURGLARY AUTO": "other",
    "THEFT FROM AUTO": "other",
    "VEHICLE STOLEN": "other",
    "VEHICLE RECOVERED": "other",
    "VANDALISM": "other",
    "FRAUD/FORGERY": "other",
    "IDENTITY THEFT": "other",
    "NARCOTICS": "other",
    "VICE": "other",
    "ARSON": "other",
    "MUNICIPAL CODE": "other",
}

# Seattle SPD extracts: by Final Call Type (leading "--" removed), first
# matching prefix wins.  Only used for priority mix and response times.
SEA_PREFIX_MAP = [
    ("ALARM", "other"),
    ("BURGLARY", "burglary"),
    ("THEFT - CAR PROWL", "other"),
    ("THEFT - ALL OTHER", "street_theft"),
    ("THEFT - BICYCLE", "street_theft"),
    ("ROBBERY", "violent"),
    ("ASSAULTS", "violent"),
    ("DV - DOMESTIC VIOL/ASLT", "violent"),
    ("DV - ARGUMENTS", "dispute_disorder"),
    ("DISTURBANCE", "dispute_disorder"),
    ("MISCHIEF OR NUISANCE", "dispute_disorder"),
    ("TRAFFIC", "traffic"),
    ("PARKING VIOLATION", "traffic"),
    ("OBS - MVC", "traffic"),
    ("ASSIST PUBLIC", "assistance"),
    ("ASSIST OTHER AGENCY", "assistance"),
    ("CRISIS COMPLAINT", "assistance"),
    ("CASUALTY", "assistance"),
    ("PERSON - FOUND PERSON", "assistance"),
    ("HAZARDS", "assistance"),
    ("ANIMAL COMPLAINT", "assistance"),
    ("HARBOR", "assistance"),
    # everything else (suspicious circumstances, premise checks, auto theft,
    # property damage, fraud, lewd conduct, prowler, directed patrol, court
    # order service) -> other
]

# Recommended default source per type (used in the "defaults" table):
# (hour-of-day source, day-of-week source).  NSH = Nashville call time;
# BRK = Berkeley offence time.
DEFAULT_SOURCE = {
    # hour: call time matters for dispatch, and BRK burglary times are
    # mostly guesses (43% on :00).  Weekday: NSH n = 160 gives a weekend
    # ratio of 1.72 that BRK (n = 893) does not show; BRK used.
    "burglary": ("NSH", "BRK"),
    "street_theft": ("NSH", "NSH"),
    "dispute_disorder": ("NSH", "NSH"),
    "traffic": ("NSH", "NSH"),      # BRK has no traffic
    "assistance": ("NSH", "NSH"),   # BRK has only missing persons
    "violent": ("NSH", "NSH"),
}
# Types whose default hourly profile is smoothed (circular 1-2-1 kernel over
# adjacent hours) because the sample is small (NSH burglary: n = 160).
DEFAULT_SMOOTH = {"burglary"}

# ---------------------------------------------------------------------------
# Formatting
# ---------------------------------------------------------------------------

MARKDOWN = False


def sig3(x):
    """Three significant digits, fixed-point."""
    if x is None:
        return ""
    if isinstance(x, int):
        return str(x)
    if x != x:  # NaN
        return "nan"
    if x == 0:
        return "0"
    a = abs(x)
    if a >= 100:
        return "%.0f" % x
    if a >= 10:
        return "%.1f" % x
    if a >= 1:
        return "%.2f" % x
    d = 2 - int(math.floor(math.log10(a)))
    return "%.*f" % (d, x)


def fmt(x):
    if isinstance(x, float):
        return sig3(x)
    return "" if x is None else str(x)


def section(name, header, rows, note=None):
    print("## " + name)
    if note:
        for line in note.strip().splitlines():
            print("# " + line)
    if MARKDOWN:
        print("| " + " | ".join(header) + " |")
        print("|" + "|".join("---" for _ in header) + "|")
        for r in rows:
            print("| " + " | ".join(fmt(v) for v in r) + " |")
    else:
        w = csv.writer(sys.stdout, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow([fmt(v) for v in r])
    print()


# ---------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------

def clean_header(names):
    """Strip a real BOM or a BOM mis-decoded as Latin-1 ("\u00ef\u00bb\u00bf")."""
    out = []
    for i, n in enumerate(names):
        if i == 0:
            for junk in ("\ufeff", "\u00ef\u00bb\u00bf"):
                if n.startswith(junk):
                    n = n[len(junk):]
        out.append(n.strip())
    return out


def read_csv(path):
    # newline="" so that quoted multi-line fields (Berkeley Block_Location)
    # are parsed as one field.
    with open(path, encoding="utf-8", newline="") as f:
        r = csv.reader(f)
        header = clean_header(next(r))
        rows = [dict(zip(header, row)) for row in r if row]
    return header, rows


class Rec:
    __slots__ = ("src", "t", "date", "hour", "typ", "code", "mode", "raw")

    def __init__(self, src, t, typ, code, mode="", raw=None):
        self.src, self.t, self.typ, self.code = src, t, typ, code
        self.date = t.date()
        self.hour = t.hour
        self.mode = mode
        self.raw = raw


def load_nashville(root):
    path = os.path.join(root, "nashville_mnpd_cfs_2024", "calls_2024.csv")
    header, rows = read_csv(path)
    recs, unmapped, bad = [], collections.Counter(), 0
    for r in rows:
        try:
            t = datetime.datetime.strptime(r["Call_Received"].strip(),
                                           "%Y-%m-%d %H:%M:%S")
        except ValueError:
            bad += 1
            continue
        code = r["Tencode"].strip()
        suf = r["Tencode Suffix"].strip()
        desc = r["Tencode Description"].strip() or "(blank)"
        typ = NSH_MAP.get(code)
        if typ is None:
            typ = "other"
            unmapped[(code, desc)] += 1
        if typ == "burglary" and suf.startswith("A"):
            typ = "other"
            code_lbl = code + "/A"
        else:
            code_lbl = code
        recs.append(Rec("NSH", t, typ, code_lbl, suf, desc))
    return {"path": path, "header": header, "nrows": len(rows),
            "recs": recs, "unmapped": unmapped, "bad": bad}


def load_berkeley(root):
    d = os.path.join(root, "berkeley_pd_cfs_2018_2019")
    files = sorted(f for f in os.listdir(d) if f.endswith(".csv"))
    seen, per_file, unmapped, bad = {}, [], collections.Counter(), 0
    dow_mismatch = 0
    for fn in files:
        _, rows = read_csv(os.path.join(d, fn))
        dates = []
        for r in rows:
            dt = datetime.datetime.strptime(r["EVENTDT"].strip(),
                                            "%m/%d/%Y %I:%M:%S %p").date()
            dates.append(dt)
            if r["CASENO"] in seen:          # snapshots overlap: dedupe
                continue
            try:
                hh, mm = r["EVENTTM"].strip().split(":")
                t = datetime.datetime(dt.year, dt.month, dt.day,
                                      int(hh), int(mm))
            except ValueError:
                bad += 1
                continue
            # CVDOW: 0 = Sunday
            if (t.weekday() + 1) % 7 != int(r["CVDOW"]):
                dow_mismatch += 1
            off = r["OFFENSE"].strip()
            typ = BRK_MAP.get(off)
            if typ is None:
                typ = "other"
                unmapped[(off, r["CVLEGEND"].strip())] += 1
            seen[r["CASENO"]] = Rec("BRK", t, typ, off, "", int(mm))
        per_file.append((fn, len(rows), min(dates), max(dates)))
    return {"dir": d, "files": per_file, "recs": list(seen.values()),
            "unmapped": unmapped, "bad": bad, "dow_mismatch": dow_mismatch}


def berkeley_windows(files, lag_days=10):
    """Date windows with complete coverage: union of snapshot spans, minus the
    last lag_days of each contiguous span (reporting lag)."""
    spans = sorted((a, b) for _, _, a, b in files)
    merged = []
    for a, b in spans:
        if merged and a <= merged[-1][1] + datetime.timedelta(days=1):
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return [(a, b - datetime.timedelta(days=lag_days)) for a, b in merged]


def sea_parse_time(s):
    s = s.strip()
    if not s:
        return None
    return datetime.datetime.strptime(s, "%m/%d/%Y %I:%M:%S %p")


def sea_type(final):
    f = final.strip().lstrip("-").strip()
    for pre, typ in SEA_PREFIX_MAP:
        if f.startswith(pre):
            return typ
    return "other"


def load_seattle(root):
    d = os.path.join(root, "seattle_spd_call_data_samples")
    events, conflicts, nrows = {}, 0, 0
    for fn in ("db_call_data_2018-2023.csv", "db_call_data_2010-2023_v1.csv"):
        _, rows = read_csv(os.path.join(d, fn))   # v1 has a real BOM
        nrows += len(rows)
        for r in rows:
            k = r["CAD Event Number"]
            if k in events:
                if events[k] != r:
                    conflicts += 1
                continue
            events[k] = r
    calls = []
    for r in events.values():
        q = sea_parse_time(r["Original Time Queued"])
        a = sea_parse_time(r["Arrived Time"])
        calls.append({
            "type": sea_type(r["Final Call Type"]),
            "prio": r["Priority"].strip(),
            "calltype": r["Call Type"].strip(),
            "q": q, "a": a,
            "rt": (a - q).total_seconds() / 60.0 if (a and q) else None,
            "beat": r["Beat"].strip(),
        })
    # Seattle Times 2015 aggregates
    _, bd = read_csv(os.path.join(d, "seattletimes_2015_beat_response_breakdown.csv"))
    with open(os.path.join(d, "seattletimes_2015_beat_response.geo.json"),
              encoding="utf-8") as f:
        gj = json.load(f)
    props = {ft["properties"]["BEAT"]: ft["properties"] for ft in gj["features"]}
    return {"nrows": nrows, "calls": calls, "conflicts": conflicts,
            "breakdown": {r["Row"]: r for r in bd}, "geo": props}


# ---------------------------------------------------------------------------
# Statistics helpers
# ---------------------------------------------------------------------------

def daterange(a, b):
    d = a
    while d <= b:
        yield d
        d += datetime.timedelta(days=1)


def hour_counts(recs):
    c = [0] * 24
    for r in recs:
        c[r.hour] += 1
    return c


def brk_hour_counts(recs):
    """Berkeley: 00:00 and 12:00 are default values for unknown times.  Drop
    rows at exactly 00:00 / 12:00 and rebuild the ":00" part of hours 0 and 12
    from the type's own share of ":00" times in the other 22 hours."""
    c_all = [0] * 24
    c_00 = [0] * 24
    for r in recs:
        c_all[r.hour] += 1
        if r.raw == 0:
            c_00[r.hour] += 1
    oth = [h for h in range(24) if h not in (0, 12)]
    n_oth = sum(c_all[h] for h in oth)
    f00 = sum(c_00[h] for h in oth) / n_oth if n_oth else 0.0
    c = list(c_all)
    for h in (0, 12):
        non00 = c_all[h] - c_00[h]
        c[h] = non00 / (1.0 - f00) if f00 < 1 else non00
    return c, c_all, f00


def norm_mean1(vals):
    m = sum(vals) / len(vals)
    return [v / m if m else float("nan") for v in vals]


def weekday_profile(recs, days):
    """Mean count per weekday, divided by the number of such days covered,
    normalised to mean 1."""
    dayset = set(days)
    ndays = [0] * 7
    for d in days:
        ndays[d.weekday()] += 1
    c = [0] * 7
    for r in recs:
        if r.date in dayset:
            c[r.date.weekday()] += 1
    rate = [c[i] / ndays[i] if ndays[i] else 0.0 for i in range(7)]
    return norm_mean1(rate), sum(c)


def wkend_ratio(p):
    """Mean Sat/Sun weight over mean Mon..Fri weight."""
    return (sum(p[5:7]) / 2.0) / (sum(p[0:5]) / 5.0)


def smooth121(p):
    n = len(p)
    return norm_mean1([(p[i - 1] + 2 * p[i] + p[(i + 1) % n]) / 4.0
                       for i in range(n)])


def peak_trough(p):
    pk = max(range(len(p)), key=lambda i: p[i])
    tr = min(range(len(p)), key=lambda i: p[i])
    return pk, tr


def overdispersion(counts, dates):
    """Daily totals -> dict of dispersion statistics.

    raw      : sample variance / mean (n-1 denominator), nothing removed.
    wd       : Pearson dispersion sum((x-E)^2/E)/(n-p) with E = mean of the
               day's weekday (p = 7).
    wd_month : E from a multiplicative weekday x calendar-month model fitted
               by iterative proportional fitting (p = 7 + months - 1).
    v        : implied gamma day-multiplier variance (ratio - 1) / mean.
    v_mom    : method-of-moments alternative sum((x-E)^2 - x) / sum(E^2).
    """
    n = len(counts)
    m = sum(counts) / n
    out = {"n_days": n, "mean": m, "min": min(counts), "max": max(counts)}
    var = statistics.variance(counts)
    out["raw"] = var / m
    out["raw_v"] = (out["raw"] - 1) / m
    out["raw_v_mom"] = sum((x - m) ** 2 - x for x in counts) / (n * m * m)

    def pearson(E, p):
        phi = sum((x - e) ** 2 / e for x, e in zip(counts, E)) / (n - p)
        vm = sum((x - e) ** 2 - x for x, e in zip(counts, E)) / sum(e * e for e in E)
        return phi, vm

    wd = [d.weekday() for d in dates]
    wmean = {}
    for k in set(wd):
        xs = [x for x, w in zip(counts, wd) if w == k]
        wmean[k] = sum(xs) / len(xs)
    E1 = [wmean[w] for w in wd]
    out["wd"], out["wd_v_mom"] = pearson(E1, len(wmean))
    out["wd_v"] = (out["wd"] - 1) / m
    # weekday x month by IPF
    mon = [(d.year, d.month) for d in dates]
    mk = sorted(set(mon))
    a = {k: 1.0 for k in wmean}
    b = {k: m for k in mk}
    for _ in range(50):
        for k in mk:
            idx = [i for i in range(n) if mon[i] == k]
            b[k] = sum(counts[i] for i in idx) / sum(a[wd[i]] for i in idx)
        for k in a:
            idx = [i for i in range(n) if wd[i] == k]
            a[k] = sum(counts[i] for i in idx) / sum(b[mon[i]] for i in idx)
    E2 = [a[wd[i]] * b[mon[i]] for i in range(n)]
    out["wdm"], out["wdm_v_mom"] = pearson(E2, len(a) + len(mk) - 1)
    out["wdm_v"] = (out["wdm"] - 1) / m
    out["months"] = len(mk)
    # autocorrelation of weekday-adjusted relative residuals (consecutive
    # days only)
    res = {d: (x - e) / e for d, x, e in zip(dates, counts, E1)}

    def acf(lag):
        pairs = [(res[d], res[d + datetime.timedelta(days=lag)])
                 for d in dates if d + datetime.timedelta(days=lag) in res]
        if len(pairs) < 10:
            return float("nan")
        xs, ys = zip(*pairs)
        mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
        num = sum((x - mx) * (y - my) for x, y in pairs)
        den = math.sqrt(sum((x - mx) ** 2 for x in xs) * sum((y - my) ** 2 for y in ys))
        return num / den
    out["acf1"], out["acf7"] = acf(1), acf(7)
    return out


def block_bootstrap(counts, dates, reps=2000, block=7, seed=20240805):
    """Moving-block bootstrap (7-day blocks) of the raw and weekday-adjusted
    ratios.  Returns 2.5% and 97.5% quantiles."""
    rng = random.Random(seed)
    n = len(counts)
    nb = n // block
    raw, wdr = [], []
    wd = [d.weekday() for d in dates]
    for _ in range(reps):
        idx = []
        for _ in range(nb):
            s = rng.randrange(0, n - block + 1)
            idx.extend(range(s, s + block))
        xs = [counts[i] for i in idx]
        ws = [wd[i] for i in idx]
        m = sum(xs) / len(xs)
        raw.append(statistics.variance(xs) / m)
        g = collections.defaultdict(list)
        for x, w in zip(xs, ws):
            g[w].append(x)
        wm = {k: sum(v) / len(v) for k, v in g.items()}
        wdr.append(sum((x - wm[w]) ** 2 / wm[w] for x, w in zip(xs, ws))
                   / (len(xs) - len(wm)))

    def q(v, p):
        v = sorted(v)
        return v[int(p * (len(v) - 1))]
    return (q(raw, 0.025), q(raw, 0.975)), (q(wdr, 0.025), q(wdr, 0.975))


def norm_cdf(z):
    return 0.5 * (1.0 + math.erf(z / math.sqrt(2.0)))


def lognormal_fit(xs):
    """Fit lognormal by moments of log(x); KS distance on the log scale.
    Lilliefors 5% critical value approx 0.886/sqrt(n) (n > 30)."""
    ys = sorted(math.log(x) for x in xs if x > 0)
    n = len(ys)
    if n < 3:
        return None
    mu = statistics.mean(ys)
    s = statistics.stdev(ys)
    D = 0.0
    for i, y in enumerate(ys):
        F = norm_cdf((y - mu) / s)
        D = max(D, abs(F - i / n), abs((i + 1) / n - F))
    return {"mu": mu, "sigma": s, "D": D, "crit": 0.886 / math.sqrt(n),
            "fit_mean": math.exp(mu + s * s / 2)}


def quantile(xs, p):
    xs = sorted(xs)
    if not xs:
        return float("nan")
    k = (len(xs) - 1) * p
    lo, hi = int(math.floor(k)), int(math.ceil(k))
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------

def main(argv):
    global MARKDOWN
    args = [a for a in argv[1:] if not a.startswith("--")]
    MARKDOWN = "--markdown" in argv
    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    root = os.path.normpath(args[0] if args else
                            os.path.join(repo, "..", "shared", "data", "real"))

    for sub in ("nashville_mnpd_cfs_2024", "berkeley_pd_cfs_2018_2019",
                "seattle_spd_call_data_samples"):
        if not os.path.isdir(os.path.join(root, sub)):
            sys.exit("calibrate.py: %s not found under %s" % (sub, root))
    nsh = load_nashville(root)
    brk = load_berkeley(root)
    sea = load_seattle(root)
    N = nsh["recs"]
    B = brk["recs"]

    n_days = sorted({r.date for r in N})
    n_days = list(daterange(n_days[0], n_days[-1]))
    b_win = berkeley_windows(brk["files"])
    b_days = [d for a, b in b_win for d in daterange(a, b)]

    # ---- inputs ----------------------------------------------------------
    rows = [["NSH", "calls_2024.csv", nsh["nrows"], len(N),
             "%s..%s" % (n_days[0], n_days[-1]), len(n_days),
             "unparsed time: %d" % nsh["bad"]]]
    for fn, nr, a, b in brk["files"]:
        rows.append(["BRK", fn, nr, "", "%s..%s" % (a, b), "", ""])
    rows.append(["BRK", "(union, dedup by CASENO)", "", len(B),
                 " + ".join("%s..%s" % w for w in b_win), len(b_days),
                 "windows used for day counts (last 10 days of each span "
                 "dropped); CVDOW mismatches: %d" % brk["dow_mismatch"]])
    rows.append(["SEA", "db_call_data_* (2 files)", sea["nrows"],
                 len(sea["calls"]), "2010..2023", "",
                 "conflicting duplicates: %d; no Arrived Time: %d" % (
                     sea["conflicts"],
                     sum(1 for c in sea["calls"] if c["a"] is None))])
    section("inputs", ["src", "file", "rows", "records_used", "dates",
                       "days", "notes"], rows,
            "Data directory: " + root)

    # ---- mapping with counts ---------------------------------------------
    rows = []
    cnt = collections.Counter((r.typ, r.code, r.raw) for r in N)
    for (typ, code, desc), k in sorted(cnt.items(),
                                       key=lambda x: (ALL_TYPES.index(x[0][0]), -x[1])):
        rows.append(["NSH", typ, code, desc, k])
    cnt = collections.Counter((r.typ, r.code) for r in B)
    for (typ, code), k in sorted(cnt.items(),
                                 key=lambda x: (ALL_TYPES.index(x[0][0]), -x[1])):
        rows.append(["BRK", typ, code, "", k])
    section("mapping_counts", ["src", "type", "code", "description", "n"], rows,
            "NSH code 70/A, 71/A = burglary code with ALARM suffix (-> other).\n"
            "Unmapped NSH codes: %d rows %s; unmapped BRK offences: %d rows %s" % (
                sum(nsh["unmapped"].values()), dict(nsh["unmapped"]),
                sum(brk["unmapped"].values()), dict(brk["unmapped"])))

    # ---- shares ------------------------------------------------------------
    nN = len(N)
    nN_ex = sum(1 for r in N if r.code not in NSH_ADMIN)
    nN6 = sum(1 for r in N if r.typ in TYPES)
    nB = len(B)
    nB6 = sum(1 for r in B if r.typ in TYPES)
    cN = collections.Counter(r.typ for r in N)
    cB = collections.Counter(r.typ for r in B)
    rows = []
    for t in ALL_TYPES:
        rows.append([t, cN[t], cN[t] / nN,
                     (cN[t] - (sum(1 for r in N if r.typ == t and r.code in NSH_ADMIN))) / nN_ex,
                     cN[t] / nN6 if t in TYPES else None,
                     cB[t], cB[t] / nB, cB[t] / nB6 if t in TYPES else None])
    rows.append(["total", nN, 1.0, 1.0, None, nB, 1.0, None])
    section("shares", ["type", "NSH_n", "NSH_share_all", "NSH_share_excl_admin",
                       "NSH_share_of_six", "BRK_n", "BRK_share_all",
                       "BRK_share_of_six"], rows,
            "NSH_share_excl_admin: denominator excludes officer-initiated/admin "
            "codes %s (%d rows)." % (sorted(NSH_ADMIN, key=int), nN - nN_ex))

    # ---- hour profiles ------------------------------------------------------
    cols = []
    for t in TYPES:
        rs = [r for r in N if r.typ == t]
        cols.append(("NSH:" + t, norm_mean1(hour_counts(rs)), len(rs)))
    for t in TYPES:
        rs = [r for r in B if r.typ == t]
        if len(rs) < 50:
            continue
        c, _, f00 = brk_hour_counts(rs)
        cols.append(("BRK:" + t, norm_mean1(c), len(rs)))
    cols.append(("NSH:all", norm_mean1(hour_counts(N)), len(N)))
    c, _, _ = brk_hour_counts(B)
    cols.append(("BRK:all", norm_mean1(c), len(B)))
    rows = [[h] + [c[1][h] for c in cols] for h in range(24)]
    rows.append(["n"] + [c[2] for c in cols])
    rows.append(["peak_h"] + [peak_trough(c[1])[0] for c in cols])
    rows.append(["trough_h"] + [peak_trough(c[1])[1] for c in cols])
    rows.append(["rel_se"] + [math.sqrt(24.0 / c[2]) for c in cols])
    section("hour_profiles", ["hour"] + [c[0] for c in cols], rows,
            "Weights per hour of day, mean 1.  NSH: hour of Call_Received.\n"
            "BRK: hour of reported offence time, with 00:00/12:00 defaults "
            "removed and hours 0/12 rebuilt (see brk_hour_correction).\n"
            "rel_se: approx Poisson relative standard error of one hourly "
            "weight, sqrt(24/n).  BRK types with n < 50 omitted.")

    # Berkeley correction diagnostics
    rows = []
    for t in TYPES + ["all"]:
        rs = B if t == "all" else [r for r in B if r.typ == t]
        if len(rs) < 50:
            continue
        c, raw, f00 = brk_hour_counts(rs)
        rn = norm_mean1(raw)
        cn = norm_mean1(c)
        rows.append([t, len(rs), f00, rn[0], cn[0], rn[12], cn[12]])
    section("brk_hour_correction", ["type", "n", "share_at_:00_other_hours",
                                    "h0_raw", "h0_corrected", "h12_raw",
                                    "h12_corrected"], rows)

    # ---- weekday profiles ---------------------------------------------------
    cols = []
    for t in TYPES:
        p, k = weekday_profile([r for r in N if r.typ == t], n_days)
        cols.append(("NSH:" + t, p, k))
    for t in TYPES:
        p, k = weekday_profile([r for r in B if r.typ == t], b_days)
        if k >= 50:
            cols.append(("BRK:" + t, p, k))
    p, k = weekday_profile(N, n_days)
    cols.append(("NSH:all", p, k))
    p, k = weekday_profile(B, b_days)
    cols.append(("BRK:all", p, k))
    rows = [[DOW[i]] + [c[1][i] for c in cols] for i in range(7)]
    rows.append(["n"] + [c[2] for c in cols])
    rows.append(["wkend/wkday"] + [wkend_ratio(c[1]) for c in cols])
    rows.append(["rel_se"] + [math.sqrt(7.0 / c[2]) for c in cols])
    section("weekday_profiles", ["dow"] + [c[0] for c in cols], rows,
            "Calls per covered day of that weekday, normalised to mean 1 "
            "(Mon..Sun).\nNSH: %d days (Mondays %d, other weekdays %d). "
            "BRK: offence date, coverage windows only (%d days)." % (
                len(n_days), sum(1 for d in n_days if d.weekday() == 0),
                sum(1 for d in n_days if d.weekday() == 1), len(b_days)))

    # ---- variants / sensitivity ----------------------------------------------
    variants = [
        ("NSH:burglary_alarm", [r for r in N if r.code in ("70/A", "71/A")], n_days, False),
        ("NSH:traffic_collision", [r for r in N if r.code in ("45", "46")], n_days, False),
        ("NSH:traffic_violation", [r for r in N if r.code == "93"], n_days, False),
        ("NSH:theft+robbery", [r for r in N if r.code in ("50", "53")], n_days, False),
        ("BRK:theft_from_person", [r for r in B if r.code == "THEFT FROM PERSON"], b_days, True),
        ("BRK:robbery", [r for r in B if r.code == "ROBBERY"], b_days, True),
        ("BRK:burglary_residential", [r for r in B if r.code == "BURGLARY RESIDENTIAL"], b_days, True),
    ]
    hcols, wcols = [], []
    for name, rs, days, isb in variants:
        hc = brk_hour_counts(rs)[0] if isb else hour_counts(rs)
        hcols.append((name, norm_mean1(hc), len(rs)))
        p, k = weekday_profile(rs, days)
        wcols.append((name, p, k))
    rows = [[h] + [c[1][h] for c in hcols] for h in range(24)]
    rows.append(["n"] + [c[2] for c in hcols])
    rows.append(["peak_h"] + [peak_trough(c[1])[0] for c in hcols])
    rows.append(["trough_h"] + [peak_trough(c[1])[1] for c in hcols])
    section("hour_profiles_variants", ["hour"] + [c[0] for c in hcols], rows,
            "Alternative definitions (not the default mapping).")
    rows = [[DOW[i]] + [c[1][i] for c in wcols] for i in range(7)]
    rows.append(["n"] + [c[2] for c in wcols])
    rows.append(["wkend/wkday"] + [wkend_ratio(c[1]) for c in wcols])
    section("weekday_profiles_variants", ["dow"] + [c[0] for c in wcols], rows)

    # ---- recommended defaults -------------------------------------------------
    rows = []
    for t in TYPES:
        hsrc, wsrc = DEFAULT_SOURCE[t]
        rs = [r for r in (N if hsrc == "NSH" else B) if r.typ == t]
        hp = norm_mean1(hour_counts(rs) if hsrc == "NSH"
                        else brk_hour_counts(rs)[0])
        sm = t in DEFAULT_SMOOTH
        if sm:
            hp = smooth121(hp)
        rw = [r for r in (N if wsrc == "NSH" else B) if r.typ == t]
        wp, nw = weekday_profile(rw, n_days if wsrc == "NSH" else b_days)
        pk, tr = peak_trough(hp)
        rows.append([t, hsrc + (" smoothed" if sm else ""), len(rs), wsrc, nw,
                     pk, tr] + hp + wp)
    section("defaults_csv", ["type", "hour_src", "hour_n", "dow_src", "dow_n",
                             "peak_h", "trough_h"]
            + ["h%02d" % h for h in range(24)] + DOW, rows,
            "One line per type: 24 hourly weights (mean 1) then 7 weekday "
            "weights Mon..Sun (mean 1).\nsmoothed = circular 1-2-1 kernel "
            "over adjacent hours, renormalised.")

    # ---- Nashville call mode (suffix) mix --------------------------------------
    def mode_group(s):
        if not s:
            return "blank"
        return {"P": "P_progress", "R": "R_report", "A": "A_alarm",
                "T": "T_other"}.get(s[0], "other")
    groups = ["P_progress", "R_report", "A_alarm", "T_other", "other", "blank"]
    rows = []
    for t in ALL_TYPES + ["all"]:
        rs = N if t == "all" else [r for r in N if r.typ == t]
        c = collections.Counter(mode_group(r.mode) for r in rs)
        rows.append([t, len(rs)] + [c[g] / len(rs) for g in groups])
    section("nsh_call_mode_mix", ["type", "n"] + groups, rows,
            "Tencode Suffix grouped by first letter (P = progress, R = report, "
            "A = alarm; T* = traffic/Terry stop/undocumented).\nThis is a call "
            "MODE, not a priority: Nashville has no priority field.")

    # ---- Seattle priority mix ---------------------------------------------------
    prios = ["1", "2", "3", "4", "5", "6", "7"]
    rows = []
    calls_ex = [c for c in sea["calls"] if c["calltype"] != "ONVIEW"]
    for t in ALL_TYPES + ["all"]:
        cs = calls_ex if t == "all" else [c for c in calls_ex if c["type"] == t]
        if not cs:
            rows.append([t, 0] + [None] * len(prios))
            continue
        pc = collections.Counter(c["prio"] for c in cs)
        rows.append([t, len(cs)] + [pc[p] / len(cs) for p in prios])
    section("sea_priority_mix", ["type", "n"] + ["P" + p for p in prios], rows,
            "Seattle extracts, non-ONVIEW calls only (%d of %d), one "
            "neighbourhood (beats C2/C3), 2010-2023.  Priority 1 = most urgent.\n"
            "Counts per type are tiny: indicative only." % (
                len(calls_ex), len(sea["calls"])))

    # ---- Seattle response times ----------------------------------------------------
    def rt_row(label, xs):
        if len(xs) < 3:
            return [label, len(xs), None] + [None] * 9
        lf = lognormal_fit(xs)
        return [label, len(xs), sum(1 for x in xs if x <= 0),
                statistics.mean(xs), statistics.stdev(xs),
                statistics.median(xs), quantile(xs, 0.9), lf["mu"], lf["sigma"],
                lf["D"], lf["crit"],
                "no" if lf["D"] < lf["crit"] else "yes"]
    rows = []
    pgroups = [("P1", {"1"}), ("P2", {"2"}), ("P3", {"3"}), ("P4-6", {"4", "5", "6"})]
    for lbl, ps in pgroups:
        xs = [c["rt"] for c in calls_ex if c["prio"] in ps and c["rt"] is not None]
        rows.append(rt_row(lbl, xs))
    rows.append(rt_row("all", [c["rt"] for c in calls_ex if c["rt"] is not None]))
    for t in ALL_TYPES:
        xs = [c["rt"] for c in calls_ex if c["type"] == t and c["rt"] is not None]
        rows.append(rt_row("type:" + t, xs))
    section("sea_response_minutes",
            ["group", "n", "n_zero", "mean", "sd", "median", "p90", "log_mu",
             "log_sigma", "D_maxgap", "D_crit5", "lognormal_rejected"], rows,
            "Seattle extracts: Arrived Time - Original Time Queued (minutes), "
            "non-ONVIEW calls with an arrival time.\nLognormal: moments of log; "
            "KS distance vs Lilliefors 5%% critical value 0.886/sqrt(n) "
            "(approximate for small n); zero times excluded from the fit.  No arrival: %d of %d non-ONVIEW calls." % (
                sum(1 for c in calls_ex if c["rt"] is None), len(calls_ex)))

    # ---- service time ---------------------------------------------------------
    section("service_time", ["source", "available", "reason"], [
        ["NSH", "no", "only Call_Received; no dispatch/arrival/clear times"],
        ["BRK", "no", "offence date/time only"],
        ["SEA extracts", "no", "queue and arrival times only; no clear time"],
        ["SEA 2015 aggregates", "no", "response-time aggregates only"],
    ], "On-scene/service time cannot be estimated from these data.")

    # ---- overdispersion ----------------------------------------------------------
    rows, rows_acf = [], []
    dN = collections.Counter(r.date for r in N)
    xN = [dN[d] for d in n_days]
    dB = collections.Counter(r.date for r in B)
    xB = [dB[d] for d in b_days]
    for lbl, xs, ds in (("NSH all calls", xN, n_days),
                        ("BRK all offences", xB, b_days)):
        o = overdispersion(xs, ds)
        (r_lo, r_hi), (w_lo, w_hi) = block_bootstrap(xs, ds)
        rows.append([lbl, "raw (nothing removed)", o["n_days"], o["mean"],
                     o["raw"], "%s..%s" % (sig3(r_lo), sig3(r_hi)),
                     o["raw_v"], o["raw_v_mom"], math.sqrt(max(o["raw_v"], 0))])
        rows.append([lbl, "weekday removed", o["n_days"], o["mean"], o["wd"],
                     "%s..%s" % (sig3(w_lo), sig3(w_hi)), o["wd_v"],
                     o["wd_v_mom"], math.sqrt(max(o["wd_v"], 0))])
        rows.append([lbl, "weekday + month removed", o["n_days"], o["mean"],
                     o["wdm"], "", o["wdm_v"], o["wdm_v_mom"],
                     math.sqrt(max(o["wdm_v"], 0))])
        rows_acf.append([lbl, o["min"], o["max"], o["acf1"], o["acf7"], o["months"]])
    section("overdispersion", ["series", "adjustment", "days", "mean_per_day",
                               "var_over_mean", "boot95", "gamma_v",
                               "gamma_v_mom", "gamma_cv"], rows,
            "var_over_mean raw = sample variance (n-1) / mean of daily totals.\n"
            "Adjusted rows: Pearson dispersion sum((x-E)^2/E)/(n-p), E from "
            "weekday means (p=7) or weekday x month IPF fit.\n"
            "gamma_v = (ratio-1)/mean (Var/Mean = 1 + m v); gamma_v_mom = "
            "sum((x-E)^2 - x)/sum(E^2); gamma_cv = sqrt(gamma_v).\n"
            "boot95: moving-block bootstrap (7-day blocks, 2000 reps, fixed seed).")
    section("overdispersion_extra", ["series", "min_day", "max_day",
                                     "acf_lag1_resid", "acf_lag7_resid",
                                     "months"], rows_acf,
            "Autocorrelation of weekday-adjusted relative residuals.")

    # ---- Seattle Times 2015 aggregates ---------------------------------------------
    codes = ["TOTAL", "SHOTS1", "BURGR1", "SUIC1", "ASLTV1", "OD1", "MISSC1"]
    bins = ["0", "7", "10", "20", "30"]
    geo, bd = sea["geo"], sea["breakdown"]
    rows = []
    for code in codes:
        n_tot, w_sum, means, bsum = 0, 0.0, [], [0.0] * 5
        for beat, p in geo.items():
            k = int(float(p[code + "_count"] or 0))
            if k == 0:          # beats without such calls carry mean 0
                continue
            mu = float(p[code + "_decimal"])
            n_tot += k
            w_sum += k * mu
            means.append((mu, beat, k))
            if beat in bd:
                for i, b in enumerate(bins):
                    bsum[i] += k * float(bd[beat][code + "_" + b])
        means.sort()
        rows.append([code, n_tot, w_sum / n_tot,
                     "%s (%s)" % (sig3(means[0][0]), means[0][1]),
                     statistics.median(m for m, _, _ in means),
                     "%s (%s)" % (sig3(means[-1][0]), means[-1][1])]
                    + [s / n_tot for s in bsum])
    section("seattle_times_2015_by_code",
            ["code", "calls", "mean_min", "min_beat_mean", "median_beat_mean",
             "max_beat_mean", "pct_0_7", "pct_7_10", "pct_10_20", "pct_20_30",
             "pct_30plus"], rows,
            "Count-weighted over %d beats; bins are %% of calls (count-weighted "
            "beat percentages).  Beats with no calls of a code are skipped.\n"
            "Code meanings and date range not stated in the files." % len(geo))
    rows = []
    sectors = collections.defaultdict(list)
    for beat in sorted(geo):
        sectors[beat[0]].append(beat)
    for s in sorted(sectors):
        cells = []
        for beat in sectors[s]:
            p = geo[beat]
            cells.append("%s %s (n=%d, <7: %s%%)" % (
                beat, sig3(float(p["TOTAL_decimal"])),
                int(float(p["TOTAL_count"])),
                bd[beat]["TOTAL_0"] if beat in bd else "?"))
        rows.append([s, "; ".join(cells)])
    section("seattle_times_2015_total_by_beat", ["sector", "beats: mean min (calls, % under 7 min)"],
            rows)


if __name__ == "__main__":
    main(sys.argv)
